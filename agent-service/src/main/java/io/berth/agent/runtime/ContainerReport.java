package io.berth.agent.runtime;

import java.util.List;

/**
 * What the agent reports about one container: {@code lastStatus} PENDING, RUNNING or STOPPED; the exit code once it
 * has stopped (null when it never ran or the runtime could not tell); a reason; its bindings once RUNNING.
 */
public record ContainerReport(String name, String lastStatus, Integer exitCode, String reason,
        List<Binding> networkBindings) {

    public ContainerReport {
        networkBindings = List.copyOf(networkBindings);
    }
}
