package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The relay's direct hand-off (ADR 0071) to a receiver that is down: the rows are dropped from it, and
 * their Kafka copies are published as always. The hand-off's receiving side is tested through a service
 * ({@code TaskHandoffTest} of the scheduler-service): this library's tests run no HTTP server.
 */
@QuarkusTest
class OutboxHandoffTest {

    @Inject
    EventStore store;
    @Inject
    OutboxRelay relay;
    @Inject
    MeterRegistry registry;

    private double dropped() {
        Counter counter = registry.find(HandoffMetrics.RECORDS)
                .tags("topic", Topics.CLUSTER_EVENTS, "outcome", "dropped").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void rowsHandedOverToAReceiverThatIsDownAreDroppedAndTheirKafkaCopiesPublished() {
        String arn = Fixtures.newClusterArn();
        double before = dropped();
        String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
        try (TopicProbe probe = new TopicProbe(kafka, Topics.CLUSTER_EVENTS)) {
            // Two rows of one key: the second follows the first, so it is handed over (the first has no row before it).
            QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                    List.of(Fixtures.created(arn), new ClusterDeleted(arn)), Fixtures.CONTEXT));

            Fixtures.drain(relay);

            List<ConsumerRecord<String, EventEnvelope>> records = await().atMost(Duration.ofSeconds(20))
                    .until(() -> probe.poll().stream().filter(r -> arn.equals(r.key())).toList(), r -> r.size() == 2);
            assertThat(records).extracting(r -> r.value().type()).containsExactly("ClusterCreated", "ClusterDeleted");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> dropped() >= before + 1);
    }
}
