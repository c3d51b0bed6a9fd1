package io.berth.scheduler.service;

import io.berth.events.Shapes.LoadBalancer;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import io.berth.scheduler.task.FargateRules;
import io.berth.scheduler.task.PlacementRequests;
import java.util.List;
import java.util.Objects;

/**
 * What CreateService and UpdateService set, checked and with the ECS defaults filled in
 * ({@link ServiceRules} builds it).
 *
 * @param desiredCount for a DAEMON service the number of instances it runs on, kept by the reconciler
 * @param launchType EC2 or EXTERNAL; null when a capacity provider strategy (or the cluster's
 *     default) is used
 * @param capacityProviderStrategy null when a launch type is given or the cluster's default applies
 * @param healthCheckGracePeriodSeconds 0 when not set
 * @param networkConfiguration the awsvpc configuration of its tasks; null when not given
 * @param propagateTags TASK_DEFINITION, SERVICE or NONE
 * @param platformVersion a Fargate service's, as it shows it (LATEST or the version asked for); null on
 *     instances, and for Fargate services created before it was kept (they run the latest)
 * @param platformFamily a Fargate service's, from its task definition; null as {@code platformVersion}
 * @param deploymentController ECS, CODE_DEPLOY or EXTERNAL; null (ECS) for services created before
 *     2026-12-07. With the last two the service runs task sets instead of deployments (ADR 0046), and
 *     its {@code taskDefinitionArn} is the PRIMARY task set's ("" for an EXTERNAL service without one)
 */
public record ServiceSpec(
        String serviceName,
        String clusterArn,
        String serviceArn,
        String taskDefinitionArn,
        int desiredCount,
        SchedulingStrategy schedulingStrategy,
        String launchType,
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
        DeploymentConfiguration deploymentConfiguration,
        List<PlacementConstraint> placementConstraints,
        List<PlacementStrategy> placementStrategy,
        int healthCheckGracePeriodSeconds,
        List<LoadBalancer> loadBalancers,
        NetworkConfiguration networkConfiguration,
        String propagateTags,
        List<Tag> tags,
        String platformVersion,
        String platformFamily,
        String deploymentController) {

    public enum SchedulingStrategy { REPLICA, DAEMON }

    public static final String ECS = "ECS";
    public static final String CODE_DEPLOY = "CODE_DEPLOY";
    public static final String EXTERNAL = "EXTERNAL";

    /** A service without a Fargate platform. */
    public ServiceSpec(String serviceName, String clusterArn, String serviceArn, String taskDefinitionArn,
            int desiredCount, SchedulingStrategy schedulingStrategy, String launchType,
            List<CapacityProviderStrategyItem> capacityProviderStrategy, DeploymentConfiguration deploymentConfiguration,
            List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
            int healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers,
            NetworkConfiguration networkConfiguration, String propagateTags, List<Tag> tags) {
        this(serviceName, clusterArn, serviceArn, taskDefinitionArn, desiredCount, schedulingStrategy, launchType,
                capacityProviderStrategy, deploymentConfiguration, placementConstraints, placementStrategy,
                healthCheckGracePeriodSeconds, loadBalancers, networkConfiguration, propagateTags, tags, null, null,
                null);
    }

    public ServiceSpec {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(serviceArn, "serviceArn");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(schedulingStrategy, "schedulingStrategy");
        Objects.requireNonNull(deploymentConfiguration, "deploymentConfiguration");
        Objects.requireNonNull(deploymentConfiguration.deploymentCircuitBreaker(), "deploymentCircuitBreaker");
        capacityProviderStrategy = capacityProviderStrategy == null ? null : List.copyOf(capacityProviderStrategy);
        placementConstraints = List.copyOf(placementConstraints);
        placementStrategy = List.copyOf(placementStrategy);
        loadBalancers = List.copyOf(loadBalancers);
        tags = List.copyOf(tags);
    }

    /**
     * What the service's tasks launch with, for the one placement request factory RunTask uses too:
     * the same task definition, constraints and strategies place the same way whoever starts them.
     */
    public PlacementRequests.Launch launch(JsonNode taskDefinition) {
        return new PlacementRequests.Launch(taskDefinition, null, group(), launchType, capacityProviderStrategy,
                placementConstraints, placementStrategy);
    }

    /** The task group of the service's tasks. */
    public String group() {
        return "service:" + serviceName;
    }

    /** Its tasks run on the serverless pool, whatever the cluster's instances. */
    public boolean onFargate() {
        return FargateRules.onFargate(launchType, capacityProviderStrategy);
    }

    public boolean isDaemon() {
        return schedulingStrategy == SchedulingStrategy.DAEMON;
    }

    public boolean circuitBreakerEnabled() {
        return deploymentConfiguration.deploymentCircuitBreaker().enable();
    }

    public boolean rollbackEnabled() {
        return circuitBreakerEnabled() && deploymentConfiguration.deploymentCircuitBreaker().rollback();
    }

    public DeploymentBounds bounds() {
        return DeploymentBounds.of(desiredCount, deploymentConfiguration);
    }

    public ServiceSpec withDesiredCount(int value) {
        return new ServiceSpec(serviceName, clusterArn, serviceArn, taskDefinitionArn, value, schedulingStrategy,
                launchType, capacityProviderStrategy, deploymentConfiguration, placementConstraints,
                placementStrategy, healthCheckGracePeriodSeconds, loadBalancers, networkConfiguration, propagateTags,
                tags, platformVersion, platformFamily, deploymentController);
    }

    public ServiceSpec withTags(List<Tag> value) {
        return new ServiceSpec(serviceName, clusterArn, serviceArn, taskDefinitionArn, desiredCount, schedulingStrategy,
                launchType, capacityProviderStrategy, deploymentConfiguration, placementConstraints,
                placementStrategy, healthCheckGracePeriodSeconds, loadBalancers, networkConfiguration, propagateTags,
                value, platformVersion, platformFamily, deploymentController);
    }

    public ServiceSpec withTaskDefinition(String arn) {
        return new ServiceSpec(serviceName, clusterArn, serviceArn, arn, desiredCount, schedulingStrategy, launchType,
                capacityProviderStrategy, deploymentConfiguration, placementConstraints, placementStrategy,
                healthCheckGracePeriodSeconds, loadBalancers, networkConfiguration, propagateTags, tags, platformVersion,
                platformFamily, deploymentController);
    }

    /** Its tasks belong to task sets (EXTERNAL or CODE_DEPLOY), not to deployments. */
    public boolean hasTaskSets() {
        return EXTERNAL.equals(deploymentController) || CODE_DEPLOY.equals(deploymentController);
    }

    /** The deployment controller as DescribeServices shows it. */
    public String controller() {
        return deploymentController == null ? ECS : deploymentController;
    }

    /** What the tasks of {@code set} launch with: the service's placement with the set's own launch. */
    public ServiceSpec forTaskSet(TaskSet set) {
        return new ServiceSpec(serviceName, clusterArn, serviceArn, set.taskDefinitionArn(), desiredCount,
                schedulingStrategy, set.launchType(), set.capacityProviderStrategy(), deploymentConfiguration,
                placementConstraints, placementStrategy, healthCheckGracePeriodSeconds, set.loadBalancers(),
                set.networkConfiguration(), propagateTags, tags, set.platformVersion(), set.platformFamily(),
                deploymentController);
    }
}
