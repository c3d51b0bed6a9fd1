package io.berth.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope around every message on every topic.
 *
 * @param eventId unique per event; consumers de-duplicate on it
 * @param type stable logical type name of the payload (see {@link EventTypes})
 * @param aggregateType the kind of stream the event belongs to, e.g. {@code cluster}
 * @param aggregateId the stream id, usually the ARN of the resource
 * @param aggregateVersion the event's position in its stream, from 1
 * @param account the 12-digit account the resource belongs to
 * @param region the region the resource belongs to
 * @param occurredAt when the owner committed the event
 * @param correlationId the request that started the chain of events
 * @param causationId the event or request that directly caused this one
 * @param schemaVersion version of the payload's schema
 * @param payload the event itself
 */
public record EventEnvelope(UUID eventId, String type, String aggregateType, String aggregateId,
        long aggregateVersion, String account, String region, Instant occurredAt, UUID correlationId,
        UUID causationId, int schemaVersion, BerthEvent payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (!type.equals(EventTypes.nameOf(payload))) {
            throw new IllegalArgumentException("type " + type + " does not name a " + payload.getClass().getSimpleName());
        }
    }

    public Topic topic() {
        return Topic.of(payload);
    }

    public String partitionKey() {
        return payload.partitionKey();
    }
}
