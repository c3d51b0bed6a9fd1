package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.DeploymentCounts;
import io.berth.events.Shapes.LoadBalancer;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/**
 * Topic {@value Topics#SERVICE_EVENTS}: services and their deployments, owned by the scheduler-service.
 * The events of one service's stream ({@code service} + its ARN), folded in order, are the service as
 * DescribeServices shows it. Members named {@code at} (absent in events written before 2026-12-05)
 * say when the change took effect.
 */
public sealed interface ServiceEvent extends BerthEvent {

    String clusterArn();

    String serviceArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    /**
     * A new service, with the ECS defaults filled in; its first deployment follows as {@link DeploymentStarted}.
     * {@code platformVersion} as the service shows it (LATEST, or the version asked for) and
     * {@code platformFamily} are a Fargate service's; null on instances and in events written before 2026-12-06.
     * {@code deploymentController} ECS, CODE_DEPLOY or EXTERNAL; null (ECS) in events written before 2026-12-07.
     */
    @JsonTypeName("ServiceCreated")
    record ServiceCreated(String clusterArn, String serviceArn, String serviceName, String taskDefinitionArn,
            int desiredCount, String schedulingStrategy, String launchType,
            DeploymentConfiguration deploymentConfiguration, List<PlacementConstraint> placementConstraints,
            List<PlacementStrategy> placementStrategy, List<CapacityProviderStrategyItem> capacityProviderStrategy,
            Integer healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers,
            NetworkConfiguration networkConfiguration, String propagateTags, List<Tag> tags, String clientToken,
            Instant at, String platformVersion, String platformFamily, String deploymentController)
            implements ServiceEvent {

        /** A service with the members events written before 2026-12-06 have. */
        public ServiceCreated(String clusterArn, String serviceArn, String serviceName, String taskDefinitionArn,
                int desiredCount, String schedulingStrategy, String launchType,
                DeploymentConfiguration deploymentConfiguration, List<PlacementConstraint> placementConstraints,
                List<PlacementStrategy> placementStrategy, List<CapacityProviderStrategyItem> capacityProviderStrategy,
                Integer healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers,
                NetworkConfiguration networkConfiguration, String propagateTags, List<Tag> tags, String clientToken,
                Instant at) {
            this(clusterArn, serviceArn, serviceName, taskDefinitionArn, desiredCount, schedulingStrategy, launchType,
                    deploymentConfiguration, placementConstraints, placementStrategy, capacityProviderStrategy,
                    healthCheckGracePeriodSeconds, loadBalancers, networkConfiguration, propagateTags, tags,
                    clientToken, at, null, null, null);
        }

        /** A service with the members events written before 2026-12-05 have. */
        public ServiceCreated(String clusterArn, String serviceArn, String serviceName, String taskDefinitionArn,
                int desiredCount, String schedulingStrategy, String launchType,
                DeploymentConfiguration deploymentConfiguration, List<PlacementConstraint> placementConstraints,
                List<PlacementStrategy> placementStrategy) {
            this(clusterArn, serviceArn, serviceName, taskDefinitionArn, desiredCount, schedulingStrategy, launchType,
                    deploymentConfiguration, placementConstraints, placementStrategy, null, null, null, null, null,
                    null, null, null, null, null, null);
        }
    }

