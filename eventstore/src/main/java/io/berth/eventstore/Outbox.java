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
import java.util.Collection;
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

    /**
     * Takes the advisory lock of each key until the transaction ends. A writer takes the locks of
     * its keys before it writes anything of its own (the event store does so before its events):
     * taken later, two writers of one key could wait for each other, one for the lock, the other for
     * an uncommitted row of the first. One statement takes them all, in the keys' sorted order, so
     * two writers of overlapping keys can not deadlock either; a lock held already is taken again at
     * no cost.
     */
    @Transactional(TxType.MANDATORY)
    public void lock(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(k, 0))"
                        + " from unnest(?::text[]) with ordinality as keys(k, n) order by n")) {
            lock.setArray(1, c.createArrayOf("text", new TreeSet<>(keys).toArray()));
            lock.execute();
        } catch (SQLException e) {
            throw new EventStoreException("Locking the outbox keys " + keys + " failed", e);
        }
    }

    /** Writes the envelopes' rows; the caller holds their keys' locks ({@link #lock}). */
    @Transactional(TxType.MANDATORY)
    public void enqueue(List<EventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (EventEnvelope e : envelopes) {
                insert.setString(1, e.topic().topicName());
                insert.setString(2, e.partitionKey());
                insert.setObject(3, e.eventId());
                insert.setString(4, e.type());
                insert.setBytes(5, EventJson.toBytes(e));
                insert.addBatch();
            }
            insert.executeBatch();
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
