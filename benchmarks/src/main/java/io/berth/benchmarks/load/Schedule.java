package io.berth.benchmarks.load;

import java.time.Duration;
import java.util.Objects;

/**
 * When each request is meant to start: evenly spaced at a fixed rate, {@code rate × warm-up}
 * requests of warm-up followed by {@code rate × measured} measured ones. Request {@code i} starts
 * {@code i / rate} seconds after the run begins, whatever happened to the requests before it.
 */
record Schedule(double ratePerSecond, Duration warmup, Duration measured) {

    Schedule {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(measured, "measured");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("the rate must be a positive number of requests per second");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("the warm-up must not be negative");
        }
        if (measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("the measured duration must be positive");
        }
    }

    long warmupCount() {
        return Math.round(seconds(warmup) * ratePerSecond);
    }

    long count() {
        return warmupCount() + Math.round(seconds(measured) * ratePerSecond);
    }

    /** Nanoseconds from the start of the run to the intended start of request {@code i}. */
    long offsetNanos(long i) {
        return Math.round(i * 1e9 / ratePerSecond);
    }

    boolean isWarmup(long i) {
        return i < warmupCount();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
