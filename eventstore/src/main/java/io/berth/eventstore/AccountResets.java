package io.berth.eventstore;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's part of a reset (ADR 0034), in three steps the gateway runs on every service in turn:
 * <ol>
 * <li>{@link #begin}: this service stops applying the account's events (so it reacts to nothing the
 * others still send), deletes the account's streams, its checkpoints and the rows its {@link AccountData}
 * names, and lets its in-memory views, agents and runtimes go ({@link AccountsForgotten});</li>
 * <li>{@link #mark}: what it has written so far, as the last outbox position it handed out;</li>
 * <li>{@link #finish}: every writer's mark becomes a fence (its events of the account up to that
 * position are applied as nothing, forever, even those still on Kafka), the deletion runs again for
 * whatever arrived between the steps, and the account's events are applied again.</li>
 * </ol>
 * Outbox rows are not deleted and outbox sequences never go back: fenced events are still relayed and
 * applied (as nothing), so the positions read your writes waits for keep advancing (ADR 0033).
 */
@ApplicationScoped
public class AccountResets {

    /** The fence and quarantine key of a reset of every account. */
    static final String EVERY_ACCOUNT = "*";

    private static final String FORGET_CHECKPOINTS = "delete from es_projection_checkpoint where stream_id in"
            + " (select stream_id from es_event where coalesce(?, account) = account) or "
            + AccountRows.arnInAccount("stream_id");
    private static final String FORGET_STREAMS = "delete from es_event where coalesce(?, account) = account";
    private static final String FENCE = """
            insert into es_reset_fence (account, writer, position) values (?, ?, ?)
            on conflict (account, writer) do update set position = greatest(es_reset_fence.position, excluded.position)
            """;

    private final DataSource dataSource;
    private final Instance<AccountData> data;
    private final Event<AccountsForgotten> forgotten;
    private final String writer;
    /** Consumers apply batches under the read lock; deletions take the write lock, so no batch straddles one. */
    private final ReadWriteLock applying = new ReentrantReadWriteLock();
    private final Set<String> quarantined = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, Long>> fences = new ConcurrentHashMap<>();

    public AccountResets(DataSource dataSource, Instance<AccountData> data, Event<AccountsForgotten> forgotten,
            @ConfigProperty(name = "quarkus.application.name") String writer) {
        this.dataSource = dataSource;
        this.data = data;
        this.forgotten = forgotten;
        this.writer = writer;
    }

    /** A writer's outbox position at a reset. */
    public record Mark(String writer, long position) {
    }

    void load(@Observes StartupEvent event) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select account, writer, position from es_reset_fence");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                fences.computeIfAbsent(rs.getString(1), a -> new ConcurrentHashMap<>())
                        .merge(rs.getString(2), rs.getLong(3), Math::max);
            }
        } catch (SQLException e) {
            throw new EventStoreException("Reading the reset fences failed", e);
        }
    }

    /** Step 1; {@code account} null resets every account. */
    public void begin(String account) {
        quarantined.add(keyOf(account));
        forget(account);
    }

    /** Step 2: the last outbox position this service handed out, committed or not. */
    public Mark mark() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select last_value from es_outbox_id_seq");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return new Mark(writer, rs.getLong(1));
        } catch (SQLException e) {
            throw new EventStoreException("Reading the outbox position failed", e);
        }
    }

    /** Step 3, with every writer's {@link #mark}. */
    public void finish(String account, List<Mark> marks) {
        String key = keyOf(account);
        exclusively(() -> QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FENCE)) {
                for (Mark mark : marks) {
                    s.setString(1, key);
                    s.setString(2, mark.writer());
                    s.setLong(3, mark.position());
                    s.addBatch();
                }
                s.executeBatch();
            } catch (SQLException e) {
                throw new EventStoreException("Recording the reset fences failed", e);
            }
            return null;
        }));
        Map<String, Long> fence = fences.computeIfAbsent(key, a -> new ConcurrentHashMap<>());
        marks.forEach(mark -> fence.merge(mark.writer(), mark.position(), Math::max));
        forget(account);
        quarantined.remove(key);
    }

    /**
     * Whether a consumer must apply an event of {@code account} as nothing: the account is being reset,
     * or the event was written before a reset ({@code position} of {@code writer} at or below its fence).
     * Events from outside Berth's relays (no writer) are only held back during a reset.
     */
    public boolean forgets(String account, String eventWriter, long position) {
        if (quarantined.contains(EVERY_ACCOUNT) || account != null && quarantined.contains(account)) {
            return true;
        }
        return eventWriter != null && (fenced(EVERY_ACCOUNT, eventWriter, position)
                || account != null && fenced(account, eventWriter, position));
    }

    private boolean fenced(String key, String eventWriter, long position) {
        Map<String, Long> fence = fences.get(key);
        return fence != null && fence.getOrDefault(eventWriter, 0L) >= position;
    }

    /** Runs a consumer's batch so that no reset deletes between its reading and its commit. */
    public <T> T applying(Supplier<T> batch) {
        applying.readLock().lock();
        try {
            return batch.get();
        } finally {
            applying.readLock().unlock();
        }
    }

    private void forget(String account) {
        exclusively(() -> QuarkusTransaction.requiringNew().call(() -> {
            List<String> statements = new ArrayList<>();
            statements.add(FORGET_CHECKPOINTS);
            data.forEach(d -> d.rows().forEach(rows -> statements.add(rows.delete())));
            statements.add(FORGET_STREAMS);
            try (Connection c = dataSource.getConnection()) {
                for (String sql : statements) {
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        for (int i = 1; i <= s.getParameterMetaData().getParameterCount(); i++) {
                            s.setString(i, account);
                        }
                        s.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                throw new EventStoreException("Deleting the account's data failed", e);
            }
            return null;
        }));
        forgotten.fire(new AccountsForgotten(account));
    }

    private void exclusively(Supplier<?> work) {
        applying.writeLock().lock();
        try {
            work.get();
        } finally {
            applying.writeLock().unlock();
        }
    }

    private static String keyOf(String account) {
        return account == null ? EVERY_ACCOUNT : account;
    }
}