    /**
     * Only the members the update changed are present: {@code desiredCount} and
     * {@code taskDefinitionArn} as the request gave them, the others with the value the service has
     * afterwards ({@code deploymentConfiguration} always). A capacity provider strategy replaces the
     * launch type. A Fargate service's {@code platformVersion} and {@code platformFamily} when they
     * changed (since 2026-12-06).
     */
    @JsonTypeName("ServiceUpdated")
    record ServiceUpdated(String clusterArn, String serviceArn, Integer desiredCount, String taskDefinitionArn,
            DeploymentConfiguration deploymentConfiguration, boolean forceNewDeployment,
            List<CapacityProviderStrategyItem> capacityProviderStrategy, List<PlacementConstraint> placementConstraints,
            List<PlacementStrategy> placementStrategy, Integer healthCheckGracePeriodSeconds,
            List<LoadBalancer> loadBalancers, NetworkConfiguration networkConfiguration, String propagateTags,
            Instant at, String platformVersion, String platformFamily) implements ServiceEvent {

        /** An update with the members events written before 2026-12-06 have. */
        public ServiceUpdated(String clusterArn, String serviceArn, Integer desiredCount, String taskDefinitionArn,
                DeploymentConfiguration deploymentConfiguration, boolean forceNewDeployment,
                List<CapacityProviderStrategyItem> capacityProviderStrategy,
                List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
                Integer healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers,
                NetworkConfiguration networkConfiguration, String propagateTags, Instant at) {
            this(clusterArn, serviceArn, desiredCount, taskDefinitionArn, deploymentConfiguration, forceNewDeployment,
                    capacityProviderStrategy, placementConstraints, placementStrategy, healthCheckGracePeriodSeconds,
                    loadBalancers, networkConfiguration, propagateTags, at, null, null);
        }

        /** An update with the members events written before 2026-12-05 have. */
        public ServiceUpdated(String clusterArn, String serviceArn, Integer desiredCount, String taskDefinitionArn,
                DeploymentConfiguration deploymentConfiguration, boolean forceNewDeployment) {
            this(clusterArn, serviceArn, desiredCount, taskDefinitionArn, deploymentConfiguration, forceNewDeployment,
                    null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** The complete set of tags of the service after a TagResource or UntagResource. */
    @JsonTypeName("ServiceTagsChanged")
    record ServiceTagsChanged(String clusterArn, String serviceArn, List<Tag> tags) implements ServiceEvent {
    }

    /**
     * A service event message as DescribeServices lists it, e.g. "(service web) has reached a steady
     * state.", written at {@code createdAt}.
     */
    @JsonTypeName("ServiceMessageRecorded")
    record ServiceMessageRecorded(String clusterArn, String serviceArn, String id, String message, Instant createdAt)
            implements ServiceEvent {
    }

    /** DeleteService: the service is DRAINING with a desired count of 0 until its tasks have stopped. */
    @JsonTypeName("ServiceDeleted")
    record ServiceDeleted(String clusterArn, String serviceArn, Instant at) implements ServiceEvent {

        /** A deletion without its time, as events written before 2026-12-05 are. */
        public ServiceDeleted(String clusterArn, String serviceArn) {
            this(clusterArn, serviceArn, null);
        }
    }

    /** Every task of the DRAINING service has stopped: it is INACTIVE, and its name can be used again. */
    @JsonTypeName("ServiceDrained")
    record ServiceDrained(String clusterArn, String serviceArn, Instant at) implements ServiceEvent {
    }

    /**
     * A new PRIMARY deployment; the one before it, if any, is ACTIVE from now on and keeps its tasks
     * until they are replaced. {@code deploymentId} has the ECS form {@code ecs-svc/<19 digits>};
     * {@code restoredDeploymentId} names the last completed deployment when the circuit breaker rolls
     * back to it.
     */
    @JsonTypeName("DeploymentStarted")
    record DeploymentStarted(String clusterArn, String serviceArn, String deploymentId, String taskDefinitionArn,
            int desiredCount, String restoredDeploymentId, Instant at) implements ServiceEvent {
    }

    @JsonTypeName("DeploymentCompleted")
    record DeploymentCompleted(String clusterArn, String serviceArn, String deploymentId, Instant at)
            implements ServiceEvent {
    }

    @JsonTypeName("DeploymentFailed")
    record DeploymentFailed(String clusterArn, String serviceArn, String deploymentId, String reason,
            String rollbackDeploymentId, Instant at) implements ServiceEvent {
    }

    /** An older deployment has no task left: it is INACTIVE and leaves the service's list. */
    @JsonTypeName("DeploymentRemoved")
    record DeploymentRemoved(String clusterArn, String serviceArn, String deploymentId, Instant at)
            implements ServiceEvent {
    }

    /**
     * What the scheduler counted of the service's tasks, where it changed: the deployments whose counts
     * moved, the service's desired count (a DAEMON runs one task per eligible instance), whether it is
     * in a steady state, and the STOPPED tasks it has looked at for the circuit breaker (each counted
     * once) or forgotten (no longer listed).
     */
    @JsonTypeName("ServiceTasksCounted")
    record ServiceTasksCounted(String clusterArn, String serviceArn, Integer desiredCount,
            List<DeploymentCounts> deployments, Boolean steady, List<String> stoppedTasksCounted,
            List<String> stoppedTasksForgotten, Instant at) implements ServiceEvent {
    }

    /**
     * CreateTaskSet, or the first task set of a CODE_DEPLOY service (then {@code primary}): a set of
     * {@code scale} percent of the service's desired count, with its own task definition and launch.
     * {@code taskSetId} is {@code ecs-svc/} and 19 digits, the {@code startedBy} of its tasks.
     */
    @JsonTypeName("TaskSetCreated")
    record TaskSetCreated(String clusterArn, String serviceArn, String taskSetId, String taskDefinitionArn,
            String externalId, String launchType, List<CapacityProviderStrategyItem> capacityProviderStrategy,
            String platformVersion, String platformFamily, NetworkConfiguration networkConfiguration,
            List<LoadBalancer> loadBalancers, double scale, boolean primary, List<Tag> tags, Instant at)
            implements ServiceEvent {
    }

    /** UpdateTaskSet: the set's new scale, in percent of the service's desired count. */
    @JsonTypeName("TaskSetScaled")
    record TaskSetScaled(String clusterArn, String serviceArn, String taskSetId, double scale, Instant at)
            implements ServiceEvent {
    }

    /** UpdateServicePrimaryTaskSet: the set becomes PRIMARY, the one that was becomes ACTIVE. */
    @JsonTypeName("TaskSetMadePrimary")
    record TaskSetMadePrimary(String clusterArn, String serviceArn, String taskSetId, Instant at)
            implements ServiceEvent {
    }

    /** DeleteTaskSet: the set is DRAINING and wants no task; it is removed once none is left. */
    @JsonTypeName("TaskSetDeleted")
    record TaskSetDeleted(String clusterArn, String serviceArn, String taskSetId, Instant at)
            implements ServiceEvent {
    }

    /** A DRAINING task set whose last task stopped: DescribeTaskSets no longer knows it. */
    @JsonTypeName("TaskSetRemoved")
    record TaskSetRemoved(String clusterArn, String serviceArn, String taskSetId, Instant at)
            implements ServiceEvent {
    }

    /**
     * The set's {@code stabilityStatus} changed: STEADY_STATE once it runs its computed desired count
     * of healthy tasks and nothing else (ECS's TASKSET_STEADY_STATE), STABILIZING when that is lost.
     */
    @JsonTypeName("TaskSetStabilityChanged")
    record TaskSetStabilityChanged(String clusterArn, String serviceArn, String taskSetId, String stabilityStatus,
            Instant at) implements ServiceEvent {
    }

    /**
     * The whole service as the scheduler held it when its stream became its source of truth
     * (migration {@code V20261205.0100}), in the scheduler's own form. The stream's earlier events lack
     * members, so a fold starts over here. Written by that migration only, into the event store, and
     * never published.
     */
    @JsonTypeName("ServiceImported")
    record ServiceImported(String clusterArn, String serviceArn, ObjectNode state) implements ServiceEvent {
    }
}
