package io.berth.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops a container's process together with the processes it started, as stopping a Docker container ends every
 * process in it. Children are found while the process lives; children that outlived it are not tracked.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** SIGTERM to the process and its descendants now, SIGKILL to any of them still alive after the timeout. */
    static void terminate(Process process, Duration timeout, ScheduledExecutorService scheduler) {
        List<ProcessHandle> signalled = members(process);
        signalled.forEach(ProcessHandle::destroy);
        scheduler.schedule(() -> kill(process, signalled), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** SIGKILL to the process and its descendants. */
    static void kill(Process process) {
        kill(process, List.of());
    }

    /**
     * Also kills members signalled earlier that have since left the tree because their parent died.
     * The process itself goes first: killed after its children, a shell waiting for them could still
     * exit 0 on its own, and the container would not report the SIGKILL (137) it was stopped with.
     */
    private static void kill(Process process, List<ProcessHandle> signalledEarlier) {
        List<ProcessHandle> rest = Stream.concat(signalledEarlier.stream(), members(process).stream()).toList();
        process.toHandle().destroyForcibly();
        rest.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Descendants first, so none is left without its signal when the parent dies of its own. */
    private static List<ProcessHandle> members(Process process) {
        return Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    }
}
