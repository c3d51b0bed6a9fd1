package io.berth.eventstore;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Two channels of the test application, on the connector as every service's channels are (the shared
 * {@code META-INF/microprofile-config.properties}), that note when each record reached them: {@code first-records}
 * ({@link FirstRecordsTest}) and {@code stop-records} ({@link PausedAtStopTest}).
 */
@ApplicationScoped
public class FirstRecords {

    private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();

    @Incoming("first-records")
    public CompletionStage<Void> receive(Message<String> message) {
        return note(message);
    }

    @Incoming("stop-records")
    public CompletionStage<Void> receiveAtStop(Message<String> message) {
        return note(message);
    }

    private CompletionStage<Void> note(Message<String> message) {
        message.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(record -> arrivedAt.putIfAbsent(key(record.getTopic(), record.getPartition(),
                        record.getOffset()), System.nanoTime()));
        return message.ack();
    }

    /**
     * When the record at {@code offset} of {@code partition} reached the first-records channel
     * ({@link System#nanoTime()}).
     */
    Long arrivedAt(int partition, long offset) {
        return arrivedAt(FirstRecordsTopic.TOPIC, partition, offset);
    }

    /** When the record at {@code offset} of {@code topic}'s {@code partition} reached its channel. */
    Long arrivedAt(String topic, int partition, long offset) {
        return arrivedAt.get(key(topic, partition, offset));
    }

    private static String key(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }
}
