package io.berth.eventstore;

import io.berth.events.BerthEvent;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The append-only store of every event a service owns. Appends run inside the caller's
 * transaction, so the events, the caller's projection updates and the outbox rows commit together
 * or not at all.
 */
@ApplicationScoped
public class EventStore {

    /**
     * The events of an append and their outbox rows, in one statement whatever their number: the
     * events as arrays (parameters 1–12, in the order of {@link #bindEvents}) in a CTE, then the
     * outbox's {@link Outbox#INSERT} (from parameter 13), which answers the rows' ids.
     */
    private static final String APPEND = """
            with event as (
                insert into es_event (event_id, stream_type, stream_id, event_type, schema_version, account, region,
                                      occurred_at, correlation_id, causation_id, payload, version)
                select event_id, stream_type, stream_id, event_type, schema_version, account, region, occurred_at,
                       correlation_id, causation_id, payload::json, version
                from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[],
                            ?::timestamptz[], ?::uuid[], ?::uuid[], ?::text[], ?::bigint[])
                     with ordinality as e(event_id, stream_type, stream_id, event_type, schema_version, account,
                                          region, occurred_at, correlation_id, causation_id, payload, version, n)
                order by n
            )
            """ + Outbox.INSERT;
    /**
     * One event at the end of its stream: the version is the stream's last plus one, read by the
     * insert itself (the caller holds the key's lock, so only a writer of another key could get in,
     * and the unique version refuses it).
     */
    private static final String INSERT_AT_END = """
            insert into es_event (event_id, stream_type, stream_id, event_type, schema_version, account, region,
                                  occurred_at, correlation_id, causation_id, payload, version)
            select ?::uuid, ?::text, ?::text, ?::text, ?::int, ?::text, ?::text, ?::timestamptz, ?::uuid, ?::uuid,
                   ?::json, coalesce(max(version), 0) + 1
            from es_event where stream_id = ?
            """;
    private static final String SELECT = """
            select event_id, stream_type, stream_id, version, event_type, schema_version, account, region,
                   occurred_at, correlation_id, causation_id, payload
            from es_event
            """;

    private final DataSource dataSource;
    private final Outbox outbox;

    public EventStore(DataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * Events for one stream, to be written after version {@code expectedVersion} (0 for a new
     * stream), with their context.
     */
    public record Append(StreamId stream, long expectedVersion, List<? extends BerthEvent> events,
            EventContext context) {
    }

    /**
     * Appends {@code events} to {@code stream}, which must be at {@code expectedVersion} (0 for a new
     * stream), and puts each on the outbox.
     *
     * @throws StreamVersionConflictException if another writer got there first
     */
    @Transactional(TxType.MANDATORY)
    public List<EventEnvelope> append(StreamId stream, long expectedVersion, List<? extends BerthEvent> events,
            EventContext context) {
        return appendAll(List.of(new Append(stream, expectedVersion, events, context)));
    }

    /**
     * Appends {@code events} after the last event of {@code stream}, whatever its version: for streams
     * that only record what happened (answers, reports), not decisions taken on the stream's state.
     *
     * @throws StreamVersionConflictException if a writer of another key appended to the stream at once
     */
    @Transactional(TxType.MANDATORY)
    public List<EventEnvelope> appendToEnd(StreamId stream, List<? extends BerthEvent> events, EventContext context) {
        if (events.isEmpty()) {
            return List.of();
        }
        outbox.lock(events.stream().map(BerthEvent::partitionKey).toList());
        // Each insert reads the stream's version under the keys' locks (INSERT_AT_END): one round trip
        // for the events, none for the version.
        Instant now = now();
        List<EventRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(INSERT_AT_END, new String[] {"version"})) {
            for (BerthEvent event : events) {
                EventRow unversioned = EventRow.of(new EventEnvelope(UUID.randomUUID(), EventTypes.nameOf(event),
                        stream.type(), stream.id(), 0, context.account(), context.region(), now,
                        context.correlationId(), context.causationId(), EventTypes.CURRENT_SCHEMA_VERSION, event));
                rows.add(unversioned);
                bind(insert, unversioned);
                insert.setString(12, stream.id());
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet versions = insert.getGeneratedKeys()) {
                for (int i = 0; i < rows.size(); i++) {
                    versions.next();
                    rows.set(i, rows.get(i).versioned(versions.getLong(1)));
                }
            }
        } catch (SQLException e) {
            SQLException cause = unwrap(e);
            if (Jdbc.isUniqueViolation(cause, "es_event_stream_version")) {
                throw new StreamVersionConflictException(stream, refusedVersion(cause, stream.id()) - 1, e);
            }
            throw new EventStoreException("Appending to " + stream.id() + " failed", e);
        }
        outbox.enqueue(rows);
        return rows.stream().map(EventRow::envelope).toList();
    }

