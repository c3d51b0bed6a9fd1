package io.berth.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The JSON form of envelopes and payloads. Absent members are left out, timestamps are ISO-8601
 * strings (as in ECS's EventBridge events), and unknown members are ignored so that additive
 * changes never break a consumer.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Numbers inside JSON-valued members (e.g. ECS timestamps in epoch seconds) survive a round
            // trip exactly and are written without exponents.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode payloadToJson(BerthEvent payload) {
        return MAPPER.valueToTree(payload);
    }

    public static BerthEvent payloadFromJson(String type, JsonNode payload) {
        try {
            return MAPPER.treeToValue(payload, EventTypes.classOf(type));
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Payload of " + type + " does not match its schema", e);
        }
    }

    /**
     * The payload serialized once, for both places an event is written: its text is the events table's column
     * (what {@code payloadToJson(payload).toString()} gives), and {@link PayloadJson#envelopeText} puts that text
     * inside the envelope the outbox sends, with the bytes {@link #toBytes} gives.
     */
    public static PayloadJson payloadJson(BerthEvent payload) {
        return new PayloadJson(payloadToJson(payload));
    }

    /** A payload's JSON tree and its text, made once (issue 21: each event was serialized twice on its way out). */
    public static final class PayloadJson {

        private final ObjectNode tree;
        private final String text;
        /** Whether the envelope's bytes write the payload as {@link #text} is. */
        private final boolean reusable;

        private PayloadJson(ObjectNode tree) {
            this.tree = tree;
            this.text = tree.toString();
            this.reusable = withoutSurrogates(text) && writtenAlike(tree);
        }

        /** The payload's text, as the events table keeps it. */
        public String text() {
            return text;
        }

        /**
         * The envelope around this payload, as text: the UTF-8 of {@link #toBytes}. The payload's text is reused
         * as it is unless the envelope's bytes write the payload otherwise, and then the tree is written again:
         * a decimal the column keeps with an exponent ({@code 1E+2}) the envelope writes plain ({@code 100}), and
         * a character beyond the Basic Multilingual Plane (an emoji) the column keeps as it is the envelope
         * escapes, as a surrogate pair of escapes.
         */
        public String envelopeText(EventEnvelope envelope) {
            ObjectNode node = headerOf(envelope);
            if (reusable) {
                node.putRawValue("payload", new RawValue(text));
            } else {
                node.set("payload", tree);
            }
            try {
                return new String(MAPPER.writeValueAsBytes(node), StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static boolean withoutSurrogates(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isSurrogate(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether the mapper writes {@code node}'s numbers and values as its {@code toString()} does: not a
         * decimal whose {@link BigDecimal#toString} has an exponent (the mapper writes decimals plain), nor a
         * value that is not JSON (a POJO, which another mapper writes).
         */
        private static boolean writtenAlike(JsonNode node) {
            if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    if (!writtenAlike(child)) {
                        return false;
                    }
                }
                return true;
            }
            if (node.isBigDecimal()) {
                return node.decimalValue().toString().indexOf('E') < 0;
            }
            return !node.isPojo();
        }
    }

    public static ObjectNode toJson(EventEnvelope envelope) {
        ObjectNode node = headerOf(envelope);
        node.set("payload", payloadToJson(envelope.payload()));
        return node;
    }

    /** The envelope's members but its payload, in the order they are written. */
    private static ObjectNode headerOf(EventEnvelope envelope) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", envelope.eventId().toString());
        node.put("type", envelope.type());
        node.put("aggregateType", envelope.aggregateType());
        node.put("aggregateId", envelope.aggregateId());
        node.put("aggregateVersion", envelope.aggregateVersion());
        putIfPresent(node, "account", envelope.account());
        putIfPresent(node, "region", envelope.region());
        node.put("occurredAt", envelope.occurredAt().toString());
        putIfPresent(node, "correlationId", envelope.correlationId());
        putIfPresent(node, "causationId", envelope.causationId());
        node.put("schemaVersion", envelope.schemaVersion());
        return node;
    }

    public static byte[] toBytes(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsBytes(toJson(envelope));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EventEnvelope fromBytes(byte[] bytes) {
        try {
            return fromJson(MAPPER.readTree(bytes));
        } catch (IOException e) {
            throw new MalformedEventException("Not a JSON event envelope", e);
        }
    }

    public static EventEnvelope fromJson(JsonNode node) {
        try {
            String type = required(node, "type").asText();
            return new EventEnvelope(
                    UUID.fromString(required(node, "eventId").asText()),
                    type,
                    required(node, "aggregateType").asText(),
                    required(node, "aggregateId").asText(),
                    required(node, "aggregateVersion").asLong(),
                    text(node, "account"),
                    text(node, "region"),
                    Instant.parse(required(node, "occurredAt").asText()),
                    uuid(node, "correlationId"),
                    uuid(node, "causationId"),
                    node.path("schemaVersion").asInt(EventTypes.CURRENT_SCHEMA_VERSION),
                    payloadFromJson(type, required(node, "payload")));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new MalformedEventException("Invalid event envelope: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("Event envelope has no " + field, null);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static UUID uuid(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : UUID.fromString(value);
    }

    private static void putIfPresent(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
