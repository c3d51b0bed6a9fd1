package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.Failure;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.Shapes.PlacementDiagnostics;
import io.berth.events.Shapes.Tag;
import java.util.List;
import java.util.UUID;

/** Topic {@value Topics#TASK_EVENTS}: placement and stop decisions, owned by the scheduler-service. */
public sealed interface TaskEvent extends BerthEvent {

    String clusterArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    /**
     * A task placed on an instance, with everything its agent needs to run it: the task definition
     * revision, the overrides and the host ports the scheduler reserved ({@code portBindings}, the
     * dynamic ones resolved). {@code cpu} and {@code memory} are what the task reserves.
     */
    @JsonTypeName("TaskPlaced")
    record TaskPlaced(String clusterArn, String taskArn, String taskDefinitionArn, String containerInstanceArn,
            String group, String startedBy, String launchType, String capacityProviderName, int cpu, int memory,
            List<NetworkBinding> portBindings, ObjectNode taskDefinition, ObjectNode overrides, List<Tag> tags,
            PlacementDiagnostics diagnostics) implements TaskEvent {
    }

    /** {@code failures} are the RunTask failures ECS would return, closest instance first. */
    @JsonTypeName("TaskPlacementFailed")
    record TaskPlacementFailed(String clusterArn, String taskDefinitionArn, String group, int count,
            List<Failure> failures, PlacementDiagnostics diagnostics) implements TaskEvent {
    }

    /**
     * The answer to the {@link SchedulerCommand} whose event id is {@code commandId}: the tasks it
     * placed or stopped and the failures, or the ECS error that refused it ({@code errorType} and
     * {@code errorMessage}, both null on success). The gateway waits for it.
     */
    @JsonTypeName("SchedulerCommandAnswered")
    record SchedulerCommandAnswered(String clusterArn, UUID commandId, List<String> taskArns, List<Failure> failures,
            String errorType, String errorMessage) implements TaskEvent {
    }

    /** The complete set of tags of the task after a TagResource or UntagResource. */
    @JsonTypeName("TaskTagsChanged")
    record TaskTagsChanged(String clusterArn, String taskArn, List<Tag> tags) implements TaskEvent {
    }

    /** The scheduler wants the task stopped; the agent of its instance carries it out. */
    @JsonTypeName("TaskStopRequested")
    record TaskStopRequested(String clusterArn, String taskArn, String containerInstanceArn, String stopCode,
            String reason) implements TaskEvent {
    }
}
