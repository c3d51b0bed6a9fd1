package io.berth.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * Direct hand-offs (ADR 0071), as meters: {@value #RECORDS} by topic and outcome — {@code sent} and
 * {@code dropped} (not sent: the receiver failed or was behind) where the relay hands rows over,
 * {@code applied} and {@code ignored} (left to the Kafka copy) where they are received — and
 * {@value #APPLIED}, from the relay's hand-off to the receiver's commit: the direct leg, beside the Kafka
 * leg's {@value ConsumerDelays#APPLIED}.
 */
@ApplicationScoped
public class HandoffMetrics {

    public static final String RECORDS = "berth.handoff.records";
    public static final String APPLIED = "berth.handoff.applied";

    private final MeterRegistry registry;

    public HandoffMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String topic, String outcome, int records) {
        if (records > 0) {
            registry.counter(RECORDS, "topic", topic, "outcome", outcome).increment(records);
        }
    }

    void applied(String topic, long sentAt) {
        Timer.builder(APPLIED).description("From a record's direct hand-off to its receiver's commit")
                .tag("topic", topic).serviceLevelObjectives(ConsumerDelays.legBuckets()).register(registry)
                .record(Math.max(0, System.currentTimeMillis() - sentAt), TimeUnit.MILLISECONDS);
    }
}
