package io.berth.scheduler.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.Shapes.LoadBalancer;
import io.berth.ecs.Arns;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.Names;
import io.berth.ecs.RequestShapes;
import io.berth.ecs.Tags;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.DeploymentCircuitBreaker;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import io.berth.placement.Constraint;
import io.berth.placement.PlacementRequest;
import io.berth.placement.Strategy;
import io.berth.scheduler.service.ServiceCommand.CreateService;
import io.berth.scheduler.service.ServiceCommand.RequestedConfiguration;
import io.berth.scheduler.service.ServiceCommand.UpdateService;
import io.berth.scheduler.service.ServiceSpec.SchedulingStrategy;
import io.berth.scheduler.task.FargateRules;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CreateService and UpdateService as ECS checks them, and the defaults it fills in. Pure; every error
 * is an {@link EcsException} whose message names the member. Checks that need other aggregates
 * (the task definition exists, the cluster is ACTIVE, the name is free) are the caller's; the load
 * balancers' containers can be checked with {@link #checkContainers} once the task definition is known.
 */
public final class ServiceRules {

    public static final String SERVICE_NOT_ACTIVE = "ServiceNotActiveException";
    public static final String UNSUPPORTED_FEATURE = "UnsupportedFeatureException";
    public static final int MAX_CLIENT_TOKEN = 36;
    public static final int MAX_TARGET_GROUPS = 5;
    public static final int REPLICA_MINIMUM_HEALTHY_PERCENT = 100;
    public static final int REPLICA_MAXIMUM_PERCENT = 200;
    public static final int DAEMON_MINIMUM_HEALTHY_PERCENT = 0;
    public static final int DAEMON_MAXIMUM_PERCENT = 100;
    private static final Set<String> LAUNCH_TYPES = Set.of("EC2", "EXTERNAL", "FARGATE", "MANAGED_INSTANCES");
    private static final Set<String> PROPAGATE_TAGS = Set.of("TASK_DEFINITION", "SERVICE", "NONE");

    private ServiceRules() {
    }

    /** The checked UpdateService: the new spec, and whether it starts a deployment. */
    public record Update(ServiceSpec spec, boolean newDeployment) {
    }

    /**
     * The {@code deploymentController.type} of a CreateService or UpdateService, null when not given:
     * ECS, CODE_DEPLOY or EXTERNAL.
     */
    public static String checkDeploymentController(String type) {
        if (type != null && !Set.of(ServiceSpec.ECS, ServiceSpec.CODE_DEPLOY, ServiceSpec.EXTERNAL).contains(type)) {
            throw EcsErrors.invalidParameter("deploymentController.type must be one of ECS, CODE_DEPLOY, EXTERNAL.");
        }
        return type;
    }

