package io.berth.eventstore;

import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The transactional outbox: the only way a Berth service sends anything to Kafka. Rows are written
 * in the caller's transaction and published by the {@link OutboxRelay} after it commits.
 *
 * <p>Per key, outbox ids must follow commit order, or the relay could publish a later event of a
 * key before an earlier one that was still uncommitted. A transaction-scoped advisory lock per key,
 * taken before the rows get their ids, serialises writers of one key until commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into es_outbox (topic, message_key, event_id, event_type, envelope) values (?, ?, ?, ?, ?)
            """;
    private static final Object WAKE_UP_REGISTERED = new Object();

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxSignal signal;

    public Outbox(DataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxSignal signal) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.signal = signal;
    }

    @Transactional(TxType.MANDATORY)
    public void enqueue(List<EventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            // One statement takes every key's lock, in the keys' sorted order, so two writers of
            // overlapping keys can not deadlock (the locks are taken after the sort).
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(k, 0))"
                    + " from unnest(?::text[]) with ordinality as keys(k, n) order by n")) {
                lock.setArray(1, c.createArrayOf("text",
                        new TreeSet<>(envelopes.stream().map(EventEnvelope::partitionKey).toList()).toArray()));
                lock.execute();
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (EventEnvelope e : envelopes) {
                    insert.setString(1, e.topic().topicName());
                    insert.setString(2, e.partitionKey());
                    insert.setObject(3, e.eventId());
                    insert.setString(4, e.type());
                    insert.setBytes(5, EventJson.toBytes(e));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Writing to the outbox failed", e);
        }
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_UP_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signal.signal();
                }
            }
        });
    }
}
