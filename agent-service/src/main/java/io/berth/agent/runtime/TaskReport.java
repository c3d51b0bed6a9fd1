package io.berth.agent.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One state of a task as the agent reports it to the control plane. {@code lastStatus} is PENDING, RUNNING or
 * STOPPED, the only task states a real ECS agent reports; {@code version} grows by one with every report of the
 * task, so a receiver can drop stale or repeated ones. {@code stopCode} (see {@link StopCodes}) and
 * {@code stoppedReason} are set once STOPPED; timestamps are null until they happen.
 */
public record TaskReport(String taskArn, long version, String lastStatus, List<ContainerReport> containers,
        String stopCode, String stoppedReason, Instant pullStartedAt, Instant pullStoppedAt, Instant startedAt,
        Instant executionStoppedAt) {

    public TaskReport {
        containers = List.copyOf(containers);
    }

    public Optional<ContainerReport> container(String name) {
        return containers.stream().filter(container -> container.name().equals(name)).findFirst();
    }
}