    /** Checks CreateService and returns the service it describes, with the ECS defaults. */
    public static ServiceSpec create(CreateService command, String clusterArn) {
        if (command.serviceName() == null || command.serviceName().isBlank()) {
            throw EcsErrors.missing("serviceName");
        }
        Names.require(command.serviceName(), "Service name");
        String controller = checkDeploymentController(command.deploymentController());
        boolean external = ServiceSpec.EXTERNAL.equals(controller);
        if (external) {
            checkTaskSetMembers(command);
        } else if (command.taskDefinitionArn() == null || command.taskDefinitionArn().isBlank()) {
            throw EcsErrors.missing("taskDefinition");
        }
        checkClientToken(command.clientToken());
        SchedulingStrategy scheduling = schedulingStrategy(command.schedulingStrategy());
        if (scheduling == SchedulingStrategy.DAEMON && controller != null && !ServiceSpec.ECS.equals(controller)) {
            throw EcsErrors.invalidParameter("The daemon scheduling strategy is not supported with the " + controller
                    + " deployment controller.");
        }
        int desired;
        if (scheduling == SchedulingStrategy.DAEMON) {
            checkNoDaemonDesiredCount(command.desiredCount());
            desired = 0;
        } else {
            if (command.desiredCount() == null) {
                throw EcsErrors.invalidParameter("desiredCount is required for a service with the REPLICA"
                        + " scheduling strategy.");
            }
            desired = checkDesiredCount(command.desiredCount());
        }
        checkLaunch(command.launchType(), command.capacityProviderStrategy());
        DeploymentConfiguration configuration = configuration(scheduling, command.deploymentConfiguration(), null);
        List<PlacementConstraint> constraints = constraints(command.placementConstraints());
        List<PlacementStrategy> strategies = strategies(scheduling, command.placementStrategy());
        List<LoadBalancer> loadBalancers = loadBalancers(command.loadBalancers());
        int grace = gracePeriod(command.healthCheckGracePeriodSeconds(), 0, loadBalancers);
        String propagateTags = propagateTags(command.propagateTags(), "NONE");
        List<Tag> tags = command.tags() == null ? List.of() : command.tags();
        if (tags.size() > Tags.MAX_TAGS) {
            throw EcsErrors.invalidParameter("tags can have at most " + Tags.MAX_TAGS + " items.");
        }
        boolean withStrategy = command.capacityProviderStrategy() != null
                && !command.capacityProviderStrategy().isEmpty();
        return new ServiceSpec(command.serviceName(), clusterArn, serviceArn(clusterArn, command.serviceName()),
                external ? "" : command.taskDefinitionArn(), desired, scheduling, command.launchType(),
                withStrategy ? command.capacityProviderStrategy() : null, configuration, constraints, strategies, grace,
                loadBalancers, command.networkConfiguration(), propagateTags, tags, command.platformVersion(),
                command.platformFamily(), controller);
    }

    /**
     * What an EXTERNAL service leaves to its task sets: the task definition, load balancers, network
     * configuration and platform version belong to each set (CreateTaskSet), not to the service.
     */
    private static void checkTaskSetMembers(CreateService command) {
        String member = command.taskDefinitionArn() != null ? "taskDefinition"
                : command.loadBalancers() != null && !command.loadBalancers().isEmpty() ? "loadBalancers"
                : command.networkConfiguration() != null ? "networkConfiguration"
                : command.platformVersion() != null ? "platformVersion" : null;
        if (member != null) {
            throw EcsErrors.invalidParameter(member + " can not be specified for a service with the EXTERNAL"
                    + " deployment controller: it is given to each task set (CreateTaskSet).");
        }
    }

    /**
     * UpdateService of a service with task sets changes only what ECS lets it change there: the
     * desired count, deployment configuration, placement, grace period and tag propagation.
     */
    private static void checkTaskSetUpdate(ServiceSpec current, UpdateService command) {
        String member = command.taskDefinitionArn() != null ? "task definition"
                : command.networkConfiguration() != null ? "network configuration"
                : command.loadBalancers() != null ? "load balancers"
                : command.platformVersion() != null ? "platform version"
                : command.capacityProviderStrategy() != null && !command.capacityProviderStrategy().isEmpty()
                        ? "capacity provider strategy"
                : command.forceNewDeployment() ? "forceNewDeployment" : null;
        if (member == null) {
            return;
        }
        String controller = current.controller();
        throw EcsErrors.invalidParameter("Unable to update " + member + " on services with a " + controller
                + " deployment controller. " + (ServiceSpec.CODE_DEPLOY.equals(controller)
                        ? "Use AWS CodeDeploy to trigger a new deployment."
                        : "Use a new task set (CreateTaskSet) to trigger a new deployment."));
    }

