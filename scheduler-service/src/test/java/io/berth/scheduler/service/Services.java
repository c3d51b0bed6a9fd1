package io.berth.scheduler.service;

import io.berth.events.Shapes.LoadBalancer;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.DeploymentCircuitBreaker;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.scheduler.service.ServiceCommand.CreateService;
import io.berth.scheduler.service.ServiceCommand.DeleteService;
import io.berth.scheduler.service.ServiceCommand.RequestedCircuitBreaker;
import io.berth.scheduler.service.ServiceCommand.RequestedConfiguration;
import io.berth.scheduler.service.ServiceCommand.UpdateService;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Test data: commands, services, tasks and instances of the cluster {@code prod}. */
final class Services {

    static final String ACCOUNT = "arn:aws:ecs:eu-west-1:123456789012:";
    static final String CLUSTER = ACCOUNT + "cluster/prod";
    static final String TD1 = ACCOUNT + "task-definition/web:1";
    static final String TD2 = ACCOUNT + "task-definition/web:2";
    static final String TD3 = ACCOUNT + "task-definition/web:3";
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String FIRST = Deployment.deriveId("first");
    static final String SECOND = Deployment.deriveId("second");
    static final Reconciler RECONCILER = new Reconciler(ScaleInChooser.fromFullestInstance());
    static final ServiceDecider DECIDER = new ServiceDecider();

    private Services() {
    }

    static String instance(String id) {
        return ACCOUNT + "container-instance/prod/" + id;
    }

    static String task(String id) {
        return ACCOUNT + "task/prod/" + id;
    }

    static ServiceTask running(String id, String deploymentId, String instanceId, Instant startedAt) {
        return new ServiceTask(task(id), deploymentId, instance(instanceId), "RUNNING", "RUNNING", startedAt, null,
                null);
    }

    static ServiceTask running(String id, String deploymentId, String instanceId) {
        return running(id, deploymentId, instanceId, T0.minusSeconds(3600));
    }

    static ServiceTask pending(String id, String deploymentId, String instanceId) {
        return new ServiceTask(task(id), deploymentId, instance(instanceId), "PENDING", "RUNNING", null, null, null);
    }

    static ServiceTask stopped(String id, String deploymentId, Instant startedAt, String stopCode) {
        return new ServiceTask(task(id), deploymentId, instance("i1"), "STOPPED", "STOPPED", startedAt, null,
                stopCode);
    }

    static ServiceTask unhealthy(String id, String deploymentId, String instanceId) {
        return new ServiceTask(task(id), deploymentId, instance(instanceId), "RUNNING", "RUNNING",
                T0.minusSeconds(3600), "UNHEALTHY", null);
    }

    static ClusterView cluster(String... instanceIds) {
        return ClusterView.of(Arrays.stream(instanceIds).map(Services::instance)
                .collect(Collectors.toSet()), Set.of(), instanceIds.length > 0);
    }

    static ClusterView drainingCluster(List<String> active, List<String> draining) {
        return ClusterView.of(active.stream().map(Services::instance).collect(Collectors.toSet()),
                draining.stream().map(Services::instance).collect(Collectors.toSet()), true);
    }

    static Create create() {
        return new Create();
    }

    static RequestedConfiguration config(int min, int max) {
        return new RequestedConfiguration(min, max, null);
    }

    static RequestedConfiguration breaker(boolean rollback) {
        return new RequestedConfiguration(null, null, new RequestedCircuitBreaker(true, rollback));
    }

    /** A new REPLICA service {@code web} on TD1 with its first deployment {@link #FIRST}. */
    static ServiceState replica(int desired, int min, int max) {
        return created(create().desiredCount(desired).configuration(config(min, max)).build(), CLUSTER, FIRST, T0)
                .next();
    }

    /** A new DAEMON service {@code agent} on TD1 with its first deployment {@link #FIRST}. */
    static ServiceState daemon(Integer min) {
        return created(create().name("agent").desiredCount(null).schedulingStrategy("DAEMON")
                .configuration(min == null ? null : new RequestedConfiguration(min, null, null)).build(), CLUSTER,
                FIRST, T0).next();
    }

    /** CreateService decided and folded: the events' deployment changes and the new service. */
    static Decision created(CreateService command, String cluster, String deploymentId, Instant now) {
        return decided(null, new ServiceCommand.Create(cluster, command, deploymentId, now));
    }

    static Decision updated(ServiceState state, UpdateService command, String deploymentId, Instant now) {
        return decided(state, new ServiceCommand.Update(command, deploymentId, now));
    }

    static Decision deleted(ServiceState state, DeleteService command, Instant now) {
        return decided(state, new ServiceCommand.Delete(command, now));
    }

    /** A command's events folded into the service, as the reconciler will find it. */
    private static Decision decided(ServiceState state, ServiceCommand command) {
        List<ServiceEvent> events = DECIDER.decide(command, state);
        ServiceState next = DECIDER.fold(state, events);
        List<DeploymentChange> started = events.stream().filter(DeploymentStarted.class::isInstance)
                .map(e -> (DeploymentChange) new DeploymentChange.Started(
                        next.deployment(((DeploymentStarted) e).deploymentId()).orElseThrow()))
                .toList();
        return new Decision(List.of(), started, List.of(), false, next);
    }

