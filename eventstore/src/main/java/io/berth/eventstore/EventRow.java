package io.berth.eventstore;

import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.EventJson.PayloadJson;

/**
 * An event on its way into the tables: its envelope and its payload serialized once, for the events table's
 * column ({@link #payloadText}) and the outbox row's envelope ({@link #envelopeText}).
 */
record EventRow(EventEnvelope envelope, PayloadJson payload) {

    static EventRow of(EventEnvelope envelope) {
        return new EventRow(envelope, EventJson.payloadJson(envelope.payload()));
    }

    /** The same row with the envelope the insert gave its version. */
    EventRow versioned(long version) {
        EventEnvelope e = envelope;
        return new EventRow(new EventEnvelope(e.eventId(), e.type(), e.aggregateType(), e.aggregateId(), version,
                e.account(), e.region(), e.occurredAt(), e.correlationId(), e.causationId(), e.schemaVersion(),
                e.payload()), payload);
    }

    String payloadText() {
        return payload.text();
    }

    String envelopeText() {
        return payload.envelopeText(envelope);
    }
}
