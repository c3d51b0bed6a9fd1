package io.berth.scheduler.service;

import java.util.Set;

/**
 * The deployment circuit breaker's arithmetic. Threshold as the current API reference gives it: half
 * the desired count rounded up (the 2023 guide's rounding), clamped to 3…200. A task of a deployment
 * counts as failed when it stopped without the scheduler or a user asking, and either never reached
 * RUNNING or stopped because an essential container exited or it failed to start.
 */
public final class CircuitBreaker {

    public static final int MINIMUM_THRESHOLD = 3;
    public static final int MAXIMUM_THRESHOLD = 200;
    private static final Set<String> FAILURES_AFTER_RUNNING = Set.of("EssentialContainerExited", "TaskFailedToStart");
    private static final Set<String> REQUESTED_STOPS = Set.of(Action.SERVICE_SCHEDULER_INITIATED, "UserInitiated");

    private CircuitBreaker() {
    }

    /** {@code min(max(⌈0.5 × desiredCount⌉, 3), 200)}. */
    public static int threshold(int desiredCount) {
        int half = (int) ((desiredCount + 1L) / 2);
        return Math.min(Math.max(half, MINIMUM_THRESHOLD), MAXIMUM_THRESHOLD);
    }

    /** Whether a STOPPED task counts as a failed task of its deployment. */
    public static boolean failed(ServiceTask task) {
        if (!task.stopped() || (task.stopCode() != null && REQUESTED_STOPS.contains(task.stopCode()))) {
            return false;
        }
        return task.startedAt() == null || FAILURES_AFTER_RUNNING.contains(task.stopCode());
    }
}
