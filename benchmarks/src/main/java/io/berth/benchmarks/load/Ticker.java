package io.berth.benchmarks.load;

/**
 * The load generator's clock: a monotonic reading in nanoseconds and a way to wait for a moment
 * on it. The schedule and every latency are measured on it, so tests can run on a manual one.
 */
interface Ticker {

    long nanoTime();

    /** Returns at or after {@code deadline}; at once when it has passed. */
    void parkUntil(long deadline);

    /** The JVM's monotonic clock. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
