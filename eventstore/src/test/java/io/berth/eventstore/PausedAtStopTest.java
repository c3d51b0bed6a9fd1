package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * What a stop does to the channels before they close (ADR 0089): every consumer of every channel is paused, takes
 * no new record while paused, and (resumed here, so that the other tests keep their channels) misses nothing. The
 * channel is a real SmallRye Kafka channel with the services' shared connector settings and the real broker.
 */
@QuarkusTest
class PausedAtStopTest {

    private static final String CHANNEL = "stop-records";

    @Inject
    PausedAtStop stop;
    @Inject
    KafkaClientService clients;
    @Inject
    FirstRecords channel;
    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.fetch.max.wait.ms")
    long fetchWaitMs;

    @Test
    void everyChannelStopsTakingRecordsAndMissesNoneOnceResumed() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> !clients.getConsumer(CHANNEL).getAssignments()
                .await().atMost(Duration.ofSeconds(30)).isEmpty());
        List<KafkaConsumer<Object, Object>> consumers = new ArrayList<>();
        clients.getConsumerChannels().forEach(name -> consumers.addAll(clients.<Object, Object>getConsumers(name)));

        int paused = stop.pauseAll().await().atMost(Duration.ofSeconds(30));
        long offset;
        try {
            assertThat(paused).as("consumers paused").isEqualTo(consumers.size()).isPositive();
            for (KafkaConsumer<Object, Object> consumer : consumers) {
                assertThat(consumer.paused().await().atMost(Duration.ofSeconds(30)))
                        .as("a consumer's paused partitions: all it is assigned")
                        .isEqualTo(consumer.getAssignments().await().atMost(Duration.ofSeconds(30)));
            }
            offset = write();
            // Longer than a fetch the broker holds and the poll after it: a channel that still fetched would have it.
            await().during(Duration.ofMillis(2 * fetchWaitMs)).atMost(Duration.ofMillis(2 * fetchWaitMs + 5_000))
                    .until(() -> channel.arrivedAt(FirstRecordsTopic.STOP_TOPIC, 0, offset) == null);
        } finally {
            for (KafkaConsumer<Object, Object> consumer : consumers) {
                consumer.resume().await().atMost(Duration.ofSeconds(30));
            }
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> channel.arrivedAt(FirstRecordsTopic.STOP_TOPIC, 0, offset), Objects::nonNull);
    }

    private static long write() throws Exception {
        try (KafkaProducer<String, String> producer = FirstRecordsTopic.producer()) {
            return producer.send(new ProducerRecord<>(FirstRecordsTopic.STOP_TOPIC, 0, "key", "value")).get().offset();
        }
    }
}
