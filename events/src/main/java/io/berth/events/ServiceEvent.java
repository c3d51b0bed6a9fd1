package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import java.util.List;

/** Topic {@value Topics#SERVICE_EVENTS}: services and their deployments, owned by the scheduler-service. */
public sealed interface ServiceEvent extends BerthEvent {

    String clusterArn();

    String serviceArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    @JsonTypeName("ServiceCreated")
    record ServiceCreated(String clusterArn, String serviceArn, String serviceName, String taskDefinitionArn,
            int desiredCount, String schedulingStrategy, String launchType,
            DeploymentConfiguration deploymentConfiguration, List<PlacementConstraint> placementConstraints,
            List<PlacementStrategy> placementStrategy) implements ServiceEvent {
    }

    /** Only the members the update changed are present. */
    @JsonTypeName("ServiceUpdated")
    record ServiceUpdated(String clusterArn, String serviceArn, Integer desiredCount, String taskDefinitionArn,
            DeploymentConfiguration deploymentConfiguration, boolean forceNewDeployment) implements ServiceEvent {
    }

    /** The complete set of tags of the service after a TagResource or UntagResource. */
    @JsonTypeName("ServiceTagsChanged")
    record ServiceTagsChanged(String clusterArn, String serviceArn, List<Tag> tags) implements ServiceEvent {
    }

    /** A service event message as DescribeServices lists it, e.g. "(service web) has reached a steady state." */
    @JsonTypeName("ServiceMessageRecorded")
    record ServiceMessageRecorded(String clusterArn, String serviceArn, String id, String message)
            implements ServiceEvent {
    }

    @JsonTypeName("ServiceDeleted")
    record ServiceDeleted(String clusterArn, String serviceArn) implements ServiceEvent {
    }

    /** {@code deploymentId} has the ECS form {@code ecs-svc/<19 digits>}. */
    @JsonTypeName("DeploymentStarted")
    record DeploymentStarted(String clusterArn, String serviceArn, String deploymentId, String taskDefinitionArn,
            int desiredCount) implements ServiceEvent {
    }

    @JsonTypeName("DeploymentCompleted")
    record DeploymentCompleted(String clusterArn, String serviceArn, String deploymentId) implements ServiceEvent {
    }

    @JsonTypeName("DeploymentFailed")
    record DeploymentFailed(String clusterArn, String serviceArn, String deploymentId, String reason,
            String rollbackDeploymentId) implements ServiceEvent {
    }
}