    /**
     * Checks UpdateService against the current service. A new deployment starts when the task
     * definition, the load balancers, the network configuration or the platform version change, or with
     * {@code forceNewDeployment}; the desired count, deployment configuration, placement and grace
     * period change without one.
     */
    public static Update update(ServiceSpec current, UpdateService command) {
        if (current.hasTaskSets()) {
            checkTaskSetUpdate(current, command);
        }
        SchedulingStrategy scheduling = current.schedulingStrategy();
        int desired = current.desiredCount();
        if (command.desiredCount() != null) {
            if (scheduling == SchedulingStrategy.DAEMON) {
                checkNoDaemonDesiredCount(command.desiredCount());
            }
            desired = checkDesiredCount(command.desiredCount());
        }
        String taskDefinition = current.taskDefinitionArn();
        if (command.taskDefinitionArn() != null) {
            if (command.taskDefinitionArn().isBlank()) {
                throw EcsErrors.missing("taskDefinition");
            }
            taskDefinition = command.taskDefinitionArn();
        }
        DeploymentConfiguration configuration = configuration(scheduling, command.deploymentConfiguration(),
                current.deploymentConfiguration());
        String launchType = current.launchType();
        List<CapacityProviderStrategyItem> capacityProviders = current.capacityProviderStrategy();
        if (command.capacityProviderStrategy() != null && !command.capacityProviderStrategy().isEmpty()) {
            checkLaunch(null, command.capacityProviderStrategy());
            capacityProviders = command.capacityProviderStrategy();
            launchType = null;
        }
        List<PlacementConstraint> constraints = command.placementConstraints() == null
                ? current.placementConstraints() : constraints(command.placementConstraints());
        List<PlacementStrategy> strategies = command.placementStrategy() == null
                ? current.placementStrategy() : strategies(scheduling, command.placementStrategy());
        List<LoadBalancer> loadBalancers = command.loadBalancers() == null
                ? current.loadBalancers() : loadBalancers(command.loadBalancers());
        // Removing the load balancers without naming a grace period drops the one they needed.
        int currentGrace = loadBalancers.isEmpty() ? 0 : current.healthCheckGracePeriodSeconds();
        int grace = gracePeriod(command.healthCheckGracePeriodSeconds(), currentGrace, loadBalancers);
        String propagateTags = propagateTags(command.propagateTags(), current.propagateTags());
        NetworkConfiguration network = command.networkConfiguration() == null ? current.networkConfiguration()
                : command.networkConfiguration();
        String platformVersion = command.platformVersion() != null ? command.platformVersion()
                : current.platformVersion();
        boolean newDeployment = command.forceNewDeployment() || !taskDefinition.equals(current.taskDefinitionArn())
                || !loadBalancers.equals(current.loadBalancers())
                || !Objects.equals(network, current.networkConfiguration())
                || !Objects.equals(platformVersion, current.platformVersion());
        ServiceSpec spec = new ServiceSpec(current.serviceName(), current.clusterArn(), current.serviceArn(),
                taskDefinition, desired, scheduling, launchType, capacityProviders, configuration, constraints,
                strategies, grace, loadBalancers, network, propagateTags, current.tags(), platformVersion,
                command.platformFamily() != null ? command.platformFamily() : current.platformFamily(),
                current.deploymentController());
        return new Update(spec, newDeployment && !current.hasTaskSets());
    }

