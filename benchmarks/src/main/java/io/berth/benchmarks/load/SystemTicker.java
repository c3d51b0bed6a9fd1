package io.berth.benchmarks.load;

import java.util.concurrent.locks.LockSupport;

/** {@link Ticker} on {@link System#nanoTime()}. */
enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void parkUntil(long deadline) {
        // parkNanos may return early (spuriously or on unpark), so wait again for what is left.
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
