package io.berth.eventstore;

import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.EventJson.PayloadJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

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

    /** One column of a set-based insert: a field of every row's envelope, in the rows' order, as an SQL array. */
    static Array column(Connection c, String sqlType, List<EventRow> rows, Function<EventEnvelope, Object> field)
            throws SQLException {
        return c.createArrayOf(sqlType, rows.stream().map(r -> field.apply(r.envelope())).toArray());
    }

    String payloadText() {
        return payload.text();
    }

    String envelopeText() {
        return payload.envelopeText(envelope);
    }
}
