package io.berth.scheduler.service;

import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.DeploymentCompleted;
import io.berth.events.ServiceEvent.DeploymentFailed;
import io.berth.events.ServiceEvent.DeploymentRemoved;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.ServiceEvent.ServiceDrained;
import io.berth.events.ServiceEvent.ServiceMessageRecorded;
import io.berth.events.ServiceEvent.ServiceTasksCounted;
import io.berth.events.ServiceEvent.TaskSetRemoved;
import io.berth.events.ServiceEvent.TaskSetStabilityChanged;
import io.berth.events.Shapes.DeploymentCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A reconciliation as the events of the service's stream: what took the service from the state the
 * {@link Reconciler} decided on to the one it left (its {@link Decision#next()}, with the messages of
 * the placements after it). Folded by {@link ServiceDecider#evolve}, the events give exactly that
 * state; the reconciler's tests check it after every step. Pure.
 */
public final class ServiceChanges {

    private static final ServiceDecider DECIDER = new ServiceDecider();

    private ServiceChanges() {
    }

    /**
     * The events, in the order they apply: the breaker's failure and rollback, deployments removed,
     * the counts, a completion (which keeps the deployment as last completed, counts included), the
     * end of draining, the messages.
     */
    public static List<ServiceEvent> between(ServiceState before, ServiceState after, List<DeploymentChange> changes,
            Instant at) {
        String cluster = after.spec().clusterArn();
        String service = after.spec().serviceArn();
        List<ServiceEvent> events = new ArrayList<>();
        for (DeploymentChange change : changes) {
            if (change instanceof DeploymentChange.Failed failed) {
                events.add(new DeploymentFailed(cluster, service, failed.deploymentId(), failed.reason(),
                        failed.rollbackDeploymentId(), at));
            } else if (change instanceof DeploymentChange.RollbackStarted rollback) {
                events.add(started(cluster, service, rollback.deployment(), rollback.restoredDeploymentId(), at));
            } else if (change instanceof DeploymentChange.Started started) {
                events.add(started(cluster, service, started.deployment(), null, at));
            } else if (change instanceof DeploymentChange.Removed removed) {
                events.add(new DeploymentRemoved(cluster, service, removed.deploymentId(), at));
            }
        }
        for (TaskSet set : before.taskSets()) {
            if (after.taskSet(set.id()).isEmpty()) {
                events.add(new TaskSetRemoved(cluster, service, set.id(), at));
            }
        }
        ServiceState mid = DECIDER.fold(before, events);
        counted(mid, after, at).ifPresent(events::add);
        for (TaskSet set : after.taskSets()) {
            if (mid.taskSet(set.id()).map(m -> !m.stabilityStatus().equals(set.stabilityStatus())).orElse(false)) {
                events.add(new TaskSetStabilityChanged(cluster, service, set.id(), set.stabilityStatus(), at));
            }
        }
        for (DeploymentChange change : changes) {
            if (change instanceof DeploymentChange.Completed completed) {
                events.add(new DeploymentCompleted(cluster, service, completed.deploymentId(), at));
            }
        }
        if (before.status() != ServiceState.Status.INACTIVE && after.status() == ServiceState.Status.INACTIVE) {
            events.add(new ServiceDrained(cluster, service, at));
        }
        Set<String> known = before.events().stream().map(ServiceMessage::id).collect(Collectors.toSet());
        List<ServiceEvent> messages = new ArrayList<>();
        for (ServiceMessage message : after.events()) {
            if (!known.contains(message.id())) {
                messages.add(0, new ServiceMessageRecorded(cluster, service, message.id(), message.message(),
                        message.createdAt()));
            }
        }
        events.addAll(messages);
        return events;
    }

    /** What a deployment's counts are, for {@code ServiceTasksCounted}. */
    static DeploymentCounts counts(Deployment d, int desired) {
        return new DeploymentCounts(d.id(), desired, d.pendingCount(), d.runningCount(), d.failedTasks(),
                d.healthyTaskSeen());
    }

    private static DeploymentCounts counts(TaskSet t) {
        return new DeploymentCounts(t.id(), t.computedDesiredCount(), t.pendingCount(), t.runningCount(), 0, false);
    }

    private static DeploymentStarted started(String cluster, String service, Deployment deployment, String restored,
            Instant at) {
        return new DeploymentStarted(cluster, service, deployment.id(), deployment.taskDefinitionArn(),
                deployment.desiredCount(), restored, at);
    }

    /** The counts that differ between the two states, if any. */
    private static Optional<ServiceEvent> counted(ServiceState mid, ServiceState after, Instant at) {
        List<DeploymentCounts> deployments = new ArrayList<>();
        for (Deployment d : after.deployments()) {
            DeploymentCounts now = counts(d, d.desiredCount());
            if (mid.deployment(d.id()).map(m -> !counts(m, m.desiredCount()).equals(now)).orElse(true)) {
                deployments.add(now);
            }
        }
        // A task set's counts travel as a deployment's: its id is one (ADR 0046).
        for (TaskSet t : after.taskSets()) {
            DeploymentCounts now = counts(t);
            if (mid.taskSet(t.id()).map(m -> !counts(m).equals(now)).orElse(true)) {
                deployments.add(now);
            }
        }
        Integer desired = after.spec().desiredCount() == mid.spec().desiredCount() ? null : after.spec().desiredCount();
        Boolean steady = after.steady() == mid.steady() ? null : after.steady();
        List<String> counted = after.countedStops().stream().filter(t -> !mid.countedStops().contains(t)).sorted()
                .toList();
        List<String> forgotten = mid.countedStops().stream().filter(t -> !after.countedStops().contains(t)).sorted()
                .toList();
        if (deployments.isEmpty() && desired == null && steady == null && counted.isEmpty() && forgotten.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceTasksCounted(after.spec().clusterArn(), after.spec().serviceArn(),
                desired, deployments, steady, counted, forgotten, at));
    }
}
