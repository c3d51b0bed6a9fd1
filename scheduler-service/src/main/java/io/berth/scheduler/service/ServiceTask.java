package io.berth.scheduler.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One task of the service as the reconciler sees it. The scheduler passes every task of the service's
 * group that is not STOPPED, plus the recently STOPPED ones (ECS keeps them visible for an hour) so
 * that failures are counted.
 *
 * @param deploymentId the deployment that started it: the task's {@code startedBy}
 * @param lastStatus the ECS {@code lastStatus}: PROVISIONING, PENDING, ACTIVATING, RUNNING,
 *     DEACTIVATING, STOPPING, DEPROVISIONING or STOPPED
 * @param desiredStatus RUNNING, or STOPPED once a stop was requested
 * @param startedAt when it reached RUNNING; null before. Health counts from here
 * @param healthStatus the task's container health: HEALTHY, UNHEALTHY, UNKNOWN or null (no health check)
 * @param stopCode the ECS {@code stopCode} once stopping or stopped, else null
 */
public record ServiceTask(String taskArn, String deploymentId, String containerInstanceArn, String lastStatus,
        String desiredStatus, Instant startedAt, String healthStatus, String stopCode) {

    public static final String RUNNING = "RUNNING";
    public static final String PENDING = "PENDING";
    public static final String STOPPED = "STOPPED";
    public static final String UNHEALTHY = "UNHEALTHY";
    public static final String HEALTHY = "HEALTHY";
    /** The states before RUNNING and RUNNING itself: a task in them that should run holds its place. */
    private static final Set<String> UP = Set.of("PROVISIONING", PENDING, "ACTIVATING", RUNNING);

    public ServiceTask {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(desiredStatus, "desiredStatus");
    }

    /**
     * Pending or running and meant to keep running: the tasks the bounds count. A task whose stop
     * was requested no longer counts, so a stop is never requested twice.
     */
    public boolean live() {
        return RUNNING.equals(desiredStatus) && UP.contains(lastStatus);
    }

    /**
     * Holds a place under maximumPercent: ECS counts a task from PROVISIONING until it is STOPPED,
     * whatever its desiredStatus, so a task told to stop still counts while it stops.
     */
    public boolean occupies() {
        return !stopped();
    }

    public boolean running() {
        return live() && RUNNING.equals(lastStatus);
    }

    public boolean stopped() {
        return STOPPED.equals(lastStatus);
    }

    /**
     * Healthy: RUNNING, the grace period since {@code startedAt} over, and no failed container health
     * check. With a grace period a task whose start time is unknown is not healthy yet.
     */
    public boolean healthy(Instant now, int gracePeriodSeconds) {
        return running() && !UNHEALTHY.equals(healthStatus) && pastGrace(now, gracePeriodSeconds);
    }

    /** RUNNING, past the grace period (which suppresses unhealthy verdicts), and UNHEALTHY. */
    public boolean failedHealthChecks(Instant now, int gracePeriodSeconds) {
        return running() && UNHEALTHY.equals(healthStatus) && pastGrace(now, gracePeriodSeconds);
    }

    private boolean pastGrace(Instant now, int gracePeriodSeconds) {
        if (gracePeriodSeconds == 0) {
            return true;
        }
        return startedAt != null && !now.isBefore(startedAt.plusSeconds(gracePeriodSeconds));
    }

    /** Whether the task is on one of {@code instances}; a task not yet on an instance is on none. */
    public boolean isOn(Set<String> instances) {
        return containerInstanceArn != null && instances.contains(containerInstanceArn);
    }

    /** The last part of the ARN, as service event messages show it. */
    public String taskId() {
        return ServiceMessages.idOf(taskArn);
    }
}
