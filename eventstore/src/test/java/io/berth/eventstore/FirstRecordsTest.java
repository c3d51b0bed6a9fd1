package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A record written to an empty partition of an idle channel reaches it at once, however long the channel's fetch
 * and poll may wait when nothing comes (ADR 0087). The channel is a real SmallRye Kafka channel with the services'
 * shared connector settings and the real broker; its own waits are set long (5 s) so that a record held by either
 * shows as a wait of seconds, far above what a loaded machine adds.
 */
@QuarkusTest
class FirstRecordsTest {

    private static final Logger LOG = Logger.getLogger(FirstRecordsTest.class);
    private static final String CHANNEL = "first-records";

    @Inject
    FirstRecords channel;
    @Inject
    KafkaClientService clients;
    @ConfigProperty(name = "mp.messaging.incoming.first-records.poll-timeout")
    long pollTimeoutMs;
    @ConfigProperty(name = "mp.messaging.incoming.first-records.fetch.max.wait.ms")
    long fetchWaitMs;

    @Test
    void theFirstRecordOfEachEmptyPartitionReachesAnIdleChannelAtOnce() throws Exception {
        // The channel holds every partition and is waiting in its poll, with nothing read yet.
        await().atMost(Duration.ofSeconds(60)).until(() -> clients.getConsumer(CHANNEL).getAssignments()
                .await().atMost(Duration.ofSeconds(30)).size() == FirstRecordsTopic.PARTITIONS);

        List<Long> firstMs = new ArrayList<>();
        List<Long> secondMs = new ArrayList<>();
        try (KafkaProducer<String, String> producer = FirstRecordsTopic.producer()) {
            for (int partition = 0; partition < FirstRecordsTopic.PARTITIONS; partition++) {
                // Each partition's first record, then one more: the second is the control, a partition the
                // channel has already read from.
                firstMs.add(trip(producer, partition));
                secondMs.add(trip(producer, partition));
            }
        }
        LOG.infof("first records of %d partitions reached the channel in %s ms, second ones in %s ms "
                + "(fetch wait %d ms, poll-timeout %d ms)", FirstRecordsTopic.PARTITIONS, firstMs, secondMs,
                fetchWaitMs, pollTimeoutMs);

        long bound = Math.min(fetchWaitMs, pollTimeoutMs) / 2;
        assertThat(bound).as("half the shorter wait: long enough that a held record cannot pass for load")
                .isGreaterThanOrEqualTo(1_000);
        assertThat(firstMs).as("each partition's first record, ms from its write to the channel")
                .allSatisfy(ms -> assertThat(ms).isLessThan(bound));
        assertThat(secondMs).as("each partition's second record, ms from its write to the channel")
                .allSatisfy(ms -> assertThat(ms).isLessThan(bound));
    }

    /** Writes one record to {@code partition} and returns how long, in ms, it took to reach the channel. */
    private long trip(KafkaProducer<String, String> producer, int partition)
            throws InterruptedException, ExecutionException {
        long sentAt = System.nanoTime();
        long offset = producer.send(new ProducerRecord<>(FirstRecordsTopic.TOPIC, partition, "key", "value"))
                .get().offset();
        long arrivedAt = await().atMost(Duration.ofSeconds(60))
                .until(() -> channel.arrivedAt(partition, offset), Objects::nonNull);
        return TimeUnit.NANOSECONDS.toMillis(arrivedAt - sentAt);
    }
}
