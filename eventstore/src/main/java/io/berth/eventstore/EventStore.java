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

    private static final String INSERT = """
            insert into es_event (event_id, stream_type, stream_id, version, event_type, schema_version,
                                  account, region, occurred_at, correlation_id, causation_id, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json)
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
     * @throws StreamVersionConflictException if another writer appended between the read and the write
     */
    @Transactional(TxType.MANDATORY)
    public List<EventEnvelope> appendToEnd(StreamId stream, List<? extends BerthEvent> events, EventContext context) {
        outbox.lock(events.stream().map(BerthEvent::partitionKey).toList());
        // The version is read under the keys' locks: only a writer of another key could still get in.
        return write(List.of(new Append(stream, currentVersion(stream.id()), events, context)), false);
    }

    /**
     * Appends to many streams at once, set-based: one statement reads every stream's version, one
     * batch writes the events and one the outbox rows, whatever the number of streams. A stream may
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
        return write(appends, true);
    }

    /** Writes the events and their outbox rows; the caller holds the keys' locks. */
    private List<EventEnvelope> write(List<Append> appends, boolean checkVersions) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
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
        try (Connection c = dataSource.getConnection()) {
            if (checkVersions) {
                checkVersions(c, appends);
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (EventEnvelope e : envelopes) {
                    insert.setObject(1, e.eventId());
                    insert.setString(2, e.aggregateType());
                    insert.setString(3, e.aggregateId());
                    insert.setLong(4, e.aggregateVersion());
                    insert.setString(5, e.type());
                    insert.setInt(6, e.schemaVersion());
                    insert.setString(7, e.account());
                    insert.setString(8, e.region());
                    insert.setTimestamp(9, Timestamp.from(e.occurredAt()));
                    insert.setObject(10, e.correlationId());
                    insert.setObject(11, e.causationId());
                    insert.setString(12, EventJson.payloadToJson(e.payload()).toString());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(unwrap(e), "es_event_stream_version")) {
                // A concurrent writer committed first; the first stream stands for all of them.
                throw new StreamVersionConflictException(appends.get(0).stream(), appends.get(0).expectedVersion(), e);
            }
            throw new EventStoreException("Appending to " + appends.size() + " streams failed", e);
        }
        outbox.enqueue(envelopes);
        return envelopes;
    }

    /** Every stream's first append must find the stream at its expected version, each later one where the last left it. */
    private static void checkVersions(Connection c, List<Append> appends) throws SQLException {
        Map<String, Long> current = versionsOf(c, appends.stream().map(a -> a.stream().id()).distinct().toList());
        for (Append append : appends) {
            String id = append.stream().id();
            if (current.getOrDefault(id, 0L) != append.expectedVersion()) {
                throw new StreamVersionConflictException(append.stream(), append.expectedVersion(), null);
            }
            current.put(id, append.expectedVersion() + append.events().size());
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
