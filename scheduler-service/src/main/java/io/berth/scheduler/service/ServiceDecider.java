package io.berth.scheduler.service;

import io.berth.ecs.EcsErrors;
import io.berth.scheduler.service.Deployment.Status;
import io.berth.scheduler.service.DeploymentChange.Started;
import io.berth.scheduler.service.ServiceCommand.CreateService;
import io.berth.scheduler.service.ServiceCommand.DeleteService;
import io.berth.scheduler.service.ServiceCommand.UpdateService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The service commands on the service's state: CreateService, UpdateService and DeleteService, and the
 * service event messages the scheduler writes after placing tasks. Pure; what the commands set in
 * motion (starting and stopping tasks) is the {@link Reconciler}'s next decision.
 */
public final class ServiceDecider {

    private ServiceDecider() {
    }

    /**
     * A new service with its first deployment.
     *
     * @param deploymentId the id of the first deployment, e.g. {@link Deployment#deriveId} of the
     *     command's id
     */
    public static Decision create(CreateService command, String clusterArn, String deploymentId, Instant now) {
        ServiceSpec spec = ServiceRules.create(command, clusterArn);
        Deployment first = Deployment.start(deploymentId, spec.taskDefinitionArn(), spec.desiredCount(), now);
        return new Decision(List.of(), List.of(new Started(first)), List.of(), false,
                ServiceState.created(spec, first, now));
    }

    /**
     * UpdateService. With a new deployment the PRIMARY becomes ACTIVE and keeps its tasks until the
     * reconciler has replaced them; otherwise only the spec (and the PRIMARY's desired count) changes.
     * Either way the service is no longer taken as steady, so the next steady state is reported.
     *
     * @param deploymentId the id of the deployment it may start
     * @throws io.berth.ecs.EcsException ServiceNotActiveException for a DRAINING or INACTIVE service, or
     *     the rule the update breaks
     */
    public static Decision update(ServiceState state, UpdateService command, String deploymentId, Instant now) {
        ServiceRules.requireActive(state);
        ServiceRules.Update update = ServiceRules.update(state.spec(), command);
        ServiceSpec spec = update.spec();
        List<Deployment> deployments = new ArrayList<>(state.deployments());
        List<DeploymentChange> changes = new ArrayList<>();
        if (update.newDeployment()) {
            Deployment next = Deployment.start(deploymentId, spec.taskDefinitionArn(), spec.desiredCount(), now);
            deployments.set(0, deployments.get(0).withStatus(Status.ACTIVE, now));
            deployments.add(0, next);
            changes.add(new Started(next));
        } else {
            Deployment primary = deployments.get(0);
            deployments.set(0, primary.withCounts(spec.desiredCount(), primary.pendingCount(), primary.runningCount(),
                    now));
        }
        // Whatever the update changed, the service reports its steady state again once it is there.
        ServiceState next = state.with(spec, state.status(), deployments, state.lastCompletedDeployment(), false,
                state.countedStops());
        return new Decision(List.of(), changes, List.of(), false, next);
    }

    /**
     * DeleteService: the service turns DRAINING with a desired count of 0; the reconciler stops its
     * tasks and makes it INACTIVE once none is left.
     *
     * @throws io.berth.ecs.EcsException InvalidParameterException for a REPLICA service scaled above 0
     *     without {@code force}; ServiceNotActiveException when it is not ACTIVE
     */
    public static Decision delete(ServiceState state, DeleteService command, Instant now) {
        ServiceRules.requireActive(state);
        if (!state.spec().isDaemon() && state.spec().desiredCount() > 0 && !command.force()) {
            throw EcsErrors.invalidParameter("The service cannot be stopped while it is scaled above 0.");
        }
        ServiceSpec spec = state.spec().withDesiredCount(0);
        List<Deployment> deployments = new ArrayList<>(state.deployments());
        Deployment primary = deployments.get(0);
        deployments.set(0, primary.withCounts(0, primary.pendingCount(), primary.runningCount(), now));
        ServiceState next = state.with(spec, ServiceState.Status.DRAINING, deployments, state.lastCompletedDeployment(),
                false, state.countedStops());
        return new Decision(List.of(), List.of(), List.of(), false, next);
    }

    /** TagResource or UntagResource: the service with this complete set of tags. */
    public static ServiceState retagged(ServiceState state, List<io.berth.events.Shapes.Tag> tags) {
        return state.with(state.spec().withTags(tags), state.status(), state.deployments(),
                state.lastCompletedDeployment(), state.steady(), state.countedStops());
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
}
