package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostPortAllocatorTest {

    final HostPortAllocator books = new HostPortAllocator(HostPortAllocator.BOOKS_ONLY);

    static List<ContainerSpec> containers(PortSpec... ports) {
        return List.of(Specs.withPorts(Specs.container("app", "x"), ports));
    }

    static List<Integer> hostPorts(HostPortAllocator.Allocation allocation) {
        return allocation.bindings().get("app").stream().map(Binding::hostPort).toList();
    }

    @Test
    void staticPortsAsAskedAndDynamicOnesFromTheEphemeralRange() throws Exception {
        HostPortAllocator.Allocation allocation = books.allocate("t1",
                containers(new PortSpec(80, 8080, "tcp"), new PortSpec(443, 0, "tcp")));

        List<Binding> bindings = allocation.bindings().get("app");
        assertThat(bindings.get(0)).isEqualTo(new Binding("0.0.0.0", 80, 8080, "tcp"));
        assertThat(bindings.get(1).containerPort()).isEqualTo(443);
        assertThat(bindings.get(1).hostPort()).isBetween(32768, 60999);
    }

    @Test
    void liveTasksNeverShareADynamicPort() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int task = 0; task < 50; task++) {
            seen.addAll(hostPorts(books.allocate("t" + task,
                    containers(new PortSpec(80, 0, "tcp"), new PortSpec(81, 0, "tcp")))));
        }

        assertThat(seen).hasSize(100).allSatisfy(port -> assertThat(port).isBetween(32768, 60999));
    }

    @Test
    void aStaticPortHeldByALiveTaskIsRefusedUntilReleased() throws Exception {
        books.allocate("t1", containers(new PortSpec(80, 8080, "tcp")));

        assertThatThrownBy(() -> books.allocate("t2", containers(new PortSpec(80, 8080, "tcp"))))
                .isInstanceOf(PortUnavailableException.class).hasMessage("port 8080 is already in use");
        books.release("t1");
        assertThat(hostPorts(books.allocate("t2", containers(new PortSpec(80, 8080, "tcp"))))).containsExactly(8080);
    }

    @Test
    void tcpAndUdpAreSeparatePortSpaces() throws Exception {
        books.allocate("t1", containers(new PortSpec(53, 5353, "tcp")));

        assertThat(hostPorts(books.allocate("t2", containers(new PortSpec(53, 5353, "udp"))))).containsExactly(5353);
    }

    @Test
    void aTaskGetsAllItsPortsOrNone() throws Exception {
        books.allocate("t1", containers(new PortSpec(80, 9090, "tcp")));

        assertThatThrownBy(() -> books.allocate("t2",
                containers(new PortSpec(80, 8080, "tcp"), new PortSpec(81, 9090, "tcp"))))
                .isInstanceOf(PortUnavailableException.class).hasMessage("port 9090 is already in use");
        assertThat(hostPorts(books.allocate("t3", containers(new PortSpec(80, 8080, "tcp"))))).containsExactly(8080);
    }

    @Test
    void oneTaskCannotMapTheSameHostPortTwice() {
        assertThatThrownBy(() -> books.allocate("t1",
                containers(new PortSpec(80, 8080, "tcp"), new PortSpec(81, 8080, "tcp"))))
                .isInstanceOf(PortUnavailableException.class).hasMessage("port 8080 is already in use");
    }

    @Test
    void aReleasedDynamicPortIsNotHandedOutAgainAtOnce() throws Exception {
        int first = hostPorts(books.allocate("t1", containers(new PortSpec(80, 0, "tcp")))).get(0);
        books.release("t1");

        int second = hostPorts(books.allocate("t2", containers(new PortSpec(80, 0, "tcp")))).get(0);

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void portsTheProbeFindsTakenAreRefusedOrSkipped() throws Exception {
        Set<Integer> takenElsewhere = Set.of(8080, 32768, 32769);
        HostPortAllocator allocator = new HostPortAllocator((port, protocol) -> {
            if (takenElsewhere.contains(port)) {
                throw new BindException("Address already in use");
            }
            return () -> { };
        });

        assertThatThrownBy(() -> allocator.allocate("t1", containers(new PortSpec(80, 8080, "tcp"))))
                .isInstanceOf(PortUnavailableException.class).hasMessage("port 8080 is already in use");
        assertThat(hostPorts(allocator.allocate("t2", containers(new PortSpec(80, 0, "tcp"))))).containsExactly(32770);
    }

    @Test
    void saysSoWhenNoDynamicPortIsLeft() {
        HostPortAllocator full = new HostPortAllocator((port, protocol) -> {
            throw new BindException("Address already in use");
        });

        assertThatThrownBy(() -> full.allocate("t1", containers(new PortSpec(80, 0, "udp"))))
                .isInstanceOf(PortUnavailableException.class)
                .hasMessage("no free udp host port between 32768 and 60999");
    }

    @Test
    void holdsAreClosedWhenReleasedAndWhenTheAllocationFails() throws Exception {
        List<Integer> closed = new ArrayList<>();
        HostPortAllocator allocator = new HostPortAllocator((port, protocol) -> {
            if (port == 9999) {
                throw new BindException("Address already in use");
            }
            Closeable hold = () -> closed.add(port);
            return hold;
        });

        HostPortAllocator.Allocation allocation = allocator.allocate("t1", containers(new PortSpec(80, 8080, "tcp")));
        assertThat(closed).isEmpty();
        allocation.releaseHolds();
        assertThat(closed).containsExactly(8080);

        assertThatThrownBy(() -> allocator.allocate("t2",
                containers(new PortSpec(80, 7070, "tcp"), new PortSpec(81, 9999, "tcp"))))
                .isInstanceOf(PortUnavailableException.class);
        assertThat(closed).containsExactly(8080, 7070);
    }

    @Test
    void theSocketProbeHoldsARealPortAndFailsOnABusyOne() throws IOException {
        try (ServerSocket busyTcp = new ServerSocket(0); DatagramSocket busyUdp = new DatagramSocket(0)) {
            assertThatThrownBy(() -> HostPortAllocator.SOCKETS.hold(busyTcp.getLocalPort(), "tcp"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> HostPortAllocator.SOCKETS.hold(busyUdp.getLocalPort(), "udp"))
                    .isInstanceOf(IOException.class);
        }
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        Closeable hold = HostPortAllocator.SOCKETS.hold(free, "tcp");
        assertThatThrownBy(() -> new ServerSocket(free).close()).isInstanceOf(IOException.class);
        hold.close();
        new ServerSocket(free).close();
    }

    @Test
    void bindingsAreKeyedByContainer() throws Exception {
        HostPortAllocator.Allocation allocation = books.allocate("t1", List.of(
                Specs.withPorts(Specs.container("web", "x"), new PortSpec(80, 8081, "tcp")),
                Specs.container("worker", "x")));

        assertThat(allocation.bindings()).isEqualTo(Map.of(
                "web", List.of(new Binding("0.0.0.0", 80, 8081, "tcp")),
                "worker", List.of()));
    }
}
