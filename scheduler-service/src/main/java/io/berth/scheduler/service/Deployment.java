package io.berth.scheduler.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code Service.deployments[]} (ECS controller).
 *
 * @param id {@code ecs-svc/} and 19 digits; also the {@code startedBy} of its tasks
 * @param status PRIMARY for the newest, ACTIVE for an older one that still owns tasks
 * @param desiredCount for the PRIMARY the service's desired count; for an older deployment the tasks
 *     it keeps for now
 * @param failedTasks consecutive failed tasks, counted until a task of the deployment is healthy
 * @param createdAt null, as {@code updatedAt}, only in a service folded from events written before
 *     2026-12-05, which had no time of their own (ADR 0016)
 * @param healthyTaskSeen a task of this deployment counted as healthy: that reset failedTasks to 0;
 *     tasks that fail later (including ones that ran and exited) count again
 *     and the circuit breaker no longer judges the deployment ("once a deployment has a running
 *     task the count resets" — reference §3.6)
 */
public record Deployment(String id, Status status, String taskDefinitionArn, int desiredCount, int pendingCount,
        int runningCount, int failedTasks, RolloutState rolloutState, String rolloutStateReason, Instant createdAt,
        Instant updatedAt, boolean healthyTaskSeen) {

    public static final String ID_PREFIX = "ecs-svc/";
    public static final String CIRCUIT_BREAKER_FAILED = "ECS deployment circuit breaker: tasks failed to start.";
    private static final String ROLLING_BACK = "ECS deployment circuit breaker: rolling back to deploymentId ";
    private static final Pattern ID = Pattern.compile("ecs-svc/[0-9]{19}");

    public enum Status { PRIMARY, ACTIVE, INACTIVE }

    public enum RolloutState { IN_PROGRESS, COMPLETED, FAILED }

    public Deployment {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("Deployment id must be ecs-svc/ and 19 digits: " + id);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(rolloutState, "rolloutState");
    }

    /** A new PRIMARY, IN_PROGRESS, with no task yet. */
    public static Deployment start(String id, String taskDefinitionArn, int desiredCount, Instant now) {
        return new Deployment(id, Status.PRIMARY, taskDefinitionArn, desiredCount, 0, 0, 0, RolloutState.IN_PROGRESS,
                inProgress(id), now, now, false);
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * A deployment id derived from {@code seed}: the same seed gives the same id, so a decision that
     * starts a deployment can be repeated. The scheduler seeds it with something unique, e.g. the id
     * of the command that caused it.
     */
    public static String deriveId(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            long n = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                n = (n << 8) | (hash[i] & 0xff);
            }
            return ID_PREFIX + String.format("%019d", n & Long.MAX_VALUE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String inProgress(String id) {
        return "ECS deployment " + id + " in progress.";
    }

    public static String completed(String id) {
        return "ECS deployment " + id + " completed.";
    }

    /** The reason of a deployment a StopServiceDeployment rolled back (Berth's wording; ECS's is not documented). */
    public static String stoppedByRollback(String id) {
        return "ECS deployment " + id + " stopped by StopServiceDeployment: rolling back.";
    }

    public static String rollingBack(String restoredId) {
        return ROLLING_BACK + restoredId + ".";
    }

    /** A deployment the circuit breaker started to roll back, while the rollback is in progress. */
    public boolean isRollback() {
        return rolloutState == RolloutState.IN_PROGRESS && rolloutStateReason != null
                && rolloutStateReason.startsWith(ROLLING_BACK);
    }

    public boolean isPrimary() {
        return status == Status.PRIMARY;
    }

    Deployment withStatus(Status value, Instant now) {
        return new Deployment(id, value, taskDefinitionArn, desiredCount, pendingCount, runningCount, failedTasks,
                rolloutState, rolloutStateReason, createdAt, now, healthyTaskSeen);
    }

    Deployment withRollout(RolloutState state, String reason, Instant now) {
        return new Deployment(id, status, taskDefinitionArn, desiredCount, pendingCount, runningCount, failedTasks,
                state, reason, createdAt, now, healthyTaskSeen);
    }

    Deployment withFailedTasks(int value, Instant now) {
        return new Deployment(id, status, taskDefinitionArn, desiredCount, pendingCount, runningCount, value,
                rolloutState, rolloutStateReason, createdAt, now, healthyTaskSeen);
    }

    Deployment withHealthyTask(Instant now) {
        return new Deployment(id, status, taskDefinitionArn, desiredCount, pendingCount, runningCount, 0,
                rolloutState, rolloutStateReason, createdAt, now, true);
    }

    /** The counts a {@code ServiceTasksCounted} brought, as of {@code at}. */
    Deployment counted(int desired, int pending, int running, int failed, boolean healthySeen, Instant at) {
        return new Deployment(id, status, taskDefinitionArn, desired, pending, running, failed, rolloutState,
                rolloutStateReason, createdAt, at, healthySeen);
    }

    /** The counts, touching {@code updatedAt} only when one of them changed. */
    Deployment withCounts(int desired, int pending, int running, Instant now) {
        if (desired == desiredCount && pending == pendingCount && running == runningCount) {
            return this;
        }
        return new Deployment(id, status, taskDefinitionArn, desired, pending, running, failedTasks, rolloutState,
                rolloutStateReason, createdAt, now, healthyTaskSeen);
    }
}
