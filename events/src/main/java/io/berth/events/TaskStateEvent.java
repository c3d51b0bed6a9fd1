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

    String taskArn();

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

    /** Utilization over one sampling period, in percent of the task's reservation. */
    @JsonTypeName("TaskUtilizationReported")
    record TaskUtilizationReported(String clusterArn, String taskArn, String containerInstanceArn, String group,
            double cpuUtilization, double memoryUtilization, Instant periodStart, Instant periodEnd)
            implements TaskStateEvent {
    }
}
