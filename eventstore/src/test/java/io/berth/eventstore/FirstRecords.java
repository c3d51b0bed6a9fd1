package io.berth.eventstore;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A channel of the test application, on the connector as every service's channels are (the shared
 * {@code META-INF/microprofile-config.properties}), that notes when each record reached it.
 */
@ApplicationScoped
public class FirstRecords {

    private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();

    @Incoming("first-records")
    public CompletionStage<Void> receive(Message<String> message) {
        message.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(record -> arrivedAt.putIfAbsent(record.getPartition() + "@" + record.getOffset(),
                        System.nanoTime()));
        return message.ack();
    }

    /** When the record at {@code offset} of {@code partition} reached the channel ({@link System#nanoTime()}). */
    Long arrivedAt(int partition, long offset) {
        return arrivedAt.get(partition + "@" + offset);
    }
}
