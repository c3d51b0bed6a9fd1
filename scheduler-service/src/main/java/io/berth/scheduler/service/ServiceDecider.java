package io.berth.scheduler.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.Tags;
import io.berth.events.EventJson;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.DeploymentCompleted;
import io.berth.events.ServiceEvent.DeploymentFailed;
import io.berth.events.ServiceEvent.DeploymentRemoved;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.events.ServiceEvent.ServiceDrained;
import io.berth.events.ServiceEvent.ServiceImported;
import io.berth.events.ServiceEvent.ServiceMessageRecorded;
import io.berth.events.ServiceEvent.ServiceTagsChanged;
import io.berth.events.ServiceEvent.ServiceTasksCounted;
import io.berth.events.ServiceEvent.ServiceUpdated;
import io.berth.events.Shapes.DeploymentCounts;
import io.berth.events.Shapes.Tag;
import io.berth.eventsourcing.Decider;
import io.berth.scheduler.service.Deployment.RolloutState;
import io.berth.scheduler.service.Deployment.Status;
import io.berth.scheduler.service.ServiceCommand.Create;
import io.berth.scheduler.service.ServiceCommand.Delete;
import io.berth.scheduler.service.ServiceCommand.Retag;
import io.berth.scheduler.service.ServiceCommand.StopDeployment;
import io.berth.scheduler.service.ServiceCommand.Update;
import io.berth.scheduler.service.ServiceSpec.SchedulingStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The service aggregate: CreateService, UpdateService, DeleteService and tags decided on the service's
 * state, and every event of its stream folded into that state, the {@link Reconciler}'s too
 * ({@link ServiceChanges} turns a reconciliation into events). The state is null before the service
 * was created. What the commands set in motion (starting and stopping tasks) is the reconciler's next
 * decision.
 */
public final class ServiceDecider implements Decider<ServiceCommand, ServiceEvent, ServiceState> {

    public static final String SERVICE_NOT_FOUND = "ServiceNotFoundException";
    public static final String SERVICE_DEPLOYMENT_NOT_FOUND = "ServiceDeploymentNotFoundException";
    public static final String CONFLICT = "ConflictException";

    @Override
    public ServiceState initialState() {
        return null;
    }

    @Override
    public List<ServiceEvent> decide(ServiceCommand command, ServiceState state) {
        if (command instanceof Create create) {
            return create(create, state);
        }
        if (command instanceof Retag retag) {
            if (state == null || !state.spec().clusterArn().equals(retag.clusterArn())) {
                throw EcsErrors.resourceNotFound("The specified resource could not be found.");
            }
            List<Tag> current = state.spec().tags();
            List<Tag> merged = retag.tags() == null ? current : Tags.merge(current, retag.tags());
            return List.of(new ServiceTagsChanged(state.spec().clusterArn(), state.spec().serviceArn(),
                    retag.tagKeys() == null ? merged : Tags.remove(merged, retag.tagKeys())));
        }
        if (command instanceof StopDeployment stop) {
            return stopDeployment(stop, state);
        }
        if (state == null) {
            throw new EcsException(SERVICE_NOT_FOUND, "Service not found.");
        }
        ServiceRules.requireActive(state);
        if (command instanceof ServiceCommand.CreateTaskSet || command instanceof ServiceCommand.ScaleTaskSet
                || command instanceof ServiceCommand.DeleteTaskSet
                || command instanceof ServiceCommand.MakePrimaryTaskSet) {
            return TaskSets.decide(command, state);
        }
        if (command instanceof Update update) {
            return update(update, state);
        }
        if (command instanceof Delete delete) {
            return delete(delete, state);
        }
        throw new IllegalArgumentException("Unknown service command " + command);
    }

    /**
     * A new service and its first deployment (ECS), its first PRIMARY task set (CODE_DEPLOY) or
     * nothing to run until a task set is created (EXTERNAL); the same {@code clientToken} again answers
     * the service there is.
     */
    private static List<ServiceEvent> create(Create command, ServiceState state) {
        if (state != null && state.status() != ServiceState.Status.INACTIVE) {
            String token = command.request().clientToken();
            if (token != null && token.equals(state.clientToken())) {
                return List.of();
            }
            throw EcsErrors.invalidParameter("Creation of service was not idempotent.");
        }
        ServiceSpec spec = ServiceRules.create(command.request(), command.clusterArn());
        Instant at = command.at();
        ServiceCreated created = new ServiceCreated(spec.clusterArn(), spec.serviceArn(), spec.serviceName(),
                spec.taskDefinitionArn(), spec.desiredCount(), spec.schedulingStrategy().name(), spec.launchType(),
                spec.deploymentConfiguration(), spec.placementConstraints(), spec.placementStrategy(),
                spec.capacityProviderStrategy(), spec.healthCheckGracePeriodSeconds(), spec.loadBalancers(),
                spec.networkConfiguration(), spec.propagateTags(), spec.tags(), command.request().clientToken(), at,
                spec.platformVersion(), spec.platformFamily(), spec.deploymentController());
        if (ServiceSpec.EXTERNAL.equals(spec.deploymentController())) {
            return List.of(created);
        }
        if (ServiceSpec.CODE_DEPLOY.equals(spec.deploymentController())) {
            return List.of(created, TaskSets.codeDeployPrimary(spec, command.deploymentId(), at));
        }
        return List.of(created, new DeploymentStarted(spec.clusterArn(), spec.serviceArn(), command.deploymentId(),
                spec.taskDefinitionArn(), spec.desiredCount(), null, at));
    }

