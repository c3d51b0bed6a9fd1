package io.berth.eventstore;

import io.berth.events.EventEnvelope;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The transactional outbox: the only way a Berth service sends anything to Kafka. Rows are written
 * in the caller's transaction and published by the {@link OutboxRelay} after it commits.
 *
 * <p>Per key, outbox ids must follow commit order, or the relay could publish a later event of a
 * key before an earlier one that was still uncommitted. A transaction-scoped advisory lock per key,
 * taken before the rows get their ids, serialises writers of one key until commit.
 *
 * <p>An id is therefore also a position (ADR 0033): once a transaction commits, the positions of its
 * rows are the request's {@link WrittenPositions}, and rows may carry positions their consumer must
 * have applied first ({@link #awaitBeforeApplying}).
 */
@ApplicationScoped
public class Outbox {

    /**
     * The rows of a list of envelopes, in one statement whatever their number: their ids follow the
     * list's order (a key's rows are published in id order). Parameters: what they await, then the
     * topics, keys, event ids, types and envelopes (JSON text, stored as its UTF-8 bytes) as arrays.
     */
    static final String INSERT = """
            insert into es_outbox (topic, message_key, event_id, event_type, envelope, awaits)
            select topic, message_key, event_id, event_type, convert_to(envelope, 'UTF8'), ?
            from unnest(?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[])
                 with ordinality as r(topic, message_key, event_id, event_type, envelope, n)
            order by n
            returning id, event_id
            """;
    private static final Object WRITTEN = new Object();
    private static final Object AWAITS = new Object();
    private static final Object HELD = new Object();

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxSignal signal;
    private final String writer;

    public Outbox(DataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxSignal signal,
            @ConfigProperty(name = "quarkus.application.name") String writer) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.signal = signal;
        this.writer = writer;
    }

    /** The name this service's positions carry: each service numbers its outbox rows on its own. */
    public String writer() {
        return writer;
    }

    /**
     * The rows this transaction writes are applied by their consumers only once these positions
     * are: a command sent on behalf of a caller waits, where it is decided, for the caller's earlier
     * writes.
     */
    @Transactional(TxType.MANDATORY)
    public void awaitBeforeApplying(Collection<Position> positions) {
        transactions.putResource(AWAITS, positions.isEmpty() ? null : Position.format(positions));
    }

    /**
     * Takes the advisory lock of each key until the transaction ends. A writer takes the locks of
     * its keys before it writes anything of its own (the event store does so before its events):
     * taken later, two writers of one key could wait for each other, one for the lock, the other for
     * an uncommitted row of the first. One statement takes them all, in the keys' sorted order, so
     * two writers of overlapping keys can not deadlock either. The transaction remembers the keys it
     * holds: a key locked already costs no statement (a decision's task events and its answer share
     * their cluster's key, and a batch locks its keys before its first decision).
     */
    @Transactional(TxType.MANDATORY)
    public void lock(Collection<String> keys) {
        Set<String> held = held();
        TreeSet<String> missing = new TreeSet<>(keys);
        missing.removeAll(held);
        if (missing.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(k, 0))"
                        + " from unnest(?::text[]) with ordinality as keys(k, n) order by n")) {
            lock.setArray(1, c.createArrayOf("text", missing.toArray()));
            lock.execute();
        } catch (SQLException e) {
            throw new EventStoreException("Locking the outbox keys " + keys + " failed", e);
        }
        held.addAll(missing);
    }

    /**
     * The keys whose locks this transaction holds. Berth takes no savepoints, so a lock, once taken,
     * is held until the transaction ends, and so is this set, a resource of the transaction.
     */
    @SuppressWarnings("unchecked")
    private Set<String> held() {
        Set<String> held = (Set<String>) transactions.getResource(HELD);
        if (held == null) {
            held = new HashSet<>();
            transactions.putResource(HELD, held);
        }
        return held;
    }

    /**
     * Writes the events' outbox rows, each its envelope around its payload's JSON; the caller holds their keys'
     * locks ({@link #lock}).
     */
    @Transactional(TxType.MANDATORY)
    void enqueue(List<EventRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            bind(c, insert, 1, rows);
            written(rows, insert);
        } catch (SQLException e) {
            throw new EventStoreException("Writing to the outbox failed", e);
        }
    }

    /**
     * Binds {@link #INSERT}'s six parameters, from {@code first} on, to the outbox rows of {@code rows}, each its
     * envelope around its payload's JSON (serialized once for the event's column too): the statement may follow
     * the caller's own, as a CTE of it (the event store writes the events and their rows in one statement).
     */
    void bind(Connection c, PreparedStatement insert, int first, List<EventRow> rows) throws SQLException {
        insert.setString(first, (String) transactions.getResource(AWAITS));
        insert.setArray(first + 1, EventRow.column(c, "text", rows, e -> e.topic().topicName()));
        insert.setArray(first + 2, EventRow.column(c, "text", rows, EventEnvelope::partitionKey));
        insert.setArray(first + 3, EventRow.column(c, "uuid", rows, EventEnvelope::eventId));
        insert.setArray(first + 4, EventRow.column(c, "text", rows, EventEnvelope::type));
        insert.setArray(first + 5, c.createArrayOf("text", rows.stream().map(EventRow::envelopeText).toArray()));
    }

    /**
     * Runs {@code insert}, whose result is {@link #INSERT}'s {@code id, event_id}, and keeps the rows'
     * positions for the commit.
     */
    void written(List<EventRow> rows, PreparedStatement insert) throws SQLException {
        Map<UUID, Long> ids = new HashMap<>();
        try (ResultSet rs = insert.executeQuery()) {
            while (rs.next()) {
                ids.put(rs.getObject(2, UUID.class), rs.getLong(1));
            }
        }
        List<Position> written = afterCommit();
        for (EventRow row : rows) {
            EventEnvelope e = row.envelope();
            written.add(new Position(e.topic().topicName(), writer, e.partitionKey(), ids.get(e.eventId())));
        }
    }

    /**
     * The positions of the rows this transaction wrote so far: what an answer written at its end
     * (a scheduler command's, read by the gateway from Kafka) names for the caller to wait for.
     */
    @Transactional(TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Position> writtenInThisTransaction() {
        List<Position> written = (List<Position>) transactions.getResource(WRITTEN);
        return written == null ? List.of() : List.copyOf(written);
    }

    /**
     * The positions this transaction wrote; once it commits, the relay is woken and, in an HTTP
     * request, the positions become the request's.
     */
    @SuppressWarnings("unchecked")
    private List<Position> afterCommit() {
        List<Position> written = (List<Position>) transactions.getResource(WRITTEN);
        if (written != null) {
            return written;
        }
        List<Position> positions = new ArrayList<>();
        transactions.putResource(WRITTEN, positions);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signal.signal();
                    if (Arc.container().requestContext().isActive()) {
                        Arc.container().instance(WrittenPositions.class).get().addAll(positions);
                    }
                }
            }
        });
        return positions;
    }
}
