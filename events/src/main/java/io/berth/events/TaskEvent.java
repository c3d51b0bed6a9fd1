package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.Eni;
import io.berth.events.Shapes.Failure;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementDiagnostics;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Topic {@value Topics#TASK_EVENTS}: placement and stop decisions, owned by the scheduler-service.
 * The events of one task's stream ({@code task} + its ARN), folded in order, are the task as
 * DescribeTasks shows it.
 */
public sealed interface TaskEvent extends BerthEvent {

    String clusterArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    /**
     * A task placed on an instance, with everything its agent needs to run it: the task definition
     * revision, the overrides and the host ports the scheduler reserved ({@code portBindings}, the
     * dynamic ones resolved). {@code cpu} and {@code memory} are what the task reserves;
     * {@code availabilityZone} is the instance's and {@code at} the task's {@code createdAt} (both
     * absent in events written before 2026-12-05). A Fargate task has no {@code containerInstanceArn};
     * it has its {@code eni}, the resolved {@code platformVersion} and its {@code platformFamily}
     * (null on other launch types).
     */
    @JsonTypeName("TaskPlaced")
    record TaskPlaced(String clusterArn, String taskArn, String taskDefinitionArn, String containerInstanceArn,
            String group, String startedBy, String launchType, String capacityProviderName, int cpu, int memory,
            List<NetworkBinding> portBindings, ObjectNode taskDefinition, ObjectNode overrides, List<Tag> tags,
            PlacementDiagnostics diagnostics, String availabilityZone, Instant at, Eni eni, String platformVersion,
            String platformFamily) implements TaskEvent {

        /** A placement on a container instance. */
        public TaskPlaced(String clusterArn, String taskArn, String taskDefinitionArn, String containerInstanceArn,
                String group, String startedBy, String launchType, String capacityProviderName, int cpu, int memory,
                List<NetworkBinding> portBindings, ObjectNode taskDefinition, ObjectNode overrides, List<Tag> tags,
                PlacementDiagnostics diagnostics, String availabilityZone, Instant at) {
            this(clusterArn, taskArn, taskDefinitionArn, containerInstanceArn, group, startedBy, launchType,
                    capacityProviderName, cpu, memory, portBindings, taskDefinition, overrides, tags, diagnostics,
                    availabilityZone, at, null, null, null);
        }

        public boolean onFargate() {
            return containerInstanceArn == null && "FARGATE".equals(launchType);
        }

        /** A placement without its zone and time, as events written before 2026-12-05 are. */
        public TaskPlaced(String clusterArn, String taskArn, String taskDefinitionArn, String containerInstanceArn,
                String group, String startedBy, String launchType, String capacityProviderName, int cpu, int memory,
                List<NetworkBinding> portBindings, ObjectNode taskDefinition, ObjectNode overrides, List<Tag> tags,
                PlacementDiagnostics diagnostics) {
            this(clusterArn, taskArn, taskDefinitionArn, containerInstanceArn, group, startedBy, launchType,
                    capacityProviderName, cpu, memory, portBindings, taskDefinition, overrides, tags, diagnostics, null,
                    null, null, null, null);
        }
    }

    /** {@code failures} are the RunTask failures ECS would return, closest instance first. */
    @JsonTypeName("TaskPlacementFailed")
    record TaskPlacementFailed(String clusterArn, String taskDefinitionArn, String group, int count,
            List<Failure> failures, PlacementDiagnostics diagnostics) implements TaskEvent {
    }

    /**
     * The answer to the {@link SchedulerCommand} whose event id is {@code commandId}: the tasks it
     * placed or stopped and the failures, or the ECS error that refused it ({@code errorType} and
     * {@code errorMessage}, both null on success). The gateway waits for it. {@code written} names
     * the outbox positions of what deciding the command wrote, as a read-your-writes header carries
     * them (ADR 0033), so that the caller's next calls wait for them; null for none (and in answers
     * recorded before it existed).
     *
     * <p>{@code errorStatus} is the HTTP status the refusal is answered with: 400 for a client's
     * error, 503 for one worth retrying as it is (the caller's earlier writes had not reached the
     * scheduler yet), 500 for a failure of the scheduler; null on success and in answers recorded
     * before 2026-12-05, which the gateway reads as 400, or 500 for a {@code ServerException}.
     * {@code tasks} are the tasks the command placed or stopped as DescribeTasks shows them with
     * their tags, in the order of {@code taskArns}, so that the gateway answers without reading them
     * back (ADR 0036); null for other commands and in earlier answers. {@code service} is, likewise,
     * the service a CreateService, UpdateService or DeleteService left, as DescribeServices shows it
     * with its tags.
     */
    @JsonTypeName("SchedulerCommandAnswered")
    record SchedulerCommandAnswered(String clusterArn, UUID commandId, List<String> taskArns, List<Failure> failures,
            String errorType, String errorMessage, String written, Integer errorStatus, List<ObjectNode> tasks,
            ObjectNode service) implements TaskEvent {
    }

    /** The complete set of tags of the task after a TagResource or UntagResource. */
    @JsonTypeName("TaskTagsChanged")
    record TaskTagsChanged(String clusterArn, String taskArn, List<Tag> tags) implements TaskEvent {
    }

    /**
     * The scheduler wants the task stopped; the agent of its instance carries it out. {@code at} is
     * the task's {@code stoppingAt}.
     */
    @JsonTypeName("TaskStopRequested")
    record TaskStopRequested(String clusterArn, String taskArn, String containerInstanceArn, String stopCode,
            String reason, Instant at) implements TaskEvent {

        /** A stop request without its time, as events written before 2026-12-05 are. */
        public TaskStopRequested(String clusterArn, String taskArn, String containerInstanceArn, String stopCode,
                String reason) {
            this(clusterArn, taskArn, containerInstanceArn, stopCode, reason, null);
        }
    }

    /**
     * What an agent's report (the {@code TaskStateReported} of version {@code reportVersion}) made of
     * the task: its status, containers and timestamps as they are now. Written only when the report
     * changed something, never backwards.
     */
    @JsonTypeName("TaskStateChanged")
    record TaskStateChanged(String clusterArn, String taskArn, String containerInstanceArn, long reportVersion,
            String lastStatus, String desiredStatus, String healthStatus, String connectivity,
            List<ContainerState> containers, String stopCode, String stoppedReason, Instant pullStartedAt,
            Instant pullStoppedAt, Instant startedAt, Instant executionStoppedAt, Instant stoppingAt,
            Instant stoppedAt) implements TaskEvent {
    }

    /**
     * The whole task as the scheduler held it when its stream became its source of truth (migration
     * {@code V20261205.0100}): {@code task} as DescribeTasks showed it, and what the scheduler kept
     * beside it. The stream's earlier events lack members, so a fold starts over here. Written by
     * that migration only, into the event store, and never published.
     */
    @JsonTypeName("TaskImported")
    record TaskImported(String clusterArn, String taskArn, ObjectNode task, List<Tag> tags,
            List<NetworkBinding> portBindings, PlacementDiagnostics diagnostics, long reportVersion)
            implements TaskEvent {
    }

    /**
     * A task accepted in PROVISIONING because no instance of its capacity provider, which has managed
     * scaling, can hold it yet (reference autoscaling-groups.md §4.4): it has no instance, holds
     * nothing, and waits until one registers or frees room (then a {@link TaskPlaced} of the same
     * task follows on its stream) or until the wait's limit (then it stops with TaskFailedToStart).
     * It carries what its placement will need: the revision, overrides, tags, the launch's placement
     * constraints and strategies; {@code reason} is what was missing ({@code RESOURCE:MEMORY}, …)
     * and {@code at} the task's {@code createdAt}.
     */
    @JsonTypeName("TaskAwaitingCapacity")
    record TaskAwaitingCapacity(String clusterArn, String taskArn, String taskDefinitionArn, String group,
            String startedBy, String capacityProviderName, int cpu, int memory, ObjectNode taskDefinition,
            ObjectNode overrides, List<Tag> tags, List<PlacementConstraint> placementConstraints,
            List<PlacementStrategy> placementStrategy, String reason, Instant at) implements TaskEvent {
    }

    /**
     * ECS's CapacityProviderReservation metric of one capacity provider with managed scaling in one
     * cluster, as the scheduler measures it (reference: autoscaling-groups.md §4.1–4.2):
     * {@code instancesNeeded} (M: instances running non-daemon tasks plus the instances the provider's
     * PROVISIONING tasks need, within the provider's scaling step sizes), {@code instancesRunning} (N:
     * the provider's registered instances), {@code reservation} = M / N × 100 with ECS's special cases
     * (N = 0 and M > 0 → 200, M = N = 0 → 100). {@code emptyInstances} are the EC2 instance ids of the
     * provider's instances that run no task or only daemon tasks; {@code provisioningTasks} how many tasks
     * wait for this provider. Written when a value changes, and at most once a minute otherwise.
     */
    @JsonTypeName("CapacityProviderReservationMeasured")
    record CapacityProviderReservationMeasured(String clusterArn, String capacityProviderName,
            String autoScalingGroupArn, int instancesNeeded, int instancesRunning, int reservation,
            int provisioningTasks, List<String> emptyInstances, Instant at) implements TaskEvent {
    }
}