    /**
     * UpdateService. With a new deployment the PRIMARY becomes ACTIVE and keeps its tasks until the
     * reconciler has replaced them; otherwise only the spec (and the PRIMARY's desired count) changes.
     * Either way the service is no longer taken as steady, so the next steady state is reported.
     */
    private static List<ServiceEvent> update(Update command, ServiceState state) {
        ServiceSpec before = state.spec();
        ServiceRules.Update update = ServiceRules.update(before, command.request());
        ServiceSpec spec = update.spec();
        Instant at = command.at();
        List<ServiceEvent> events = new ArrayList<>();
        events.add(new ServiceUpdated(spec.clusterArn(), spec.serviceArn(), command.request().desiredCount(),
                command.request().taskDefinitionArn(), spec.deploymentConfiguration(),
                command.request().forceNewDeployment(),
                changed(before, spec, ServiceSpec::capacityProviderStrategy),
                changed(before, spec, ServiceSpec::placementConstraints),
                changed(before, spec, ServiceSpec::placementStrategy),
                changed(before, spec, ServiceSpec::healthCheckGracePeriodSeconds),
                changed(before, spec, ServiceSpec::loadBalancers),
                changed(before, spec, ServiceSpec::networkConfiguration),
                changed(before, spec, ServiceSpec::propagateTags), at,
                changed(before, spec, ServiceSpec::platformVersion),
                changed(before, spec, ServiceSpec::platformFamily)));
        if (update.newDeployment()) {
            events.add(new DeploymentStarted(spec.clusterArn(), spec.serviceArn(), command.deploymentId(),
                    spec.taskDefinitionArn(), spec.desiredCount(), null, at));
        } else if (!spec.hasTaskSets()) {
            primaryDesiredCount(state, spec.desiredCount(), at).ifPresent(events::add);
        }
        return events;
    }

    /**
     * DeleteService: the service turns DRAINING with a desired count of 0; the reconciler stops its
     * tasks and makes it INACTIVE once none is left. A REPLICA service scaled above 0 needs {@code force}.
     */
    private static List<ServiceEvent> delete(Delete command, ServiceState state) {
        if (!state.spec().isDaemon() && state.spec().desiredCount() > 0 && !command.request().force()) {
            throw EcsErrors.invalidParameter("The service cannot be stopped while it is scaled above 0.");
        }
        List<ServiceEvent> events = new ArrayList<>();
        events.add(new ServiceDeleted(state.spec().clusterArn(), state.spec().serviceArn(), command.at()));
        if (!state.spec().hasTaskSets()) {
            primaryDesiredCount(state, 0, command.at()).ifPresent(events::add);
        }
        return events;
    }

    /**
     * StopServiceDeployment (ROLLBACK): only the PRIMARY while IN_PROGRESS can be stopped, and only if
     * an earlier deployment completed with another task definition; it fails and the last completed
     * deployment's task definition is deployed again, as the circuit breaker's rollback does.
     */
    private static List<ServiceEvent> stopDeployment(StopDeployment command, ServiceState state) {
        Optional<Deployment> found = state == null || state.status() != ServiceState.Status.ACTIVE ? Optional.empty()
                : state.deployment(command.deploymentId());
        Deployment last = state == null ? null : state.lastCompletedDeployment();
        if (found.isEmpty()) {
            if (last != null && last.id().equals(command.deploymentId())) {
                throw new EcsException(CONFLICT, "The service deployment has already completed.");
            }
            throw new EcsException(SERVICE_DEPLOYMENT_NOT_FOUND, "The service deployment does not exist.");
        }
        Deployment deployment = found.get();
        if (!deployment.isPrimary() || deployment.rolloutState() != RolloutState.IN_PROGRESS) {
            throw new EcsException(CONFLICT, "The service deployment is not in progress.");
        }
        if (last == null || last.taskDefinitionArn().equals(deployment.taskDefinitionArn())) {
            throw new EcsException(CONFLICT, "The service has no earlier service revision to roll back to.");
        }
        String cluster = state.spec().clusterArn();
        String service = state.spec().serviceArn();
        return List.of(new DeploymentFailed(cluster, service, deployment.id(), Deployment.stoppedByRollback(
                deployment.id()), command.rollbackDeploymentId(), command.at()),
                new DeploymentStarted(cluster, service, command.rollbackDeploymentId(), last.taskDefinitionArn(),
                        state.spec().desiredCount(), last.id(), command.at()));
    }

