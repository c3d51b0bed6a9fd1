package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.berth.events.Shapes.Failure;
import io.berth.events.Shapes.PlacementDiagnostics;
import java.util.List;

/** Topic {@value Topics#TASK_EVENTS}: placement and stop decisions, owned by the scheduler-service. */
public sealed interface TaskEvent extends BerthEvent {

    String clusterArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    @JsonTypeName("TaskPlaced")
    record TaskPlaced(String clusterArn, String taskArn, String taskDefinitionArn, String containerInstanceArn,
            String group, String startedBy, String launchType, String capacityProviderName, int cpu, int memory,
            List<String> reservedPorts, PlacementDiagnostics diagnostics) implements TaskEvent {
    }

    /** {@code failures} are the RunTask failures ECS would return, closest instance first. */
    @JsonTypeName("TaskPlacementFailed")
    record TaskPlacementFailed(String clusterArn, String taskDefinitionArn, String group, int count,
            List<Failure> failures, PlacementDiagnostics diagnostics) implements TaskEvent {
    }

    /** The scheduler wants the task stopped; the agent of its instance carries it out. */
    @JsonTypeName("TaskStopRequested")
    record TaskStopRequested(String clusterArn, String taskArn, String containerInstanceArn, String stopCode,
            String reason) implements TaskEvent {
    }
}
