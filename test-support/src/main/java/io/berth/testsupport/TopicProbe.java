package io.berth.testsupport;

import io.berth.events.EnvelopeDeserializer;
import io.berth.events.EventEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning, for tests that check what really reached the broker. Poll it
 * inside Awaitility; it keeps everything it has read.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, EventEnvelope> consumer;
    private final List<ConsumerRecord<String, EventEnvelope>> records = new ArrayList<>();

    public TopicProbe(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new EnvelopeDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once and returns every record read so far. */
    public synchronized List<ConsumerRecord<String, EventEnvelope>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return List.copyOf(records);
    }

    /** Polls once and returns the envelopes read so far that match {@code filter}. */
    public List<EventEnvelope> poll(Predicate<EventEnvelope> filter) {
        return poll().stream().map(ConsumerRecord::value).filter(filter).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
