package io.berth.agent.runtime;

import java.util.List;

/**
 * What the agent reports about one container: {@code lastStatus} PENDING, RUNNING or STOPPED; the exit code once it
 * has stopped (null when it never ran or the runtime could not tell); a reason; its bindings once RUNNING; its
 * {@code healthStatus} (HEALTHY, UNHEALTHY, UNKNOWN) when it has a health check, else null; the engine's id of the
 * container ({@code runtimeId}) where an engine runs it, else null.
 */
public record ContainerReport(String name, String lastStatus, Integer exitCode, String reason,
        List<Binding> networkBindings, String healthStatus, String runtimeId) {

    public ContainerReport {
        networkBindings = List.copyOf(networkBindings);
    }

    /** A container without a health check, run by no engine. */
    public ContainerReport(String name, String lastStatus, Integer exitCode, String reason,
            List<Binding> networkBindings) {
        this(name, lastStatus, exitCode, reason, networkBindings, null, null);
    }

    ContainerReport withStatus(String status, Integer exitCode, String reason, List<Binding> bindings) {
        return new ContainerReport(name, status, exitCode, reason, bindings, healthStatus, runtimeId);
    }

    ContainerReport withHealth(String health) {
        return new ContainerReport(name, lastStatus, exitCode, reason, networkBindings, health, runtimeId);
    }

    ContainerReport withRuntimeId(String id) {
        return new ContainerReport(name, lastStatus, exitCode, reason, networkBindings, healthStatus, id);
    }
}
