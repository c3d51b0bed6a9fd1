package io.berth.scheduler.service;

import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.LoadBalancer;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/**
 * What can be asked of a service, with what deciding it needs besides the service: the time and, for
 * the commands that may start a deployment, its id (e.g. {@link Deployment#deriveId} of the command's
 * id, so deciding again gives the same deployment). The requests are as the API gives them: members
 * the caller left out are null.
 */
public sealed interface ServiceCommand {

    /** CreateService in the cluster {@code clusterArn}. */
    record Create(String clusterArn, CreateService request, String deploymentId, Instant at)
            implements ServiceCommand {
    }

    record Update(UpdateService request, String deploymentId, Instant at) implements ServiceCommand {
    }

    record Delete(DeleteService request, Instant at) implements ServiceCommand {
    }

    /**
     * StopServiceDeployment with stopType ROLLBACK, the only one ECS takes: the deployment {@code deploymentId}
     * fails and {@code rollbackDeploymentId} deploys the last completed one's task definition again.
     */
    record StopDeployment(String deploymentId, String rollbackDeploymentId, Instant at) implements ServiceCommand {
    }

    /**
     * CreateTaskSet: {@code taskSetId} derived like a deployment id; the launch members null when not
     * given (the service's then apply); {@code scale} in percent, null for the default 100.
     */
    record CreateTaskSet(String taskSetId, String taskDefinitionArn, String externalId, String launchType,
            List<CapacityProviderStrategyItem> capacityProviderStrategy, String platformVersion, String platformFamily,
            NetworkConfiguration networkConfiguration, List<LoadBalancer> loadBalancers, Double scale,
            String scaleUnit, List<Tag> tags, Instant at) implements ServiceCommand {
    }

    /** UpdateTaskSet: the set's new scale in percent ({@code unit} PERCENT, the only one). */
    record ScaleTaskSet(String taskSetId, Double scale, String scaleUnit, Instant at) implements ServiceCommand {
    }

    /** DeleteTaskSet. */
    record DeleteTaskSet(String taskSetId, boolean force, Instant at) implements ServiceCommand {
    }

    /** UpdateServicePrimaryTaskSet. */
    record MakePrimaryTaskSet(String taskSetId, Instant at) implements ServiceCommand {
    }

    /** TagResource ({@code tags}) or UntagResource ({@code tagKeys}) of a service of the cluster. */
    record Retag(String clusterArn, List<Tag> tags, List<String> tagKeys) implements ServiceCommand {
    }

    /**
     * The task definition is already resolved to a full ARN (family and family:revision are resolved by
     * the gateway against the task definitions it knows). {@code platformVersion} as asked for and
     * {@code platformFamily} as the task definition gives it, for a Fargate service (null otherwise).
     */
    record CreateService(String serviceName, String taskDefinitionArn, Integer desiredCount,
            String schedulingStrategy, String launchType, List<CapacityProviderStrategyItem> capacityProviderStrategy,
            RequestedConfiguration deploymentConfiguration, List<PlacementConstraint> placementConstraints,
            List<PlacementStrategy> placementStrategy, Integer healthCheckGracePeriodSeconds,
            List<LoadBalancer> loadBalancers, NetworkConfiguration networkConfiguration, String propagateTags,
            List<Tag> tags, String clientToken, String platformVersion, String platformFamily,
            String deploymentController) {

        public CreateService(String serviceName, String taskDefinitionArn, Integer desiredCount,
                String schedulingStrategy, String launchType,
                List<CapacityProviderStrategyItem> capacityProviderStrategy,
                RequestedConfiguration deploymentConfiguration, List<PlacementConstraint> placementConstraints,
                List<PlacementStrategy> placementStrategy, Integer healthCheckGracePeriodSeconds,
                List<LoadBalancer> loadBalancers, NetworkConfiguration networkConfiguration, String propagateTags,
                List<Tag> tags, String clientToken) {
            this(serviceName, taskDefinitionArn, desiredCount, schedulingStrategy, launchType,
                    capacityProviderStrategy, deploymentConfiguration, placementConstraints, placementStrategy,
                    healthCheckGracePeriodSeconds, loadBalancers, networkConfiguration, propagateTags, tags,
                    clientToken, null, null, null);
        }

        /** The same service on the platform a Fargate check resolved. */
        public CreateService onPlatform(String version, String family) {
            return new CreateService(serviceName, taskDefinitionArn, desiredCount, schedulingStrategy, launchType,
                    capacityProviderStrategy, deploymentConfiguration, placementConstraints, placementStrategy,
                    healthCheckGracePeriodSeconds, loadBalancers, networkConfiguration, propagateTags, tags,
                    clientToken, version, family, deploymentController);
        }

        /** The same service with the deployment controller the request names (null: ECS). */
        public CreateService withController(String type) {
            return new CreateService(serviceName, taskDefinitionArn, desiredCount, schedulingStrategy, launchType,
                    capacityProviderStrategy, deploymentConfiguration, placementConstraints, placementStrategy,
                    healthCheckGracePeriodSeconds, loadBalancers, networkConfiguration, propagateTags, tags,
                    clientToken, platformVersion, platformFamily, type);
        }
    }

    /**
     * Placement lists and load balancers, when given, replace the old ones (an empty list clears
     * them); null keeps them.
     */
    record UpdateService(Integer desiredCount, String taskDefinitionArn, RequestedConfiguration deploymentConfiguration,
            List<CapacityProviderStrategyItem> capacityProviderStrategy, List<PlacementConstraint> placementConstraints,
            List<PlacementStrategy> placementStrategy, Integer healthCheckGracePeriodSeconds,
            List<LoadBalancer> loadBalancers, NetworkConfiguration networkConfiguration, String propagateTags,
            boolean forceNewDeployment, String platformVersion, String platformFamily) {

        public UpdateService(Integer desiredCount, String taskDefinitionArn,
                RequestedConfiguration deploymentConfiguration,
                List<CapacityProviderStrategyItem> capacityProviderStrategy,
                List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                Integer healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers,
                NetworkConfiguration networkConfiguration, String propagateTags, boolean forceNewDeployment) {
            this(desiredCount, taskDefinitionArn, deploymentConfiguration, capacityProviderStrategy,
                    placementConstraints, placementStrategy, healthCheckGracePeriodSeconds, loadBalancers,
                    networkConfiguration, propagateTags, forceNewDeployment, null, null);
        }

        /** The same update with the platform a Fargate check resolved. */
        public UpdateService onPlatform(String version, String family) {
            return new UpdateService(desiredCount, taskDefinitionArn, deploymentConfiguration,
                    capacityProviderStrategy, placementConstraints, placementStrategy, healthCheckGracePeriodSeconds,
                    loadBalancers, networkConfiguration, propagateTags, forceNewDeployment, version, family);
        }
    }

    record DeleteService(boolean force) {
    }

    /** {@code deploymentConfiguration} as given; null members take the default (or, on update, the current value). */
    record RequestedConfiguration(Integer minimumHealthyPercent, Integer maximumPercent,
            RequestedCircuitBreaker deploymentCircuitBreaker) {
    }

    /** {@code deploymentCircuitBreaker} as given: both members are required when it is given. */
    record RequestedCircuitBreaker(Boolean enable, Boolean rollback) {
    }
}
