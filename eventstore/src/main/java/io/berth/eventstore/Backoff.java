package io.berth.eventstore;

import java.time.Duration;

/**
 * How long to wait before trying again after a number of failures in a row: {@code first} after the
 * first, twice as long after each further one, never longer than {@code cap}. Pure: what waits is
 * the caller's.
 */
public record Backoff(Duration first, Duration cap) {

    /** A channel's batch tried again in place (ADR 0070): 100 ms, 200 ms, … up to 5 s. */
    public static final Backoff CHANNEL = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    public Backoff {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("A back-off needs 0 < first <= cap, not " + first + " and " + cap);
        }
    }

    /**
     * A back-off from a configured interval: a zero interval (look again at once) starts at 1 ms, since a doubling
     * needs something to double, and a {@code cap} below the interval is raised to it, so the interval is never
     * shortened.
     */
    public static Backoff from(Duration interval, Duration cap) {
        Duration first = interval.isZero() ? Duration.ofMillis(1) : interval;
        return new Backoff(first, cap.compareTo(first) > 0 ? cap : first);
    }

    /**
     * The wait after {@code failures} failures in a row (1 for the first).
     *
     * @throws IllegalArgumentException if {@code failures} is below 1
     */
    public Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("No wait before the first failure: " + failures);
        }
        Duration wait = first;
        for (int i = 1; i < failures && wait.compareTo(cap) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
