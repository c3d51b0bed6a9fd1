package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.ClusterEvent;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.testsupport.SharedInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A channel that polls on its own thread, through the real broker and database (ADR 0069). */
@QuarkusTest
class PolledChannelsTest {

    private static final String CHANNEL = "polled-test";
    private static final String TOPIC = "berth.test.polled";
    private static final Selection<ClusterEvent> CREATED = Selection.of(ClusterEvent.class, ClusterCreated.class);

    @Inject
    PolledChannels channels;

    @Inject
    EventConsumer consumer;

    private final String bootstrap = SharedInfrastructure.get().kafkaBootstrapServers();

    @Test
    void eachBatchIsAppliedOnTheChannelsThreadOnceAndAFailedBatchIsDeliveredAgain() throws Exception {
        createTopic();
        Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> applied = new CopyOnWriteArrayList<>();
        AtomicInteger unreadable = new AtomicInteger();
        AtomicInteger attemptsOfFailing = new AtomicInteger();
        String first = Fixtures.newClusterArn();
        String failing = Fixtures.newClusterArn();

        channels.start(CHANNEL, records -> {
            threads.add(Thread.currentThread().getName());
            records.forEach(r -> unreadable.addAndGet(r.value() == null ? 1 : 0));
            consumer.consume(CHANNEL, records, CREATED, fresh -> {
                List<String> keys = new ArrayList<>();
                for (Delivery<ClusterEvent> d : fresh) {
                    if (d.key().equals(failing) && attemptsOfFailing.incrementAndGet() == 1) {
                        throw new IllegalStateException("the first attempt at this batch fails");
                    }
                    keys.add(d.key());
                }
                return () -> applied.addAll(keys);
            });
        }, new Listener(assigned));

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, first, EventJson.toBytes(envelope(first))));
            producer.send(new ProducerRecord<>(TOPIC, "unreadable", "not an envelope".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(TOPIC, failing, EventJson.toBytes(envelope(failing))));
            producer.flush();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> applied.contains(first) && applied.contains(failing));
        // Applied once each, the failing one on its second attempt; the unreadable record reached the
        // handler as nothing, and every batch ran on the channel's own thread.
        assertThat(applied).containsExactlyInAnyOrder(first, failing);
        assertThat(attemptsOfFailing).hasValue(2);
        assertThat(unreadable.get()).isPositive();
        assertThat(threads).isNotEmpty().allMatch("berth-polled-polled-test"::equals);
        assertThat(assigned).extracting(TopicPartition::topic).containsOnly(TOPIC).isNotEmpty();
    }

    private void createTopic() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static EventEnvelope envelope(String arn) {
        return new EventEnvelope(UUID.randomUUID(), "ClusterCreated", "cluster", arn, 1, "123456789012", "eu-west-1",
                Instant.now(), null, null, 1, Fixtures.created(arn));
    }

    private record Listener(Set<TopicPartition> assigned) implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
        }
    }
}