    /** The service with a deployment configuration the rules would reject, as if it had been stored anyway. */
    static ServiceState forced(ServiceState state, int min, int max) {
        ServiceSpec s = state.spec();
        ServiceSpec spec = new ServiceSpec(s.serviceName(), s.clusterArn(), s.serviceArn(), s.taskDefinitionArn(),
                s.desiredCount(), s.schedulingStrategy(), s.launchType(), s.capacityProviderStrategy(),
                new DeploymentConfiguration(min, max, new DeploymentCircuitBreaker(false, false)),
                s.placementConstraints(), s.placementStrategy(), s.healthCheckGracePeriodSeconds(), s.loadBalancers(),
                s.networkConfiguration(), s.propagateTags(), s.tags());
        return state.with(spec, state.status(), state.deployments(), state.lastCompletedDeployment(), state.steady(),
                state.countedStops());
    }

    /**
     * A deployment in progress: {@link #SECOND} (TD2) is PRIMARY with no task yet, {@link #FIRST} (TD1)
     * completed and still owns its tasks; the configuration is stored as given, even one the rules refuse.
     */
    static ServiceState rollout(int desired, int min, int max) {
        ServiceState base = forced(replica(desired, 50, 200), min, max);
        Deployment old = base.primary().withRollout(Deployment.RolloutState.COMPLETED, Deployment.completed(FIRST), T0)
                .withStatus(Deployment.Status.ACTIVE, T0);
        Deployment next = Deployment.start(SECOND, TD2, desired, T0);
        return base.with(base.spec().withTaskDefinition(TD2), ServiceState.Status.ACTIVE, List.of(next, old), old,
                false, Set.of());
    }

    /** A service whose first deployment completed: steady, ready for the next reconcile. */
    static ServiceState completed(ServiceState state) {
        Deployment done = state.primary().withRollout(Deployment.RolloutState.COMPLETED,
                Deployment.completed(state.primary().id()), T0);
        return state.with(state.spec(), state.status(), List.of(done), done, true, Set.of());
    }

    /** {@code n} RUNNING tasks of {@code deploymentId} named {@code prefix1…}, spread over i1, i2, i3. */
    static List<ServiceTask> runningTasks(String prefix, String deploymentId, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> running(prefix + i, deploymentId, "i" + (1 + (i - 1) % 3)))
                .toList();
    }

    static UpdateService updateTaskDefinition(String taskDefinitionArn) {
        return new UpdateService(null, taskDefinitionArn, null, null, null, null, null, null, null, null, false);
    }

    static UpdateService updateDesiredCount(int desiredCount) {
        return new UpdateService(desiredCount, null, null, null, null, null, null, null, null, null, false);
    }

    /** A CreateService for {@code web} on TD1 with 3 tasks; every member can be changed. */
    static final class Create {
        private String serviceName = "web";
        private String taskDefinitionArn = TD1;
        private Integer desiredCount = 3;
        private String schedulingStrategy;
        private String launchType;
        private List<CapacityProviderStrategyItem> capacityProviderStrategy;
        private RequestedConfiguration configuration;
        private List<PlacementConstraint> placementConstraints;
        private List<PlacementStrategy> placementStrategy;
        private Integer healthCheckGracePeriodSeconds;
        private List<LoadBalancer> loadBalancers;
        private String propagateTags;
        private List<Tag> tags;
        private String clientToken;
        private String deploymentController;

        Create controller(String value) {
            deploymentController = value;
            return this;
        }

        Create name(String value) {
            serviceName = value;
            return this;
        }

        Create taskDefinition(String value) {
            taskDefinitionArn = value;
            return this;
        }

        Create desiredCount(Integer value) {
            desiredCount = value;
            return this;
        }

        Create schedulingStrategy(String value) {
            schedulingStrategy = value;
            return this;
        }

        Create launchType(String value) {
            launchType = value;
            return this;
        }

        Create capacityProviders(List<CapacityProviderStrategyItem> value) {
            capacityProviderStrategy = value;
            return this;
        }

        Create configuration(RequestedConfiguration value) {
            configuration = value;
            return this;
        }

        Create constraints(List<PlacementConstraint> value) {
            placementConstraints = value;
            return this;
        }

        Create strategies(List<PlacementStrategy> value) {
            placementStrategy = value;
            return this;
        }

        Create grace(Integer value) {
            healthCheckGracePeriodSeconds = value;
            return this;
        }

        Create loadBalancers(List<LoadBalancer> value) {
            loadBalancers = value;
            return this;
        }

        Create propagateTags(String value) {
            propagateTags = value;
            return this;
        }

        Create tags(List<Tag> value) {
            tags = value;
            return this;
        }

        Create clientToken(String value) {
            clientToken = value;
            return this;
        }

        CreateService build() {
            return new CreateService(serviceName, taskDefinitionArn, desiredCount, schedulingStrategy, launchType,
                    capacityProviderStrategy, configuration, placementConstraints, placementStrategy,
                    healthCheckGracePeriodSeconds, loadBalancers, null, propagateTags, tags, clientToken)
                    .withController(deploymentController);
        }
    }
}
