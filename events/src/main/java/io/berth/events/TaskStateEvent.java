package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.berth.events.Shapes.ContainerState;
import java.time.Instant;
import java.util.List;

/**
 * Topic {@value Topics#TASK_STATE_EVENTS}: what node agents observe of the tasks they run, owned
 * by the agent-service. Reports are idempotent: {@code version} orders them per task, and a
 * status never moves backwards.
 */
public sealed interface TaskStateEvent extends BerthEvent {

    String clusterArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    /**
     * {@code lastStatus} is PENDING, RUNNING or STOPPED, as the ECS agent reports it.
     * {@code healthStatus} is the task's health from its essential containers' health checks
     * (HEALTHY, UNHEALTHY, UNKNOWN); null when the agent does not run health checks.
     */
    @JsonTypeName("TaskStateReported")
    record TaskStateReported(String clusterArn, String taskArn, String containerInstanceArn, long version,
            String lastStatus, List<ContainerState> containers, String stopCode, String stoppedReason,
            Instant pullStartedAt, Instant pullStoppedAt, Instant startedAt, Instant executionStoppedAt,
            String healthStatus) implements TaskStateEvent {

        /** A report without health, as agents that run no health checks send it. */
        public TaskStateReported(String clusterArn, String taskArn, String containerInstanceArn, long version,
                String lastStatus, List<ContainerState> containers, String stopCode, String stoppedReason,
                Instant pullStartedAt, Instant pullStoppedAt, Instant startedAt, Instant executionStoppedAt) {
            this(clusterArn, taskArn, containerInstanceArn, version, lastStatus, containers, stopCode, stoppedReason,
                    pullStartedAt, pullStoppedAt, startedAt, executionStoppedAt, null);
        }
    }

    /**
     * Utilization of one task over one sampling period, in percent of the task's reservation. No longer
     * published: {@link InstanceUtilizationReported} carries the samples, one event per instance and period.
     */
    @Retired(replacedBy = InstanceUtilizationReported.class)
    @JsonTypeName("TaskUtilizationReported")
    record TaskUtilizationReported(String clusterArn, String taskArn, String containerInstanceArn, String group,
            double cpuUtilization, double memoryUtilization, Instant periodStart, Instant periodEnd)
            implements TaskStateEvent {
    }

    /**
     * The utilization of every task an agent ran over one sampling period ending at {@code periodEnd}, in percent
     * of each task's reservation: one event per container instance and period, however many tasks it runs
     * ({@code containerInstanceArn} is null for the cluster's Fargate tasks of one agent-service replica).
     * {@code periodStart} is the previous sample; a task that started since reports from its start.
     */
    @JsonTypeName("InstanceUtilizationReported")
    record InstanceUtilizationReported(String clusterArn, String containerInstanceArn, Instant periodStart,
            Instant periodEnd, List<TaskUtilization> samples) implements TaskStateEvent {

        public InstanceUtilizationReported {
            samples = List.copyOf(samples);
        }
    }

    /** One task's share of an {@link InstanceUtilizationReported}; {@code group} as the task was started with. */
    record TaskUtilization(String taskArn, String group, double cpuUtilization, double memoryUtilization) {
    }
}
