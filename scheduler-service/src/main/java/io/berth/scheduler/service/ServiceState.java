package io.berth.scheduler.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A service as the scheduler keeps it between decisions.
 *
 * @param deployments the PRIMARY first, then the older ones that still own tasks, newest first
 * @param lastCompletedDeployment the last deployment that COMPLETED, as it was then: what a circuit
 *     breaker rollback restores; null before the first completes
 * @param steady whether the last decision found the service in a steady state (the steady-state
 *     message is written when this turns true)
 * @param events the service event messages, newest first, at most {@link #MAX_EVENTS}
 * @param countedStops the STOPPED tasks already looked at for the failure count, so a task that stays
 *     visible is counted once; only those still visible are kept
 * @param clientToken the CreateService {@code clientToken} that created it, if one was given
 * @param taskSets a service of the EXTERNAL or CODE_DEPLOY controller's task sets, oldest first (its
 *     {@code deployments} stay empty); empty for other services
 */
public record ServiceState(ServiceSpec spec, Status status, List<Deployment> deployments,
        Deployment lastCompletedDeployment, boolean steady, List<ServiceMessage> events, Set<String> countedStops,
        Instant createdAt, String clientToken, List<TaskSet> taskSets) {

    public static final int MAX_EVENTS = 100;
    /** ECS suppresses a message identical to the previous one until six hours have passed. */
    public static final Duration REPEAT_AFTER = Duration.ofHours(6);

    public enum Status { ACTIVE, DRAINING, INACTIVE }

    public ServiceState {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        deployments = List.copyOf(deployments);
        // Empty only between ServiceCreated and its first DeploymentStarted, which one decision writes together.
        if (!deployments.isEmpty() && (!deployments.get(0).isPrimary()
                || deployments.stream().filter(Deployment::isPrimary).count() != 1)) {
            throw new IllegalArgumentException("A service has exactly one PRIMARY deployment, listed first: "
                    + deployments);
        }
        events = List.copyOf(events);
        countedStops = Set.copyOf(countedStops);
        // Absent from the rows of services written before 2026-12-07.
        taskSets = taskSets == null ? List.of() : List.copyOf(taskSets);
    }

    public ServiceState(ServiceSpec spec, Status status, List<Deployment> deployments,
            Deployment lastCompletedDeployment, boolean steady, List<ServiceMessage> events, Set<String> countedStops,
            Instant createdAt, String clientToken) {
        this(spec, status, deployments, lastCompletedDeployment, steady, events, countedStops, createdAt, clientToken,
                List.of());
    }

    /** A new service: ACTIVE, its first deployment still to start. */
    public static ServiceState created(ServiceSpec spec, Instant now, String clientToken) {
        return new ServiceState(spec, Status.ACTIVE, List.of(), null, false, List.of(), Set.of(), now, clientToken);
    }

    public Deployment primary() {
        return deployments.get(0);
    }

    public Optional<TaskSet> taskSet(String id) {
        return taskSets.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<TaskSet> primaryTaskSet() {
        return taskSets.stream().filter(TaskSet::isPrimary).findFirst();
    }

    public Optional<Deployment> deployment(String id) {
        return deployments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The service's {@code runningCount}: RUNNING tasks of all deployments or task sets. */
    public int runningCount() {
        return deployments.stream().mapToInt(Deployment::runningCount).sum()
                + taskSets.stream().mapToInt(TaskSet::runningCount).sum();
    }

    /** The service's {@code pendingCount}. */
    public int pendingCount() {
        return deployments.stream().mapToInt(Deployment::pendingCount).sum()
                + taskSets.stream().mapToInt(TaskSet::pendingCount).sum();
    }

    /**
     * With a service event message added, unless it repeats the newest one within
     * {@link #REPEAT_AFTER}; the oldest beyond {@link #MAX_EVENTS} are dropped.
     */
    public ServiceState record(String message, Instant now) {
        if (!events.isEmpty() && events.get(0).message().equals(message)
                && now.isBefore(events.get(0).createdAt().plus(REPEAT_AFTER))) {
            return this;
        }
        List<ServiceMessage> newest = new ArrayList<>(Math.min(events.size() + 1, MAX_EVENTS));
        newest.add(ServiceMessage.of(spec.serviceArn(), now, message));
        newest.addAll(events.subList(0, Math.min(events.size(), MAX_EVENTS - 1)));
        return withEvents(newest);
    }

    ServiceState withEvents(List<ServiceMessage> newest) {
        return new ServiceState(spec, status, deployments, lastCompletedDeployment, steady, newest, countedStops,
                createdAt, clientToken, taskSets);
    }

    ServiceState withTaskSets(List<TaskSet> value) {
        return new ServiceState(spec, status, deployments, lastCompletedDeployment, steady, events, countedStops,
                createdAt, clientToken, value);
    }

    ServiceState with(ServiceSpec newSpec, Status newStatus, List<Deployment> newDeployments,
            Deployment newLastCompleted, boolean newSteady, Set<String> newCountedStops) {
        return new ServiceState(newSpec, newStatus, newDeployments, newLastCompleted, newSteady, events,
                newCountedStops, createdAt, clientToken, taskSets);
    }
}
