package io.berth.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the outbox relay publishes, as meters: {@value #PUBLISHED} (rows sent and acknowledged),
 * {@value #DELAY} (from the writing transaction to the broker's acknowledgement, per row),
 * {@value #PENDING} (rows waiting after the relay's last batch) and {@value #LOOKS} (the relay's looks at the
 * outbox, whatever they found). The backlog is what the relay saw, not a query per scrape: a scrape never waits
 * for the database.
 */
@ApplicationScoped
public class OutboxMetrics {

    public static final String PUBLISHED = "berth.outbox.published";
    public static final String DELAY = "berth.outbox.delay";
    public static final String PENDING = "berth.outbox.pending";
    public static final String LOOKS = "berth.outbox.looks";

    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Timer delay;
    private final Counter looks;

    public OutboxMetrics(MeterRegistry registry) {
        this.published = Counter.builder(PUBLISHED).description("Outbox rows published to Kafka").register(registry);
        this.delay = Timer.builder(DELAY).description("From the transaction that wrote an outbox row to its publication")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
        this.looks = Counter.builder(LOOKS).description("Looks the relay took at the outbox, whatever they found")
                .register(registry);
        Gauge.builder(PENDING, pending, AtomicLong::get).description("Outbox rows not yet published")
                .register(registry);
    }

    /** A batch the broker acknowledged, written at {@code written}, and what was left after it. */
    void published(List<Instant> written, long left) {
        Instant now = Instant.now();
        written.forEach(at -> delay.record(Duration.between(at, now)));
        published.increment(written.size());
        pending.set(left);
    }

    /** A look at the outbox, the relay's unit of work at rest (ADR 0083). */
    void looked() {
        looks.increment();
    }

    void backlog(long left) {
        pending.set(left);
    }
}
