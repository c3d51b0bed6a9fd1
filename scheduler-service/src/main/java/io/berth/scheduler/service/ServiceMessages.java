package io.berth.scheduler.service;

import io.berth.scheduler.task.TaskPlacer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The texts of the service event messages, as ECS words them (DG {@code service-event-messages}).
 * Every message starts with {@code (service <name>)}; tasks and instances are named by the last part
 * of their ARN. Pure, so the scheduler can build the messages that only exist after placement (started
 * tasks, placement failures) the same way the reconciler builds the rest.
 */
public final class ServiceMessages {

    /** The placement engine's reason when the cluster has no container instance at all. */
    public static final String NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";
    /** ECS's reason while a service's tasks wait in PROVISIONING for their capacity provider's instances. */
    public static final String NO_CAPACITY_PROVIDER_INSTANCES =
            "No Container Instances were found in your capacity provider.";
    /** Tasks past the cluster's quota of tasks waiting for capacity fail (ADR 0039). */
    public static final String PROVISIONING_LIMIT = TaskPlacer.PROVISIONING_LIMIT;
    private static final String NO_INSTANCE_MET = " was unable to place a task because no container instance met all"
            + " of its requirements.";
    private static final String TROUBLESHOOTING = " For more information, see the Troubleshooting section.";
    /** What the closest instance lacked, by the placement failure reason. */
    private static final Map<String, String> CLOSEST = Map.of(
            "RESOURCE:CPU", "has insufficient CPU units available.",
            "RESOURCE:MEMORY", "has insufficient memory available.",
            "RESOURCE:PORTS", "is already using a port required by your task.",
            "RESOURCE:PORTS_UDP", "is already using a port required by your task.");

    private ServiceMessages() {
    }

    /** {@code (service web) has started 2 tasks: (task a) (task b).} (ECS says "tasks" for one too.) */
    public static String started(String serviceName, List<String> taskArns) {
        return prefix(serviceName) + " has started " + taskArns.size() + " tasks: " + tasks(taskArns) + ".";
    }

    /** {@code (service web) has stopped 1 running tasks: (task a).} */
    public static String stopped(String serviceName, List<String> taskArns) {
        return prefix(serviceName) + " has stopped " + taskArns.size() + " running tasks: " + tasks(taskArns) + ".";
    }

    /**
     * A task set ran its computed desired count (ECS's TASKSET_STEADY_STATE). ECS names the task set
     * beside the service in the messages of a service with task sets.
     */
    public static String taskSetSteadyState(String serviceName, String taskSetId) {
        return "(service " + serviceName + ", taskSet " + taskSetId + ") has reached a steady state.";
    }

    public static String steadyState(String serviceName) {
        return prefix(serviceName) + " has reached a steady state.";
    }

    public static String deploymentCompleted(String serviceName, String deploymentId) {
        return prefix(serviceName) + " (deployment " + deploymentId + ") deployment completed.";
    }

    public static String deploymentFailed(String serviceName, String deploymentId) {
        return prefix(serviceName) + " (deployment " + deploymentId + ") deployment failed: tasks failed to start.";
    }

    public static String unableToProgress(String serviceName) {
        return prefix(serviceName) + " was unable to stop or start tasks during a deployment because of the service"
                + " deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.";
    }

    public static String failedHealthChecks(String serviceName, String taskArn) {
        return prefix(serviceName) + " (task " + idOf(taskArn) + ") failed container health checks.";
    }

    /**
     * A task the placement engine could not place.
     *
     * @param reason the placement failure reason ({@code RESOURCE:MEMORY}, {@code AGENT},
     *     {@code MemberOf placement constraint unsatisfied.}, …) or {@link #NO_CONTAINER_INSTANCES}
     * @param closestInstanceArn the instance that came closest; null when there was none, and then a
     *     reason other than the empty cluster is reported as {@code Reason: <text>.}
     */
    public static String unableToPlace(String serviceName, String reason, String closestInstanceArn) {
        if (reason == null || NO_CONTAINER_INSTANCES.equals(reason)) {
            return prefix(serviceName) + NO_INSTANCE_MET + " Reason: " + NO_CONTAINER_INSTANCES + TROUBLESHOOTING;
        }
        if (closestInstanceArn == null) {
            return prefix(serviceName) + " was unable to place a task. Reason: " + withoutFinalStop(reason) + ".";
        }
        String lacked = CLOSEST.getOrDefault(reason, "encountered error \"" + reason + "\".");
        return prefix(serviceName) + NO_INSTANCE_MET + " The closest matching (container-instance "
                + idOf(closestInstanceArn) + ") " + lacked + TROUBLESHOOTING;
    }

    /** The last part of an ARN: the task or container instance id. */
    static String idOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String prefix(String serviceName) {
        return "(service " + serviceName + ")";
    }

    private static String tasks(List<String> taskArns) {
        return taskArns.stream().map(arn -> "(task " + idOf(arn) + ")").collect(Collectors.joining(" "));
    }

    private static String withoutFinalStop(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
