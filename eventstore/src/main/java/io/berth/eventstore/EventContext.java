package io.berth.eventstore;

import java.util.UUID;

/** Who an event belongs to and what caused it; copied into every envelope of one append. */
public record EventContext(String account, String region, UUID correlationId, UUID causationId) {

    public static EventContext of(String account, String region, UUID correlationId) {
        return new EventContext(account, region, correlationId, correlationId);
    }

    /** The context of an event caused by {@code cause}: same account, region and correlation. */
    public static EventContext causedBy(io.berth.events.EventEnvelope cause) {
        return new EventContext(cause.account(), cause.region(), cause.correlationId(), cause.eventId());
    }
}
