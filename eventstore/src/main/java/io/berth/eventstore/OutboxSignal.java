package io.berth.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Wakes the relay as soon as a transaction with outbox rows commits, instead of waiting for its next poll. */
@ApplicationScoped
public class OutboxSignal {

    private boolean pending;

    public synchronized void signal() {
        pending = true;
        notifyAll();
    }

    /** Waits for a signal or for {@code timeout}, whichever comes first. */
    public synchronized void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        pending = false;
    }
}
