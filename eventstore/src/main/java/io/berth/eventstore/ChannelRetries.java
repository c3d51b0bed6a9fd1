package io.berth.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A channel's batch applied until it is applied (ADR 0070): a failure (a wait for positions that ran
 * out, a conflict that outlasted its re-tries, a lost database connection, a lock timeout) rolls the
 * batch back, and the same records are applied again in place after {@link Backoff#CHANNEL}'s wait,
 * as many times as it takes. The channel's connector never sees the failure, so it never stops the
 * channel (SmallRye's {@code fail} strategy stops it for good) and its offsets move past a batch only
 * once it is applied. Only a service that is stopping gives up: the failure then reaches the
 * connector, which does not commit the batch, and the next start applies it again. The inbox makes
 * every attempt after one that committed a no-op.
 *
 * <p>For {@code @Incoming} methods only: a call answered over HTTP fails fast, its caller tries again.
 * Each failure is a WARNING naming the consumer and the attempt (the stack trace with the first)
 * and one on {@value #RETRIES}.
 */
@ApplicationScoped
public class ChannelRetries {

    public static final String RETRIES = "berth.consumer.retries";
    private static final Logger LOG = Logger.getLogger(ChannelRetries.class);

    private final MeterRegistry registry;
    private final Backoff backoff;
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    /** Counted down once, when the application begins stopping: a batch waiting to be tried again gives up. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    @Inject
    public ChannelRetries(MeterRegistry registry) {
        this(registry, Backoff.CHANNEL);
    }

    ChannelRetries(MeterRegistry registry, Backoff backoff) {
        this.registry = registry;
        this.backoff = backoff;
    }

    /**
     * Runs {@code batch} until it returns, waiting longer after each failure; gives up, with the last
     * failure, only once the application is stopping (or the thread is interrupted).
     *
     * @param consumer the consumer's inbox name, for the log and the meter
     */
    public void untilApplied(String consumer, Runnable batch) {
        for (int failures = 0; ; ) {
            try {
                batch.run();
                if (failures > 0) {
                    LOG.infof("Consumer %s applied its batch at attempt %d", consumer, failures + 1);
                }
                return;
            } catch (RuntimeException e) {
                failures++;
                counter(consumer).increment();
                if (stopping.getCount() == 0 || Thread.currentThread().isInterrupted()) {
                    LOG.warnf("Consumer %s failed to apply its batch (attempt %d) while stopping; the next start"
                            + " applies it: %s", consumer, failures, e.toString());
                    throw e;
                }
                Duration wait = backoff.after(failures);
                if (failures == 1) {
                    LOG.warnf(e, "Consumer %s failed to apply its batch (attempt %d); trying again in %d ms",
                            consumer, failures, wait.toMillis());
                } else {
                    LOG.warnf("Consumer %s failed to apply its batch (attempt %d); trying again in %d ms: %s",
                            consumer, failures, wait.toMillis(), e.toString());
                }
                if (!pause(wait)) {
                    throw e;
                }
            }
        }
    }

    /** Waits {@code wait}; false if the application began stopping meanwhile (or the thread was interrupted). */
    private boolean pause(Duration wait) {
        try {
            return !stopping.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Before the channels close: a batch waiting to be tried again gives up at once (ADR 0062's fast stop). */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping.countDown();
    }

    private Counter counter(String consumer) {
        return retries.computeIfAbsent(consumer, c -> Counter.builder(RETRIES)
                .description("Failed attempts to apply a channel's batch, each tried again in place").tag("consumer", c)
                .register(registry));
    }
}
