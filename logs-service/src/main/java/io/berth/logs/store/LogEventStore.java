package io.berth.logs.store;

import io.berth.logs.store.PutBatch.InputEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The log events, in PostgreSQL: one append-only table indexed by (stream, time, sequence) and (group, time,
 * sequence). A PutLogEvents batch is one {@code COPY} and one update of its stream's statistics, in one transaction;
 * reads are keyset scans from a {@link EventKey}. Nothing here goes through the event store: a log line is not a
 * fact about an aggregate, and one event-store event per line would cost far more than the line.
 */
@ApplicationScoped
public class LogEventStore {

    private static final String COPY = "copy log_event (group_key, stream_key, ts, ingestion_time, message)"
            + " from stdin with (format csv)";

    private final DataSource dataSource;

    public LogEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One event as stored: its key, when it was ingested, its message, and the name of its stream when read by group. */
    public record StoredEvent(EventKey key, long ingestionTime, String message, String streamName) {
    }

    /** What a read asks for: events after (or before) {@code from}, within [{@code start}, {@code end}). */
    public record Range(EventKey from, boolean forward, long start, long end, int limit) {
    }

    /** A group as the event paths need it; {@code streamKey} is null when the group has no stream of that name. */
    public record Located(UUID groupKey, Integer retentionDays, UUID streamKey) {
    }

