package io.berth.eventstore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * One outbox row handed over directly to its consumer (ADR 0071), beside its Kafka copy: where it stands
 * in its stream ({@code position}, the outbox id) and the position of the row of the same topic and key
 * before it ({@code previous}), which the receiver must have applied before it may apply this one.
 *
 * @param sentAt epoch millis at which the relay handed it over
 * @param envelope the row's envelope, as the outbox holds it (JSON)
 */
public record Handoff(String topic, String key, String writer, long position, long previous, String type,
        long sentAt, byte[] envelope) {

    /** The rows as the body of one request, in their order. */
    public static byte[] toBytes(List<Handoff> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = EventJson.mapper().getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (Handoff row : rows) {
                json.writeStartObject();
                json.writeStringField("topic", row.topic);
                json.writeStringField("key", row.key);
                json.writeStringField("writer", row.writer);
                json.writeNumberField("position", row.position);
                json.writeNumberField("previous", row.previous);
                json.writeStringField("type", row.type);
                json.writeNumberField("sentAt", row.sentAt);
                json.writeFieldName("envelope");
                json.writeRawValue(new String(row.envelope, StandardCharsets.UTF_8));
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The records a request's body carries, each as its consumer would receive it from Kafka. */
    public static List<Received> fromBytes(byte[] body) {
        List<Received> rows = new ArrayList<>();
        try {
            for (JsonNode row : EventJson.mapper().readTree(body)) {
                String writer = row.path("writer").asText();
                long position = row.path("position").asLong();
                ConsumerRecord<String, EventEnvelope> record = record(row.path("topic").asText(), row.path("key").asText(),
                        writer, position, row.path("type").asText(), row.path("sentAt").asLong(),
                        EventJson.fromJson(row.path("envelope")));
                rows.add(new Received(writer, position, row.path("previous").asLong(), record));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * A record as the relay would have put it on Kafka: its position and type headers. Its timestamp is the
     * hand-off's, marked {@link TimestampType#LOG_APPEND_TIME} so that the Kafka legs' meters
     * ({@link ConsumerDelays}, which time {@link TimestampType#CREATE_TIME} only) keep timing the Kafka copies.
     */
    static ConsumerRecord<String, EventEnvelope> record(String topic, String key, String writer, long position,
            String type, long sentAt, EventEnvelope envelope) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OutboxRelay.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        headers.add(Position.KAFKA_POSITION_HEADER, (writer + ":" + position).getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(topic, -1, -1L, sentAt, TimestampType.LOG_APPEND_TIME, -1, -1, key, envelope,
                headers, Optional.empty());
    }

    /** A record handed over, with the position its stream must have reached before it is applied. */
    public record Received(String writer, long position, long previous, ConsumerRecord<String, EventEnvelope> record) {

        public Position.Stream stream() {
            return new Position.Stream(record.topic(), writer, record.key());
        }
    }
}