    /**
     * Appends to many streams at once, set-based: one statement reads the version of every stream
     * expected to have events (none for new streams, see {@link #checkVersions}) and one writes the
     * events and their outbox rows ({@link #APPEND}), whatever the number of streams. A stream may
     * appear more than once; each later append expects the version the earlier ones leave. All or
     * nothing: one stale stream fails the whole call.
     *
     * @return the envelopes, in the order of {@code appends} and of their events
     * @throws StreamVersionConflictException for the first stream that is not at its expected version
     */
    @Transactional(TxType.MANDATORY)
    public List<EventEnvelope> appendAll(List<Append> appends) {
        // The keys' locks before anything is written, and so before the versions are read: a writer of
        // the same stream that got there first has committed by then (Outbox#lock).
        outbox.lock(appends.stream().flatMap(a -> a.events().stream()).map(BerthEvent::partitionKey).toList());
        Instant now = now();
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (Append append : appends) {
            long version = append.expectedVersion();
            EventContext context = append.context();
            for (BerthEvent event : append.events()) {
                envelopes.add(new EventEnvelope(UUID.randomUUID(), EventTypes.nameOf(event), append.stream().type(),
                        append.stream().id(), ++version, context.account(), context.region(), now,
                        context.correlationId(), context.causationId(), EventTypes.CURRENT_SCHEMA_VERSION, event));
            }
        }
        if (envelopes.isEmpty()) {
            return List.of();
        }
        // Each payload is serialized once, for its event's column and its outbox row's envelope.
        List<EventRow> rows = envelopes.stream().map(EventRow::of).toList();
        try (Connection c = dataSource.getConnection()) {
            checkVersions(c, appends);
            try (PreparedStatement append = c.prepareStatement(APPEND)) {
                bindEvents(c, append, rows);
                outbox.bind(c, append, 13, rows);
                outbox.written(rows, append);
            }
        } catch (SQLException e) {
            SQLException cause = unwrap(e);
            if (Jdbc.isUniqueViolation(cause, "es_event_stream_version")) {
                // A stream expected new has events, or a concurrent writer committed first.
                Append stale = conflicting(appends, cause);
                throw new StreamVersionConflictException(stale.stream(), stale.expectedVersion(), e);
            }
            throw new EventStoreException("Appending to " + appends.size() + " streams failed", e);
        }
        return envelopes;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@link #APPEND}'s events: one array per column, the envelopes in order. */
    private static void bindEvents(Connection c, PreparedStatement append, List<EventRow> rows) throws SQLException {
        append.setArray(1, EventRow.column(c, "uuid", rows, EventEnvelope::eventId));
        append.setArray(2, EventRow.column(c, "text", rows, EventEnvelope::aggregateType));
        append.setArray(3, EventRow.column(c, "text", rows, EventEnvelope::aggregateId));
        append.setArray(4, EventRow.column(c, "text", rows, EventEnvelope::type));
        append.setArray(5, EventRow.column(c, "int4", rows, EventEnvelope::schemaVersion));
        append.setArray(6, EventRow.column(c, "text", rows, EventEnvelope::account));
        append.setArray(7, EventRow.column(c, "text", rows, EventEnvelope::region));
        append.setArray(8, EventRow.column(c, "text", rows, e -> e.occurredAt().toString()));
        append.setArray(9, EventRow.column(c, "uuid", rows, EventEnvelope::correlationId));
        append.setArray(10, EventRow.column(c, "uuid", rows, EventEnvelope::causationId));
        append.setArray(11, c.createArrayOf("text", rows.stream().map(EventRow::payloadText).toArray()));
        append.setArray(12, EventRow.column(c, "int8", rows, EventEnvelope::aggregateVersion));
    }

    /** {@link #INSERT_AT_END}'s parameters 1–11: the envelope but its version. */
    private static void bind(PreparedStatement insert, EventRow row) throws SQLException {
        EventEnvelope e = row.envelope();
        insert.setObject(1, e.eventId());
        insert.setString(2, e.aggregateType());
        insert.setString(3, e.aggregateId());
        insert.setString(4, e.type());
        insert.setInt(5, e.schemaVersion());
        insert.setString(6, e.account());
        insert.setString(7, e.region());
        insert.setTimestamp(8, Timestamp.from(e.occurredAt()));
        insert.setObject(9, e.correlationId());
        insert.setObject(10, e.causationId());
        insert.setString(11, row.payloadText());
    }

    /**
     * Every stream's first append must find the stream at its expected version, each later one where
     * the last left it. A stream expected to be new (version 0) is not read: its first event is
     * version 1, which the unique version refuses if the stream has any event, so the insert checks
     * it in the same round trip. A lone decision on new streams (a RunTask's tasks) reads nothing.
     */
    private static void checkVersions(Connection c, List<Append> appends) throws SQLException {
        Map<String, Long> first = new HashMap<>();
        for (Append append : appends) {
            first.putIfAbsent(append.stream().id(), append.expectedVersion());
        }
        List<String> existing = first.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        Map<String, Long> current = existing.isEmpty() ? new HashMap<>() : versionsOf(c, existing);
        for (Append append : appends) {
            String id = append.stream().id();
            if (current.getOrDefault(id, 0L) != append.expectedVersion()) {
                throw new StreamVersionConflictException(append.stream(), append.expectedVersion(), null);
            }
            current.put(id, append.expectedVersion() + append.events().size());
        }
    }

    /** The append the unique version refused, named by the violation's detail; the first if it names none. */
    private static Append conflicting(List<Append> appends, SQLException violation) {
        return appends.stream().filter(a -> refusedVersion(violation, a.stream().id()) > 0).findFirst()
                .orElse(appends.get(0));
    }

    /**
     * The version of {@code streamId} the unique violation refused, from its detail
     * ({@code Key (stream_id, version)=(<id>, <version>) already exists}); 0 if it names another stream.
     */
    private static long refusedVersion(SQLException violation, String streamId) {
        String message = String.valueOf(violation.getMessage());
        String key = "=(" + streamId + ", ";
        int at = message.indexOf(key);
        if (at < 0) {
            return 0;
        }
        int start = at + key.length();
        int end = message.indexOf(')', start);
        try {
            return end < 0 ? 0 : Long.parseLong(message.substring(start, end).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The current version of each of {@code streamIds}, read in one statement; streams without
     * events are left out (their version is 0).
     */
    @Transactional(TxType.SUPPORTS)
    public Map<String, Long> currentVersions(Collection<String> streamIds) {
        try (Connection c = dataSource.getConnection()) {
            return versionsOf(c, streamIds);
        } catch (SQLException e) {
            throw new EventStoreException("Reading the versions of " + streamIds.size() + " streams failed", e);
        }
    }

    private static Map<String, Long> versionsOf(Connection c, Collection<String> streamIds) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        if (streamIds.size() == 1) {
            String id = streamIds.iterator().next();
            long version = currentVersion(c, id);
            if (version > 0) {
                versions.put(id, version);
            }
            return versions;
        }
        try (PreparedStatement s = c.prepareStatement(
                "select stream_id, max(version) from es_event where stream_id = any(?) group by stream_id")) {
            s.setArray(1, c.createArrayOf("text", streamIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return versions;
    }

    /** The version of the last event of the stream; 0 for a stream that has none. */
    @Transactional(TxType.SUPPORTS)
    public long currentVersion(String streamId) {
        try (Connection c = dataSource.getConnection()) {
            return currentVersion(c, streamId);
        } catch (SQLException e) {
            throw new EventStoreException("Reading the version of " + streamId + " failed", e);
        }
    }

    @Transactional(TxType.SUPPORTS)
    public List<EventEnvelope> readStream(String streamId) {
        return query(SELECT + " where stream_id = ? order by version", streamId);
    }

    /** The stream as it was at {@code asOf}: only events committed at or before that instant. */
    @Transactional(TxType.SUPPORTS)
    public List<EventEnvelope> readStream(String streamId, Instant asOf) {
        return query(SELECT + " where stream_id = ? and occurred_at <= ? order by version", streamId,
                Timestamp.from(asOf));
    }

    /** Every event of the given stream types in the order they were stored, streamed to {@code sink}. */
    @Transactional(TxType.SUPPORTS)
    public void readAll(Collection<String> streamTypes, Consumer<EventEnvelope> sink) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        SELECT + " where stream_type = any(?) order by global_position")) {
            s.setArray(1, c.createArrayOf("text", streamTypes.toArray()));
            s.setFetchSize(500);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(envelope(rs));
                }
            }
        } catch (SQLException e) {
            throw new EventStoreException("Reading events of " + streamTypes + " failed", e);
        }
    }

    private List<EventEnvelope> query(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<EventEnvelope> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(envelope(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new EventStoreException("Reading events failed", e);
        }
    }

    private static long currentVersion(Connection c, String streamId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select coalesce(max(version), 0) from es_event where stream_id = ?")) {
            s.setString(1, streamId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static EventEnvelope envelope(ResultSet rs) throws SQLException {
        String type = rs.getString("event_type");
        try {
            return new EventEnvelope(rs.getObject("event_id", UUID.class), type, rs.getString("stream_type"),
                    rs.getString("stream_id"), rs.getLong("version"), rs.getString("account"),
                    rs.getString("region"), rs.getTimestamp("occurred_at").toInstant(),
                    rs.getObject("correlation_id", UUID.class), rs.getObject("causation_id", UUID.class),
                    rs.getInt("schema_version"),
                    EventJson.payloadFromJson(type, EventJson.mapper().readTree(rs.getString("payload"))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EventStoreException("Stored event " + rs.getObject("event_id") + " is not JSON", e);
        }
    }

    private static SQLException unwrap(SQLException e) {
        SQLException current = e;
        while (current.getNextException() != null && !Jdbc.UNIQUE_VIOLATION.equals(current.getSQLState())) {
            current = current.getNextException();
        }
        return current;
    }
}
