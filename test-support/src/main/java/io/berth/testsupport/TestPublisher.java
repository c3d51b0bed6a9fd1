package io.berth.testsupport;

import io.berth.events.BerthEvent;
import io.berth.events.EnvelopeSerializer;
import io.berth.events.EventEnvelope;
import io.berth.events.EventTypes;
import io.berth.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays another service in a test: puts envelopes on the shared broker as that service's outbox
 * relay would, keyed and serialized the same way.
 */
public final class TestPublisher implements AutoCloseable {

    private final KafkaProducer<String, EventEnvelope> producer;

    public TestPublisher() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EnvelopeSerializer());
    }

    /** An envelope for {@code payload} as the owner of {@code streamId} would write it at {@code version}. */
    public static EventEnvelope envelope(String streamType, String streamId, long version, String account,
            BerthEvent payload) {
        return new EventEnvelope(UUID.randomUUID(), EventTypes.nameOf(payload), streamType, streamId, version, account,
                "eu-west-1", Instant.now(), UUID.randomUUID(), null, EventTypes.CURRENT_SCHEMA_VERSION, payload);
    }

    public void publish(EventEnvelope envelope) {
        publish(envelope, Map.of());
    }

    /** Publishes {@code envelope} with Kafka headers, as a relay puts positions on its records. */
    public void publish(EventEnvelope envelope, Map<String, String> headers) {
        ProducerRecord<String, EventEnvelope> record = new ProducerRecord<>(envelope.topic().topicName(),
                envelope.partitionKey(), envelope);
        record.headers().add(Topics.TYPE_HEADER, envelope.type().getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing " + envelope.type() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