    private static Optional<ServiceEvent> primaryDesiredCount(ServiceState state, int desired, Instant at) {
        Deployment primary = state.primary();
        if (primary.desiredCount() == desired) {
            return Optional.empty();
        }
        return Optional.of(new ServiceTasksCounted(state.spec().clusterArn(), state.spec().serviceArn(), null,
                List.of(ServiceChanges.counts(primary, desired)), null, List.of(), List.of(), at));
    }

    /** The member after the update when it differs from before; null when the update left it as it was. */
    private static <T> T changed(ServiceSpec before, ServiceSpec after, Function<ServiceSpec, T> member) {
        T value = member.apply(after);
        return Objects.equals(value, member.apply(before)) ? null : value;
    }

    /** After placement: {@code (service X) has started N tasks: …} for the tasks that were placed. */
    public static ServiceState tasksStarted(ServiceState state, List<String> taskArns, Instant now) {
        return taskArns.isEmpty() ? state
                : state.record(ServiceMessages.started(state.spec().serviceName(), taskArns), now);
    }

    /**
     * After placement: the message for a task that could not be placed.
     *
     * @see ServiceMessages#unableToPlace
     */
    public static ServiceState placementFailed(ServiceState state, String reason, String closestInstanceArn,
            Instant now) {
        return state.record(ServiceMessages.unableToPlace(state.spec().serviceName(), reason, closestInstanceArn), now);
    }

    @Override
    public ServiceState evolve(ServiceState state, ServiceEvent event) {
        if (event instanceof ServiceCreated created) {
            return ServiceState.created(spec(created), created.at(), created.clientToken());
        }
        if (event instanceof ServiceImported imported) {
            return imported(imported);
        }
        if (state == null) {
            return null;
        }
        if (event instanceof ServiceUpdated updated) {
            return state.with(updated(state.spec(), updated), state.status(), state.deployments(),
                    state.lastCompletedDeployment(), false, state.countedStops());
        }
        if (event instanceof ServiceTagsChanged tags) {
            return state.with(state.spec().withTags(tags.tags()), state.status(), state.deployments(),
                    state.lastCompletedDeployment(), state.steady(), state.countedStops());
        }
        if (event instanceof ServiceDeleted) {
            return state.with(state.spec().withDesiredCount(0), ServiceState.Status.DRAINING, state.deployments(),
                    state.lastCompletedDeployment(), false, state.countedStops());
        }
        if (event instanceof ServiceDrained) {
            return state.with(state.spec(), ServiceState.Status.INACTIVE, state.deployments(),
                    state.lastCompletedDeployment(), state.steady(), state.countedStops());
        }
        if (event instanceof ServiceMessageRecorded recorded) {
            List<ServiceMessage> newest = new ArrayList<>(state.events().size() + 1);
            newest.add(new ServiceMessage(recorded.id(), recorded.createdAt(), recorded.message()));
            newest.addAll(state.events().subList(0, Math.min(state.events().size(), ServiceState.MAX_EVENTS - 1)));
            return state.withEvents(newest);
        }
        if (event instanceof ServiceTasksCounted counted) {
            return counted(state, counted);
        }
        if (event instanceof DeploymentStarted || event instanceof DeploymentCompleted
                || event instanceof DeploymentFailed || event instanceof DeploymentRemoved) {
            return deployments(state, event);
        }
        return TaskSets.evolve(state, event);
    }

    /** The deployment events: started, completed, failed, removed. */
    private static ServiceState deployments(ServiceState state, ServiceEvent event) {
        List<Deployment> deployments = new ArrayList<>(state.deployments());
        if (event instanceof DeploymentStarted started) {
            if (state.deployment(started.deploymentId()).isPresent()) {
                return state;
            }
            Instant at = started.at();
            if (!deployments.isEmpty()) {
                deployments.set(0, deployments.get(0).withStatus(Status.ACTIVE, at));
            }
            Deployment next = Deployment.start(started.deploymentId(), started.taskDefinitionArn(),
                    started.desiredCount(), at);
            deployments.add(0, started.restoredDeploymentId() == null ? next
                    : next.withRollout(RolloutState.IN_PROGRESS, Deployment.rollingBack(started.restoredDeploymentId()),
                            at));
            return state.with(state.spec().withTaskDefinition(started.taskDefinitionArn()), state.status(),
                    deployments, state.lastCompletedDeployment(), state.steady(), state.countedStops());
        }
        if (event instanceof DeploymentCompleted completed) {
            Deployment done = null;
            for (int i = 0; i < deployments.size(); i++) {
                if (deployments.get(i).id().equals(completed.deploymentId())) {
                    done = deployments.get(i).withRollout(RolloutState.COMPLETED,
                            Deployment.completed(completed.deploymentId()), completed.at());
                    deployments.set(i, done);
                }
            }
            return state.with(state.spec(), state.status(), deployments,
                    done == null ? state.lastCompletedDeployment() : done, state.steady(), state.countedStops());
        }
        if (event instanceof DeploymentFailed failed) {
            deployments.replaceAll(d -> d.id().equals(failed.deploymentId())
                    ? d.withRollout(RolloutState.FAILED, failed.reason(), failed.at()) : d);
        } else if (event instanceof DeploymentRemoved removed) {
            deployments.removeIf(d -> d.id().equals(removed.deploymentId()));
        } else {
            return state;
        }
        return state.with(state.spec(), state.status(), deployments, state.lastCompletedDeployment(), state.steady(),
                state.countedStops());
    }

