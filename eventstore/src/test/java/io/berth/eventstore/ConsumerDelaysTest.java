package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.events.ClusterEvent;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The consuming half of a leg, timed per record: events the relay sent to the real broker, read
 * back with their broker timestamps and applied through the consumer skeleton on the real database.
 */
@QuarkusTest
class ConsumerDelaysTest {

    private static final Selection<ClusterEvent> CREATED = Selection.of(ClusterEvent.class, ClusterCreated.class);

    @Inject
    EventStore store;
    @Inject
    OutboxRelay relay;
    @Inject
    EventConsumer consumer;
    @Inject
    MeterRegistry registry;

    @Test
    void everyRecordOfACommittedBatchIsTimedFromItsSendToTheCommitAndNoneOfARolledBackOne() {
        String arn = Fixtures.newClusterArn();
        String name = "timed-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                List.of(Fixtures.created(arn), new ClusterDeleted(arn)), Fixtures.CONTEXT));
        Fixtures.drain(relay);
        List<ConsumerRecord<String, EventEnvelope>> sent;
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CLUSTER_EVENTS)) {
            sent = await().atMost(Duration.ofSeconds(20))
                    .until(() -> probe.poll().stream().filter(r -> arn.equals(r.key())).toList(), r -> r.size() == 2);
        }
        long sentAt = sent.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();

        assertThatThrownBy(() -> consumer.consume(name, sent, CREATED, fresh -> {
            throw new IllegalStateException("the batch fails");
        })).hasMessageContaining("the batch fails");
        assertThat(registry.find(ConsumerDelays.APPLIED).tag("consumer", name).timers()).isEmpty();

        long before = System.currentTimeMillis();
        consumer.consume(name, sent, CREATED, fresh -> EventConsumer.NOTHING_LEFT);
        long after = System.currentTimeMillis();

        // Both records count, the one the consumer does not want too: its way here cost the same.
        Timer received = timer(ConsumerDelays.RECEIVED, name);
        Timer applied = timer(ConsumerDelays.APPLIED, name);
        assertThat(received.count()).isEqualTo(2);
        assertThat(applied.count()).isEqualTo(2);
        assertThat(applied.max(TimeUnit.MILLISECONDS)).isBetween((double) before - sentAt, (double) after - sentAt)
                .isGreaterThanOrEqualTo(received.max(TimeUnit.MILLISECONDS));
    }

    @Test
    void recordsWithoutTheProducersTimeAreNotTimed() {
        String arn = Fixtures.newClusterArn();
        String name = "untimed-" + UUID.randomUUID();
        ConsumerRecord<String, EventEnvelope> built = new ConsumerRecord<>(Topics.CLUSTER_EVENTS, 0, 1, arn, null);

        consumer.consume(name, built, CREATED, fresh -> EventConsumer.NOTHING_LEFT);

        assertThat(registry.find(ConsumerDelays.APPLIED).tag("consumer", name).timers()).isEmpty();
    }

    private Timer timer(String meter, String name) {
        return registry.get(meter).tags("topic", Topics.CLUSTER_EVENTS, "consumer", name).timer();
    }
}
