package io.berth.benchmarks.load;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link Ticker} that only moves when told: parking jumps to the deadline, running on the way
 * every action scheduled with {@link #at} at its own moment. Single-threaded, like the tests.
 */
final class ManualTicker implements Ticker {

    private record Due(long at, long order, Runnable action) {
    }

    private final PriorityQueue<Due> due = new PriorityQueue<>(
            Comparator.comparingLong(Due::at).thenComparingLong(Due::order));
    private long now;
    private long scheduled;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void parkUntil(long deadline) {
        while (!due.isEmpty() && due.peek().at() <= deadline) {
            Due next = due.poll();
            now = Math.max(now, next.at());
            next.action().run();
        }
        now = Math.max(now, deadline);
    }

    /** Runs {@code action} when the ticker passes {@code nanoTime}. */
    void at(long nanoTime, Runnable action) {
        due.add(new Due(nanoTime, scheduled++, action));
    }

    /** Moves the clock forward at once, as a thread held up for that long would find it. */
    void advance(Duration duration) {
        now += duration.toNanos();
    }
}