    /**
     * The deployment configuration with the defaults of the scheduling strategy (REPLICA 100/200,
     * DAEMON 0/100) or, on update, the current values for members not given.
     */
    public static DeploymentConfiguration configuration(SchedulingStrategy scheduling, RequestedConfiguration requested,
            DeploymentConfiguration current) {
        boolean daemon = scheduling == SchedulingStrategy.DAEMON;
        int min = current != null ? current.minimumHealthyPercent()
                : daemon ? DAEMON_MINIMUM_HEALTHY_PERCENT : REPLICA_MINIMUM_HEALTHY_PERCENT;
        int max = current != null ? current.maximumPercent() : daemon ? DAEMON_MAXIMUM_PERCENT : REPLICA_MAXIMUM_PERCENT;
        DeploymentCircuitBreaker breaker = current != null ? current.deploymentCircuitBreaker()
                : new DeploymentCircuitBreaker(false, false);
        if (requested != null) {
            min = requested.minimumHealthyPercent() != null ? requested.minimumHealthyPercent() : min;
            if (requested.maximumPercent() != null) {
                if (daemon && requested.maximumPercent() != DAEMON_MAXIMUM_PERCENT) {
                    throw EcsErrors.invalidParameter("deploymentConfiguration.maximumPercent must be 100 for a"
                            + " service with the DAEMON scheduling strategy.");
                }
                max = requested.maximumPercent();
            }
            if (requested.deploymentCircuitBreaker() != null) {
                if (requested.deploymentCircuitBreaker().enable() == null) {
                    throw EcsErrors.missing("deploymentConfiguration.deploymentCircuitBreaker.enable");
                }
                if (requested.deploymentCircuitBreaker().rollback() == null) {
                    throw EcsErrors.missing("deploymentConfiguration.deploymentCircuitBreaker.rollback");
                }
                breaker = new DeploymentCircuitBreaker(requested.deploymentCircuitBreaker().enable(),
                        requested.deploymentCircuitBreaker().rollback());
            }
        }
        if (min < 0 || min > 100) {
            throw EcsErrors.invalidParameter("deploymentConfiguration.minimumHealthyPercent must be between 0 and"
                    + " 100.");
        }
        if (!daemon && max < 100) {
            throw EcsErrors.invalidParameter("deploymentConfiguration.maximumPercent must be at least 100 for a"
                    + " service with the REPLICA scheduling strategy.");
        }
        if (!daemon && min == 100 && max == 100) {
            throw EcsErrors.invalidParameter("deploymentConfiguration with minimumHealthyPercent 100 and"
                    + " maximumPercent 100 does not let the scheduler stop or start tasks during a deployment."
                    + " Update the minimumHealthyPercent or maximumPercent value and try again.");
        }
        return new DeploymentConfiguration(min, max, breaker);
    }

    /**
     * Checks that each load balancer names a container of the task definition and one of its container
     * ports.
     *
     * @param containerPorts the task definition's containers and their container ports
     */
    public static void checkContainers(List<LoadBalancer> loadBalancers, Map<String, Set<Integer>> containerPorts) {
        for (LoadBalancer lb : loadBalancers) {
            Set<Integer> ports = containerPorts.get(lb.containerName());
            if (ports == null) {
                throw EcsErrors.invalidParameter("The container " + lb.containerName()
                        + " does not exist in the task definition.");
            }
            if (!ports.contains(lb.containerPort())) {
                throw EcsErrors.invalidParameter("The container " + lb.containerName()
                        + " did not have a container port " + lb.containerPort() + " defined.");
            }
        }
    }

    /** {@code arn:…:service/<cluster>/<service>} for a cluster ARN {@code arn:…:cluster/<cluster>}. */
    public static String serviceArn(String clusterArn, String serviceName) {
        return Arns.inCluster(clusterArn, "service", serviceName);
    }

