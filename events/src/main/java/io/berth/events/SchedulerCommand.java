package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import java.util.List;

/**
 * Topic {@value Topics#SCHEDULER_COMMANDS}: requests that only the scheduler owning a cluster may
 * decide. Keyed by cluster, so the owner of the cluster's partition gets them; the answer is the
 * event the command causes on {@value Topics#TASK_EVENTS}, matched by correlation id. The gateway
 * sends the ECS requests; a scheduler sends the owner {@link FollowTaskReports} and
 * {@link FollowInstanceChanges}, which nobody waits on.
 */
public sealed interface SchedulerCommand extends BerthEvent {

    /** The type of the streams a sender keeps its commands in, one stream per command. */
    String STREAM_TYPE = "scheduler-command";

    String clusterArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    /**
     * RunTask (no {@code containerInstanceArns}) or StartTask (the named instances).
     * {@code taskDefinition} is the resolved revision as DescribeTaskDefinition shows it, so that the
     * scheduler decides without asking anyone. {@code networkConfiguration} and
     * {@code platformVersion} are the request's (null when not given; absent before 2026-12-05).
     */
    @JsonTypeName("PlaceTasks")
    record PlaceTasks(String clusterArn, String taskDefinitionArn, ObjectNode taskDefinition, int count, String group, String startedBy,
            String launchType, List<CapacityProviderStrategyItem> capacityProviderStrategy,
            List<String> containerInstanceArns, List<PlacementConstraint> placementConstraints,
            List<PlacementStrategy> placementStrategy, ObjectNode overrides, List<Tag> tags,
            String propagateTags, String clientToken, NetworkConfiguration networkConfiguration,
            String platformVersion) implements SchedulerCommand {

        /** A RunTask or StartTask without a network configuration or platform version. */
        public PlaceTasks(String clusterArn, String taskDefinitionArn, ObjectNode taskDefinition, int count,
                String group, String startedBy, String launchType,
                List<CapacityProviderStrategyItem> capacityProviderStrategy, List<String> containerInstanceArns,
                List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                ObjectNode overrides, List<Tag> tags, String propagateTags, String clientToken) {
            this(clusterArn, taskDefinitionArn, taskDefinition, count, group, startedBy, launchType,
                    capacityProviderStrategy, containerInstanceArns, placementConstraints, placementStrategy,
                    overrides, tags, propagateTags, clientToken, null, null);
        }
    }

    /**
     * CreateService, UpdateService or DeleteService ({@code operation}) with the request as the ECS
     * API gives it, and the resolved task definition revision when the request names one.
     */
    @JsonTypeName("ManageService")
    record ManageService(String clusterArn, String operation, ObjectNode request, ObjectNode taskDefinition)
            implements SchedulerCommand {
    }

    /** TagResource ({@code tags}) or UntagResource ({@code tagKeys}) of a task or service of the cluster. */
    @JsonTypeName("TagSchedulerResource")
    record TagResource(String clusterArn, String resourceArn, List<Tag> tags, List<String> tagKeys)
            implements SchedulerCommand {
    }

    /**
     * StopTask, or a Fargate Spot interruption ({@code stopCode} TerminationNotice, from Berth's
     * fault injection); a null {@code stopCode} is a user's stop (absent before 2026-12-05).
     */
    @JsonTypeName("StopTask")
    record StopTask(String clusterArn, String taskArn, String reason, String stopCode) implements SchedulerCommand {

        /** A user's StopTask. */
        public StopTask(String clusterArn, String taskArn, String reason) {
            this(clusterArn, taskArn, reason, null);
        }
    }

    /**
     * Sent by the scheduler that applied agents' reports of the cluster's tasks while another owns the
     * cluster (ADR 0056), in the reports' transaction: the owner lets the tasks that stopped go from its
     * placement index ({@code stoppedTaskArns}) and reconciles the services whose tasks changed
     * ({@code serviceArns}), as it would had it applied the reports itself. Not answered.
     */
    @JsonTypeName("FollowTaskReports")
    record FollowTaskReports(String clusterArn, List<String> serviceArns, List<String> stoppedTaskArns)
            implements SchedulerCommand {

        /** An absent list is an empty one. */
        public FollowTaskReports {
            serviceArns = serviceArns == null ? List.of() : List.copyOf(serviceArns);
            stoppedTaskArns = stoppedTaskArns == null ? List.of() : List.copyOf(stoppedTaskArns);
        }
    }

    /**
     * Sent by the scheduler that applied changes of the cluster's container instances (registered,
     * draining, agent lost or back, attributes, deregistered) while another owns the cluster (ADR 0056),
     * in the changes' transaction: the owner reads the named instances again into its placement index —
     * an instance no longer registered leaves it — and tries again what waits for capacity. Not answered.
     */
    @JsonTypeName("FollowInstanceChanges")
    record FollowInstanceChanges(String clusterArn, List<String> containerInstanceArns) implements SchedulerCommand {

        /** An absent list is an empty one. */
        public FollowInstanceChanges {
            containerInstanceArns = containerInstanceArns == null ? List.of() : List.copyOf(containerInstanceArns);
        }
    }
}
