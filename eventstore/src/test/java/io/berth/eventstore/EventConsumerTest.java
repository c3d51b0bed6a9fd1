package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ClusterEvent;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.eventstore.EventConsumer.Selection;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The consumer skeleton against the real database: each event once, effects after the commit only. */
@QuarkusTest
class EventConsumerTest {

    private static final Selection<ClusterEvent> CREATED = Selection.of(ClusterEvent.class, ClusterCreated.class);

    @Inject
    EventConsumer consumer;

    @Inject
    EventStore store;

    private static ConsumerRecord<String, EventEnvelope> record(String arn, ClusterEvent event, long offset) {
        return new ConsumerRecord<>("berth.cluster.events", 3, offset, arn, new EventEnvelope(UUID.randomUUID(),
                event instanceof ClusterCreated ? "ClusterCreated" : "ClusterDeleted", "cluster", arn, offset + 1,
                "123456789012", "eu-west-1", Instant.now(), null, null, 1, event));
    }

    /** The handler's effect: an event on a stream of its own, in the batch's transaction. */
    private void effect(String stream) {
        store.appendToEnd(Fixtures.stream(stream), List.of(Fixtures.created(stream)),
                EventContext.of("123456789012", "eu-west-1", UUID.randomUUID()));
    }

    @Test
    void theWantedEventsAreAppliedOnceAndTheirEffectsRunAfterTheCommit() {
        String arn = Fixtures.newClusterArn();
        String effects = Fixtures.newClusterArn();
        List<ConsumerRecord<String, EventEnvelope>> batch = List.of(record(arn, Fixtures.created(arn), 7),
                record(arn, new ClusterDeleted(arn), 8), new ConsumerRecord<>("berth.cluster.events", 3, 9, arn, null));
        List<Delivery<ClusterEvent>> seen = new ArrayList<>();
        AtomicInteger afterCommit = new AtomicInteger();

        for (int delivery = 0; delivery < 2; delivery++) {
            consumer.consume("test-consumer", batch, CREATED, fresh -> {
                seen.addAll(fresh);
                effect(effects);
                return () -> afterCommit.set(store.readStream(effects).size());
            });
        }

        assertThat(seen).singleElement().satisfies(d -> {
            assertThat(d.event()).isInstanceOf(ClusterCreated.class);
            assertThat(d.offset()).isEqualTo(7);
            assertThat(d.partition()).isEqualTo(3);
            assertThat(d.key()).isEqualTo(arn);
        });
        assertThat(store.readStream(effects)).hasSize(1);
        assertThat(afterCommit).hasValue(1);
    }

    @Test
    void aFailingBatchChangesNothingRunsNothingAfterAndIsAppliedOnRedelivery() {
        String arn = Fixtures.newClusterArn();
        String effects = Fixtures.newClusterArn();
        List<ConsumerRecord<String, EventEnvelope>> batch = List.of(record(arn, Fixtures.created(arn), 1));
        AtomicInteger afterCommit = new AtomicInteger();

        assertThatThrownBy(() -> consumer.consume("test-consumer", batch, CREATED, fresh -> {
            effect(effects);
            throw new IllegalStateException("the effect failed");
        })).hasMessage("the effect failed");
        assertThat(store.readStream(effects)).isEmpty();

        consumer.consume("test-consumer", batch, CREATED, fresh -> {
            effect(effects);
            return afterCommit::incrementAndGet;
        });
        assertThat(store.readStream(effects)).hasSize(1);
        assertThat(afterCommit).hasValue(1);
    }
}
