package io.berth.agent.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host ports of one host: a static port as the task asks for it, a dynamic one from the Linux ephemeral range
 * 32768-60999, and never one port (per protocol) to two live tasks. Dynamic ports are handed out round-robin, so a
 * port just released is not reused at once. Thread-safe.
 */
final class HostPortAllocator {

    static final int FIRST_DYNAMIC_PORT = 32768;
    static final int LAST_DYNAMIC_PORT = 60999;

    /** Takes a port on the host, proving it free, until the returned handle is closed; throws when it is not free. */
    @FunctionalInterface
    interface Probe {
        Closeable hold(int port, String protocol) throws IOException;
    }

    /** For hosts that exist only in this allocator's books. */
    static final Probe BOOKS_ONLY = (port, protocol) -> () -> { };

    /** Binds a socket on all interfaces, as the container's process will. */
    static final Probe SOCKETS = (port, protocol) -> "udp".equals(protocol) ? new DatagramSocket(port)
            : new ServerSocket(port);

    private record Key(int port, String protocol) {
    }

    /**
     * The bindings of a task's containers, by container name, and the probes' handles on the ports, to be released
     * just before the processes that will bind them start.
     */
    record Allocation(Map<String, List<Binding>> bindings, List<Closeable> holds) {

        void releaseHolds() {
            closeAll(holds);
        }
    }

    private final Probe probe;
    private final Set<Key> inUse = new HashSet<>();
    private final Map<String, List<Key>> byTask = new HashMap<>();
    private int nextDynamic = FIRST_DYNAMIC_PORT;

    HostPortAllocator(Probe probe) {
        this.probe = probe;
    }

    /** Host ports for all of a task's port mappings, or none of them. */
    synchronized Allocation allocate(String taskArn, List<ContainerSpec> containers)
            throws PortUnavailableException {
        List<Key> taken = new ArrayList<>();
        List<Closeable> holds = new ArrayList<>();
        Map<String, List<Binding>> bindings = new LinkedHashMap<>();
        try {
            for (ContainerSpec container : containers) {
                List<Binding> containerBindings = new ArrayList<>();
                for (PortSpec port : container.portMappings()) {
                    Key key = port.isDynamic() ? dynamic(port.protocol(), holds) : fixed(port, holds);
                    inUse.add(key);
                    taken.add(key);
                    containerBindings.add(Binding.of(port, key.port()));
                }
                bindings.put(container.name(), List.copyOf(containerBindings));
            }
        } catch (PortUnavailableException e) {
            taken.forEach(inUse::remove);
            closeAll(holds);
            throw e;
        }
        byTask.put(taskArn, taken);
        return new Allocation(bindings, holds);
    }

    /** Books ports a task already holds (found again after a restart), without probing them. */
    synchronized void reserve(String taskArn, List<Binding> bindings) {
        List<Key> keys = bindings.stream().map(b -> new Key(b.hostPort(), b.protocol())).toList();
        inUse.addAll(keys);
        byTask.put(taskArn, keys);
    }

    /** Gives back the ports of a task; a task holding none is ignored. */
    synchronized void release(String taskArn) {
        List<Key> keys = byTask.remove(taskArn);
        if (keys != null) {
            keys.forEach(inUse::remove);
        }
    }

    private Key fixed(PortSpec port, List<Closeable> holds) throws PortUnavailableException {
        Key key = new Key(port.hostPort(), port.protocol());
        if (inUse.contains(key)) {
            throw PortUnavailableException.inUse(port.hostPort());
        }
        try {
            holds.add(probe.hold(key.port(), key.protocol()));
        } catch (IOException e) {
            throw PortUnavailableException.inUse(port.hostPort());
        }
        return key;
    }

    private Key dynamic(String protocol, List<Closeable> holds) throws PortUnavailableException {
        for (int tried = 0; tried <= LAST_DYNAMIC_PORT - FIRST_DYNAMIC_PORT; tried++) {
            Key key = new Key(nextDynamic, protocol);
            nextDynamic = nextDynamic == LAST_DYNAMIC_PORT ? FIRST_DYNAMIC_PORT : nextDynamic + 1;
            if (inUse.contains(key)) {
                continue;
            }
            try {
                holds.add(probe.hold(key.port(), protocol));
                return key;
            } catch (IOException e) {
                // Taken by something outside this allocator: try the next port.
            }
        }
        throw new PortUnavailableException(
                "no free " + protocol + " host port between " + FIRST_DYNAMIC_PORT + " and " + LAST_DYNAMIC_PORT);
    }

    private static void closeAll(List<Closeable> holds) {
        for (Closeable hold : holds) {
            try {
                hold.close();
            } catch (IOException e) {
                // A socket that fails to close is released by the operating system anyway.
            }
        }
    }
}