    private static ServiceState counted(ServiceState state, ServiceTasksCounted counted) {
        Map<String, DeploymentCounts> byId = counted.deployments() == null ? Map.of()
                : counted.deployments().stream().collect(Collectors.toMap(DeploymentCounts::deploymentId, c -> c));
        List<Deployment> deployments = state.deployments().stream().map(d -> {
            DeploymentCounts c = byId.get(d.id());
            return c == null ? d : d.counted(c.desiredCount(), c.pendingCount(), c.runningCount(), c.failedTasks(),
                    c.healthyTaskSeen(), counted.at());
        }).toList();
        Set<String> stops = new HashSet<>(state.countedStops());
        if (counted.stoppedTasksForgotten() != null) {
            counted.stoppedTasksForgotten().forEach(stops::remove);
        }
        if (counted.stoppedTasksCounted() != null) {
            stops.addAll(counted.stoppedTasksCounted());
        }
        ServiceSpec spec = counted.desiredCount() == null ? state.spec()
                : state.spec().withDesiredCount(counted.desiredCount());
        List<TaskSet> taskSets = state.taskSets().stream().map(t -> {
            DeploymentCounts c = byId.get(t.id());
            return c == null ? t : t.counted(c.desiredCount(), c.pendingCount(), c.runningCount(), counted.at());
        }).toList();
        return state.with(spec, state.status(), deployments, state.lastCompletedDeployment(),
                counted.steady() == null ? state.steady() : counted.steady(), stops).withTaskSets(taskSets);
    }

    private static ServiceSpec spec(ServiceCreated created) {
        return new ServiceSpec(created.serviceName(), created.clusterArn(), created.serviceArn(),
                created.taskDefinitionArn(), created.desiredCount(),
                SchedulingStrategy.valueOf(created.schedulingStrategy()), created.launchType(),
                created.capacityProviderStrategy(), created.deploymentConfiguration(),
                orEmpty(created.placementConstraints()), orEmpty(created.placementStrategy()),
                created.healthCheckGracePeriodSeconds() == null ? 0 : created.healthCheckGracePeriodSeconds(),
                orEmpty(created.loadBalancers()), created.networkConfiguration(),
                created.propagateTags() == null ? "NONE" : created.propagateTags(), orEmpty(created.tags()),
                created.platformVersion(), created.platformFamily(), created.deploymentController());
    }

    /** The spec with what the update changed; a capacity provider strategy replaces the launch type. */
    private static ServiceSpec updated(ServiceSpec s, ServiceUpdated u) {
        return new ServiceSpec(s.serviceName(), s.clusterArn(), s.serviceArn(),
                or(u.taskDefinitionArn(), s.taskDefinitionArn()), or(u.desiredCount(), s.desiredCount()),
                s.schedulingStrategy(), u.capacityProviderStrategy() != null ? null : s.launchType(),
                or(u.capacityProviderStrategy(), s.capacityProviderStrategy()),
                or(u.deploymentConfiguration(), s.deploymentConfiguration()),
                or(u.placementConstraints(), s.placementConstraints()), or(u.placementStrategy(), s.placementStrategy()),
                or(u.healthCheckGracePeriodSeconds(), s.healthCheckGracePeriodSeconds()),
                or(u.loadBalancers(), s.loadBalancers()), or(u.networkConfiguration(), s.networkConfiguration()),
                or(u.propagateTags(), s.propagateTags()), s.tags(), or(u.platformVersion(), s.platformVersion()),
                or(u.platformFamily(), s.platformFamily()), s.deploymentController());
    }

    private static ServiceState imported(ServiceImported imported) {
        try {
            return EventJson.mapper().treeToValue(imported.state(), ServiceState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ServiceImported of " + imported.serviceArn() + " holds no service", e);
        }
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
