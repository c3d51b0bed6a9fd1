package io.berth.agent.runtime;

import io.berth.agent.runtime.docker.EngineException;
import io.berth.eventstore.Backoff;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a container removal the engine refused is tried again, and after how long. Podman can answer the removal
 * of a container that has just stopped with a 500 "device or resource busy" (EBUSY) while it is still unmounting the
 * container's storage; that passes within moments, so the removal is tried again after a doubling back-off, a bounded
 * number of times. Any other refusal is final, and so is EBUSY after the last attempt: the container is then left to
 * the orphan sweep of the next agent start.
 */
final class RemovalRetry {

    /** Attempts in all, the first one included. */
    static final int ATTEMPTS = 5;
    /** The waits between attempts, each twice the one before: 0.1 + 0.2 + 0.4 + 0.8 s. */
    static final Backoff WAITS = new Backoff(Duration.ofMillis(100), Duration.ofMillis(800));

    private RemovalRetry() {
    }

    /**
     * @param failedAttempts how many attempts have failed so far, the one that raised {@code refusal} included
     * @return the wait before the next attempt; empty when the removal is not tried again
     */
    static Optional<Duration> next(int failedAttempts, EngineException refusal) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1: " + failedAttempts);
        }
        if (!busy(refusal) || failedAttempts >= ATTEMPTS) {
            return Optional.empty();
        }
        return Optional.of(WAITS.after(failedAttempts));
    }

    /** The engine's answer while it still unmounts the container: a 500 whose message is the EBUSY error. */
    static boolean busy(EngineException refusal) {
        String message = refusal.getMessage() == null ? "" : refusal.getMessage().toLowerCase(Locale.ROOT);
        return refusal.status() == 500 && (message.contains("device or resource busy") || message.contains("ebusy"));
    }
}
