package io.berth.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * The consuming half of an event's way between two services, per record, as two timers tagged by
 * topic and consumer: {@value #RECEIVED}, from the record's timestamp (set by the relay's producer
 * when it sent the record) to the moment the consumer's code took the batch (the broker, the fetch
 * and the connector's queue and worker hand-off), and {@value #APPLIED}, from the same timestamp to
 * the commit of the transaction that applied it (the above plus the batch's own work). Beside
 * {@link OutboxMetrics#DELAY} (the writing transaction to the send's acknowledgement) they split
 * a leg into its owners. Only batches that committed are counted: a rolled-back attempt is counted
 * when its redelivery or retry commits, from that attempt's start.
 */
@ApplicationScoped
public class ConsumerDelays {

    public static final String RECEIVED = "berth.consumer.received";
    public static final String APPLIED = "berth.consumer.applied";
    private static final Duration[] LEG_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    /** The buckets of the meters of a leg's parts, from a millisecond (idle) to seconds (a backlog). */
    public static Duration[] legBuckets() {
        return LEG_BUCKETS.clone();
    }

    private record Leg(String topic, String consumer) {
    }

    private record Timers(Timer received, Timer applied) {
    }

    private final MeterRegistry registry;
    private final Map<Leg, Timers> timers = new ConcurrentHashMap<>();

    public ConsumerDelays(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * {@code consumer} committed what it applied of {@code records}, which its code took at
     * {@code takenAt} (epoch milliseconds, as record timestamps are); the commit is now.
     */
    void committed(String consumer, Iterable<? extends ConsumerRecord<?, ?>> records, long takenAt) {
        long committedAt = System.currentTimeMillis();
        for (ConsumerRecord<?, ?> record : records) {
            // A record from a producer that set no time of its own says nothing about the way here.
            if (record.timestampType() != TimestampType.CREATE_TIME || record.timestamp() < 0) {
                continue;
            }
            Timers leg = timers.computeIfAbsent(new Leg(record.topic(), consumer), this::register);
            leg.received().record(Math.max(0, takenAt - record.timestamp()), TimeUnit.MILLISECONDS);
            leg.applied().record(Math.max(0, committedAt - record.timestamp()), TimeUnit.MILLISECONDS);
        }
    }

    private Timers register(Leg leg) {
        return new Timers(timer(RECEIVED, "From a record's send to the consumer's code taking it", leg),
                timer(APPLIED, "From a record's send to the commit of the consumer's transaction that applied it",
                        leg));
    }

    private Timer timer(String name, String description, Leg leg) {
        return Timer.builder(name).description(description).tag("topic", leg.topic()).tag("consumer", leg.consumer())
                .serviceLevelObjectives(LEG_BUCKETS).register(registry);
    }
}