    /** The group of this ARN and its stream of this name (null for none), in one round trip. */
    public Optional<Located> locate(String groupArn, String streamName) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select g.group_key, g.retention_days,"
                        + " s.stream_key from log_group g left join log_stream s on s.group_key = g.group_key"
                        + " and s.name = ? where g.arn = ?")) {
            statement.setString(1, streamName == null ? "" : streamName);
            statement.setString(2, groupArn);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                // wasNull speaks of the column read last, so the retention is read and checked before the keys.
                int days = result.getInt(2);
                Integer retention = result.wasNull() ? null : days;
                return Optional.of(new Located(result.getObject(1, UUID.class), retention,
                        result.getObject(3, UUID.class)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Looking up log group " + groupArn + " failed: " + e.getMessage(), e);
        }
    }

    /** The keys of the group's streams with these names, or whose names start with {@code prefix}. */
    public List<UUID> streamKeys(UUID groupKey, List<String> names, String prefix) {
        String sql = names != null ? "select stream_key from log_stream where group_key = ? and name = any(?)"
                : "select stream_key from log_stream where group_key = ? and left(name, ?) = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, groupKey);
            if (names != null) {
                statement.setArray(2, connection.createArrayOf("text", names.toArray()));
            } else {
                statement.setInt(2, prefix.length());
                statement.setString(3, prefix);
            }
            List<UUID> keys = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    keys.add(result.getObject(1, UUID.class));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("Looking up log streams failed: " + e.getMessage(), e);
        }
    }

    /**
     * Appends the accepted events of a batch to a stream and updates its statistics; returns the sequence number of
     * the last event (the next sequence token).
     */
    public long append(UUID groupKey, UUID streamKey, List<InputEvent> events, long ingestionTime) {
        StringBuilder csv = new StringBuilder(events.size() * 96);
        long bytes = 0;
        for (InputEvent event : events) {
            csv.append(groupKey).append(',').append(streamKey).append(',').append(event.timestamp()).append(',')
                    .append(ingestionTime).append(",\"");
            String message = event.message();
            for (int i = 0; i < message.length(); i++) {
                char c = message.charAt(i);
                if (c == '"') {
                    csv.append("\"\"");
                } else if (c == 0) {
                    // PostgreSQL text cannot hold NUL: it is kept as the replacement character.
                    csv.append('\uFFFD');
                } else {
                    csv.append(c);
                }
            }
            csv.append("\"\n");
            bytes += message.getBytes(StandardCharsets.UTF_8).length;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv.toString()));
                long last;
                try (PreparedStatement stats = connection.prepareStatement("""
                        insert into log_stream_stats as s (stream_key, first_event, last_event, last_ingestion,
                            stored_bytes)
                        values (?, ?, ?, ?, ?)
                        on conflict (stream_key) do update set
                            first_event = least(s.first_event, excluded.first_event),
                            last_event = greatest(s.last_event, excluded.last_event),
                            last_ingestion = excluded.last_ingestion,
                            stored_bytes = s.stored_bytes + excluded.stored_bytes""");
                        PreparedStatement sequence = connection.prepareStatement(
                                "select currval('log_event_seq')")) {
                    stats.setObject(1, streamKey);
                    stats.setLong(2, events.get(0).timestamp());
                    stats.setLong(3, events.get(events.size() - 1).timestamp());
                    stats.setLong(4, ingestionTime);
                    stats.setLong(5, bytes);
                    stats.executeUpdate();
                    try (ResultSet result = sequence.executeQuery()) {
                        result.next();
                        last = result.getLong(1);
                    }
                }
                connection.commit();
                return last;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Appending " + events.size() + " log events failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page of one stream's events, in ascending order whichever way it was read. */
    public List<StoredEvent> readStream(UUID streamKey, Range range) {
        String sql = "select ts, seq, ingestion_time, message from log_event where stream_key = ? and (ts, seq) "
                + (range.forward() ? ">" : "<") + " (?, ?) and ts >= ? and ts < ? order by ts "
                + (range.forward() ? "asc, seq asc" : "desc, seq desc") + " limit ?";
        List<StoredEvent> events = query(sql, statement -> {
            statement.setObject(1, streamKey);
            statement.setLong(2, range.from().timestamp());
            statement.setLong(3, range.from().sequence());
            statement.setLong(4, range.start());
            statement.setLong(5, range.end());
            statement.setInt(6, range.limit());
        }, false);
        if (!range.forward()) {
            Collections.reverse(events);
        }
        return events;
    }

    /**
     * A chunk of a group's events in key order from {@code range.from()} (exclusive), with their stream names,
     * limited to {@code streamKeys} when not null and to messages containing every one of {@code requiredText}.
     * Events of deleted streams are not seen.
     */
    public List<StoredEvent> scanGroup(UUID groupKey, List<UUID> streamKeys, List<String> requiredText, Range range) {
        StringBuilder sql = new StringBuilder("select e.ts, e.seq, e.ingestion_time, e.message, s.name"
                + " from log_event e join log_stream s on s.stream_key = e.stream_key"
                + " where e.group_key = ? and (e.ts, e.seq) " + (range.forward() ? ">" : "<")
                + " (?, ?) and e.ts >= ? and e.ts < ?");
        if (streamKeys != null) {
            sql.append(" and e.stream_key = any(?)");
        }
        requiredText.forEach(text -> sql.append(" and strpos(e.message, ?) > 0"));
        sql.append(range.forward() ? " order by e.ts asc, e.seq asc" : " order by e.ts desc, e.seq desc")
                .append(" limit ?");
        return query(sql.toString(), statement -> {
            int index = 1;
            statement.setObject(index++, groupKey);
            statement.setLong(index++, range.from().timestamp());
            statement.setLong(index++, range.from().sequence());
            statement.setLong(index++, range.start());
            statement.setLong(index++, range.end());
            if (streamKeys != null) {
                Array keys = statement.getConnection().createArrayOf("uuid", streamKeys.toArray());
                statement.setArray(index++, keys);
            }
            for (String text : requiredText) {
                statement.setString(index++, text);
            }
            statement.setInt(index, range.limit());
        }, true);
    }

    /** Deletes up to {@code batch} events of the group older than {@code before}; returns how many. */
    public int deleteOlderThan(UUID groupKey, long before, int batch) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("""
                        with gone as (
                            delete from log_event where ctid in (
                                select ctid from log_event where group_key = ? and ts < ? limit ?)
                            returning stream_key, octet_length(message) as bytes),
                        per_stream as (select stream_key, sum(bytes) as bytes from gone group by stream_key),
                        kept as (
                            update log_stream_stats s set stored_bytes = greatest(0, s.stored_bytes - p.bytes)
                            from per_stream p where s.stream_key = p.stream_key returning 1)
                        select count(*) from gone""")) {
            delete.setObject(1, groupKey);
            delete.setLong(2, before);
            delete.setInt(3, batch);
            try (ResultSet result = delete.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Expiring the log events of group " + groupKey + " failed", e);
        }
    }

    /** Deletes up to {@code batch} events of a removed group or stream; returns how many. */
    public int deleteRemoved(UUID key, String kind, int batch) {
        String column = "group".equals(kind) ? "group_key" : "stream_key";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from log_event where ctid in ("
                        + "select ctid from log_event where " + column + " = ? limit ?)")) {
            delete.setObject(1, key);
            delete.setInt(2, batch);
            int deleted = delete.executeUpdate();
            if (deleted < batch && "stream".equals(kind)) {
                try (PreparedStatement stats = connection.prepareStatement(
                        "delete from log_stream_stats where stream_key = ?")) {
                    stats.setObject(1, key);
                    stats.executeUpdate();
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("Removing the events of " + kind + " " + key + " failed", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<StoredEvent> query(String sql, Binder binder, boolean withStream) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    events.add(new StoredEvent(new EventKey(result.getLong(1), result.getLong(2)), result.getLong(3),
                            result.getString(4), withStream ? result.getString(5) : null));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading log events failed: " + e.getMessage(), e);
        }
    }
}
