package io.berth.eventstore;

import java.time.Duration;

/**
 * How long the outbox relay waits for a wake-up before it looks at the outbox again (ADR 0083). A commit of this
 * instance wakes it at once whatever the wait; the wait only bounds how late it finds rows that no wake-up
 * announced: rows of a replica whose relay missed the publishing lock, or whose process died after its commit.
 *
 * <p>After a look that published rows, or that found the lock held by another relay (which may be publishing
 * without this instance's latest rows), the wait is the poll interval, as before. Each look in a row that held
 * the lock and found nothing doubles it, up to {@code idle}: a replica's rows are always looked for at the poll
 * interval by their own relay, which its commit woke and which keeps the poll interval until it holds the lock
 * and finds nothing left, so the long waits only delay rows whose writer died between its commit and its look.
 * Pure: what waits is the caller's.
 */
final class RelayPace {

    private final Duration poll;
    private final Backoff quiet;
    private int emptyLooks;

    RelayPace(Duration poll, Duration idle) {
        this.poll = poll;
        this.quiet = Backoff.from(poll, idle);
    }

    /** The wait after a look that held the lock (or not) and published {@code published} rows. */
    Duration after(boolean heldLock, int published) {
        if (!heldLock || published > 0) {
            emptyLooks = 0;
            return poll;
        }
        return quiet.after(++emptyLooks);
    }
}
