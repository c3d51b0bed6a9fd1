package io.berth.scheduler.service;

import java.util.List;

/** What the scheduler must do to the service's tasks; the reconciler decides, the scheduler carries out. */
public sealed interface Action permits Action.StartTasks, Action.StopTasks {

    /** The ECS {@code stopCode} of every stop the service scheduler requests. */
    String SERVICE_SCHEDULER_INITIATED = "ServiceSchedulerInitiated";
    /** The ECS {@code stoppedReason} of a task stopped for failing its container health checks. */
    String FAILED_HEALTH_CHECKS = "Task failed container health checks";

    /** The ECS {@code stoppedReason} of a scale-in or a deployment replacement. */
    static String scalingActivity(String deploymentId) {
        return "Scaling activity initiated by (deployment " + deploymentId + ")";
    }

    /**
     * Start tasks of a deployment, placed with the service's constraints and strategies, in the group
     * {@code service:<name>}, with {@code startedBy} = {@code deploymentId}.
     *
     * @param onInstances for a DAEMON service one task on each listed instance (StartTask-style);
     *     empty for a REPLICA service, whose tasks the placement engine places
     */
    record StartTasks(String deploymentId, String taskDefinitionArn, int count, List<String> onInstances)
            implements Action {

        public StartTasks {
            onInstances = List.copyOf(onInstances);
            if (count < 1 || (!onInstances.isEmpty() && onInstances.size() != count)) {
                throw new IllegalArgumentException("count " + count + " does not fit instances " + onInstances);
            }
        }
    }

    /** Stop tasks: desiredStatus STOPPED with this stopCode and stoppedReason. */
    record StopTasks(List<String> taskArns, String stopCode, String reason) implements Action {

        public StopTasks {
            taskArns = List.copyOf(taskArns);
        }
    }
}