    private static SchedulingStrategy schedulingStrategy(String value) {
        if (value == null) {
            return SchedulingStrategy.REPLICA;
        }
        for (SchedulingStrategy s : SchedulingStrategy.values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        throw EcsErrors.invalidParameter("schedulingStrategy must be one of REPLICA, DAEMON.");
    }

    private static void checkNoDaemonDesiredCount(Integer desiredCount) {
        if (desiredCount != null) {
            throw EcsErrors.invalidParameter("desiredCount can not be specified for a service with the DAEMON"
                    + " scheduling strategy.");
        }
    }

    private static int checkDesiredCount(int desiredCount) {
        if (desiredCount < 0) {
            throw EcsErrors.invalidParameter("desiredCount can not be negative.");
        }
        return desiredCount;
    }

    private static void checkClientToken(String token) {
        if (token != null && (token.isEmpty() || token.length() > MAX_CLIENT_TOKEN
                || !token.chars().allMatch(c -> c >= 33 && c <= 126))) {
            throw EcsErrors.invalidParameter("clientToken must be 1 to " + MAX_CLIENT_TOKEN
                    + " ASCII characters from ! to ~.");
        }
    }

    /**
     * A service on Fargate (the FARGATE launch type, or a strategy of FARGATE and FARGATE_SPOT): a
     * REPLICA service of a Fargate task definition with its subnets, no placement, on a platform
     * version that exists for it.
     *
     * @return the command with the platform the service shows: the version as asked for (LATEST when
     *     not given) and the task definition's family; unchanged for a service on instances
     */
    public static CreateService checkFargate(CreateService command, JsonNode taskDefinition, String platformVersion) {
        if (!FargateRules.onFargate(command.launchType(), command.capacityProviderStrategy())) {
            checkNoPlatform(platformVersion);
            return command;
        }
        if ("DAEMON".equals(command.schedulingStrategy())) {
            throw EcsErrors.invalidParameter("The daemon scheduling strategy is not supported with the FARGATE launch"
                    + " type.");
        }
        FargateRules.Platform platform = FargateRules.check(taskDefinition, command.networkConfiguration(),
                platformVersion, command.placementConstraints(), command.placementStrategy());
        return command.onPlatform(platformVersion == null ? FargateRules.LATEST : platformVersion, platform.family());
    }

    /**
     * UpdateService of a service that is, or becomes, a Fargate service: its task definition (the new
     * one, else the current one), network and platform version (the new one, else the service's)
     * checked as at CreateService.
     *
     * @return the update with the platform the service shows afterwards; unchanged when not on Fargate
     */
    public static UpdateService checkFargate(ServiceSpec current, UpdateService update, JsonNode taskDefinition,
            String platformVersion) {
        boolean newStrategy = update.capacityProviderStrategy() != null && !update.capacityProviderStrategy().isEmpty();
        if (!FargateRules.onFargate(newStrategy ? null : current.launchType(),
                newStrategy ? update.capacityProviderStrategy() : current.capacityProviderStrategy())) {
            checkNoPlatform(platformVersion);
            return update;
        }
        if (taskDefinition == null) {
            return update;
        }
        String version = platformVersion != null ? platformVersion
                : current.platformVersion() != null ? current.platformVersion() : FargateRules.LATEST;
        FargateRules.Platform platform = FargateRules.check(taskDefinition, update.networkConfiguration() != null
                ? update.networkConfiguration() : current.networkConfiguration(), version,
                update.placementConstraints() != null ? update.placementConstraints() : current.placementConstraints(),
                update.placementStrategy() != null ? update.placementStrategy() : current.placementStrategy());
        return update.onPlatform(version, platform.family());
    }

    private static void checkNoPlatform(String platformVersion) {
        if (platformVersion != null) {
            throw EcsErrors.invalidParameter("The platform version must be null when specifying an EC2 launch type.");
        }
    }

    private static void checkLaunch(String launchType, List<CapacityProviderStrategyItem> strategy) {
        boolean hasStrategy = strategy != null && !strategy.isEmpty();
        if (launchType != null && hasStrategy) {
            throw EcsErrors.invalidParameter("Specifying both a launch type and capacity provider strategy is not"
                    + " supported. Remove one and try again.");
        }
        if (launchType != null) {
            if (!LAUNCH_TYPES.contains(launchType)) {
                throw EcsErrors.invalidParameter("launchType must be one of EC2, EXTERNAL, FARGATE.");
            }
            if ("MANAGED_INSTANCES".equals(launchType)) {
                throw new EcsException(UNSUPPORTED_FEATURE, "Berth does not run the launch type MANAGED_INSTANCES."
                        + " Use EC2, EXTERNAL or FARGATE.");
            }
        }
        if (!hasStrategy) {
            return;
        }
        RequestShapes.checkStrategy(strategy);
    }

    private static List<PlacementConstraint> constraints(List<PlacementConstraint> constraints) {
        if (constraints == null) {
            return List.of();
        }
        if (constraints.size() > PlacementRequest.MAX_CONSTRAINTS) {
            throw EcsErrors.invalidParameter("placementConstraints can have at most "
                    + PlacementRequest.MAX_CONSTRAINTS + " items.");
        }
        // Parsing is the check: unknown types, missing or unparsable memberOf expressions.
        constraints.forEach(c -> Constraint.of(c.type(), c.expression()));
        return constraints;
    }

    private static List<PlacementStrategy> strategies(SchedulingStrategy scheduling, List<PlacementStrategy> strategies) {
        if (strategies == null || strategies.isEmpty()) {
            return List.of();
        }
        if (scheduling == SchedulingStrategy.DAEMON) {
            throw EcsErrors.invalidParameter("The daemon scheduling strategy does not support placement strategies."
                    + " Remove the placement strategy and try again");
        }
        if (strategies.size() > PlacementRequest.MAX_STRATEGIES) {
            throw EcsErrors.invalidParameter("placementStrategy can have at most " + PlacementRequest.MAX_STRATEGIES
                    + " items.");
        }
        strategies.forEach(s -> Strategy.of(s.type(), s.field()));
        return strategies;
    }

    private static List<LoadBalancer> loadBalancers(List<LoadBalancer> loadBalancers) {
        if (loadBalancers == null) {
            return List.of();
        }
        if (loadBalancers.size() > MAX_TARGET_GROUPS) {
            throw EcsErrors.invalidParameter("loadBalancers can have at most " + MAX_TARGET_GROUPS + " items.");
        }
        for (LoadBalancer lb : loadBalancers) {
            if (lb.containerName() == null || lb.containerName().isBlank()) {
                throw EcsErrors.missing("loadBalancers.containerName");
            }
            if (lb.containerPort() == null) {
                throw EcsErrors.invalidParameter("loadBalancers.containerPort is required.");
            }
            if (lb.containerPort() < 1 || lb.containerPort() > 65535) {
                throw EcsErrors.invalidParameter("loadBalancers.containerPort must be between 1 and 65535.");
            }
            boolean targetGroup = lb.targetGroupArn() != null && !lb.targetGroupArn().isBlank();
            boolean classic = lb.loadBalancerName() != null && !lb.loadBalancerName().isBlank();
            if (targetGroup == classic) {
                throw EcsErrors.invalidParameter("loadBalancers needs either a targetGroupArn or a loadBalancerName,"
                        + " not both.");
            }
            if (classic && loadBalancers.size() > 1) {
                throw EcsErrors.invalidParameter("loadBalancers can have only one item with a Classic Load Balancer"
                        + " (loadBalancerName).");
            }
        }
        if (new HashSet<>(loadBalancers).size() < loadBalancers.size()) {
            throw EcsErrors.invalidParameter("loadBalancers can not list the same load balancer twice.");
        }
        return loadBalancers;
    }

    private static int gracePeriod(Integer requested, int current, List<LoadBalancer> loadBalancers) {
        if (requested == null) {
            return current;
        }
        if (requested < 0) {
            throw EcsErrors.invalidParameter("healthCheckGracePeriodSeconds must be between 0 and 2147483647.");
        }
        if (requested > 0 && loadBalancers.isEmpty()) {
            throw EcsErrors.invalidParameter("Health check grace period is only valid for services configured to use"
                    + " load balancers");
        }
        return requested;
    }

    private static String propagateTags(String requested, String current) {
        if (requested == null) {
            return current;
        }
        if (!PROPAGATE_TAGS.contains(requested)) {
            throw EcsErrors.invalidParameter("propagateTags must be one of TASK_DEFINITION, SERVICE, NONE.");
        }
        return requested;
    }

    static EcsException serviceNotActive() {
        return new EcsException(SERVICE_NOT_ACTIVE, "Service was not ACTIVE.");
    }

    static void requireActive(ServiceState state) {
        if (Objects.requireNonNull(state).status() != ServiceState.Status.ACTIVE) {
            throw serviceNotActive();
        }
    }
}
