package io.berth.agent.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One state of a task as the agent reports it to the control plane. {@code lastStatus} is PENDING, RUNNING or
 * STOPPED, the only task states a real ECS agent reports; {@code version} grows by one with every report of the
 * task, so a receiver can drop stale or repeated ones. {@code stopCode} (see {@link StopCodes}) and
 * {@code stoppedReason} are set once STOPPED; timestamps are null until they happen. {@code healthStatus} is the
 * task's health (see {@link Health#ofTask}), null when none of its essential containers has a health check.
 */
public record TaskReport(String taskArn, long version, String lastStatus, List<ContainerReport> containers,
        String stopCode, String stoppedReason, Instant pullStartedAt, Instant pullStoppedAt, Instant startedAt,
        Instant executionStoppedAt, String healthStatus) {

    public TaskReport {
        containers = List.copyOf(containers);
    }

    /** A report without health. */
    public TaskReport(String taskArn, long version, String lastStatus, List<ContainerReport> containers,
            String stopCode, String stoppedReason, Instant pullStartedAt, Instant pullStoppedAt, Instant startedAt,
            Instant executionStoppedAt) {
        this(taskArn, version, lastStatus, containers, stopCode, stoppedReason, pullStartedAt, pullStoppedAt,
                startedAt, executionStoppedAt, null);
    }

    public Optional<ContainerReport> container(String name) {
        return containers.stream().filter(container -> container.name().equals(name)).findFirst();
    }
}
