package io.berth.scheduler.service;

import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import java.util.List;

/**
 * The service commands as the API gives them: members the caller left out are null. The task
 * definition is already resolved to a full ARN (family and family:revision are resolved by the
 * scheduler against the task definitions it knows).
 */
public sealed interface ServiceCommand {

    record CreateService(String serviceName, String taskDefinitionArn, Integer desiredCount,
            String schedulingStrategy, String launchType, List<CapacityProviderStrategyItem> capacityProviderStrategy,
            RequestedConfiguration deploymentConfiguration, List<PlacementConstraint> placementConstraints,
            List<PlacementStrategy> placementStrategy, Integer healthCheckGracePeriodSeconds,
            List<LoadBalancer> loadBalancers, String propagateTags, List<Tag> tags, String clientToken)
            implements ServiceCommand {
    }

    /**
     * Placement lists and load balancers, when given, replace the old ones (an empty list clears
     * them); null keeps them.
     */
    record UpdateService(Integer desiredCount, String taskDefinitionArn, RequestedConfiguration deploymentConfiguration,
            List<CapacityProviderStrategyItem> capacityProviderStrategy, List<PlacementConstraint> placementConstraints,
            List<PlacementStrategy> placementStrategy, Integer healthCheckGracePeriodSeconds,
            List<LoadBalancer> loadBalancers, String propagateTags, boolean forceNewDeployment)
            implements ServiceCommand {
    }

    record DeleteService(boolean force) implements ServiceCommand {
    }

    /** {@code deploymentConfiguration} as given; null members take the default (or, on update, the current value). */
    record RequestedConfiguration(Integer minimumHealthyPercent, Integer maximumPercent,
            RequestedCircuitBreaker deploymentCircuitBreaker) {
    }

    /** {@code deploymentCircuitBreaker} as given: both members are required when it is given. */
    record RequestedCircuitBreaker(Boolean enable, Boolean rollback) {
    }
}
