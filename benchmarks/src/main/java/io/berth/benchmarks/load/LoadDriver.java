package io.berth.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends a scenario's requests open loop on a fixed {@link Schedule}, free of coordinated omission.
 *
 * <p>Every request has an intended start on the schedule, and its latency runs from that moment
 * to its answer, not from when it was actually sent. A server that stalls therefore shows in the
 * percentiles of every request meant to start during the stall, even if the generator itself was
 * held up. The generator never waits for answers: it keeps to the schedule, and when
 * {@code maxInFlight} requests are already waiting it drops the request and counts it, so a run
 * that could not keep up says so instead of quietly sending less.
 */
final class LoadDriver {

    /** A request sent later than this after its intended start counts as late: the generator fell behind. */
    static final long LATE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How often the end of the run looks whether the last answers have come. */
    private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Transport transport;
    private final Ticker ticker;
    private final int maxInFlight;
    private final Duration drainTimeout;

    /**
     * @param maxInFlight how many requests may wait for an answer at once
     * @param drainTimeout how long to wait for the last answers once every request is sent
     */
    LoadDriver(Transport transport, Ticker ticker, int maxInFlight, Duration drainTimeout) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.transport = transport;
        this.ticker = ticker;
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
    }

    /** The figures of a run, per phase, and how many requests never got an answer in time. */
    record Result(PhaseReport warmup, PhaseReport measured, long unfinished) {
    }

    Result run(Scenario scenario, Schedule schedule) {
        PhaseStats warmup = new PhaseStats();
        PhaseStats measured = new PhaseStats();
        Semaphore inFlight = new Semaphore(maxInFlight);
        long start = ticker.nanoTime();
        for (long i = 0; i < schedule.count(); i++) {
            long intendedStart = start + schedule.offsetNanos(i);
            ticker.parkUntil(intendedStart);
            EcsRequest request = scenario.next();
            OperationStats stats = (schedule.isWarmup(i) ? warmup : measured).of(request.operation());
            if (!inFlight.tryAcquire()) {
                stats.dropped();
                continue;
            }
            stats.sent(ticker.nanoTime() - intendedStart > LATE_AFTER_NANOS);
            transport.send(request).whenComplete((response, failure) -> {
                stats.completed(ticker.nanoTime() - intendedStart,
                        failure == null ? Outcome.of(response) : Outcome.of(failure));
                inFlight.release();
            });
        }
        long unfinished = drain(inFlight);
        return new Result(warmup.report(schedule.warmup()), measured.report(schedule.measured()), unfinished);
    }

    /**
     * Waits on the ticker for the answers still out, up to the drain timeout, and returns how many
     * never came. Waiting on the ticker rather than on the semaphore keeps a manual ticker in control.
     */
    private long drain(Semaphore inFlight) {
        long deadline = ticker.nanoTime() + drainTimeout.toNanos();
        while (inFlight.availablePermits() < maxInFlight && ticker.nanoTime() < deadline) {
            ticker.parkUntil(Math.min(deadline, ticker.nanoTime() + DRAIN_POLL_NANOS));
        }
        return maxInFlight - inFlight.availablePermits();
    }
}
