package io.berth.eventstore;

import io.berth.eventstore.Position.Stream;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * How far this service has applied each stream of positions it consumes (ADR 0033). The consumer
 * skeleton records the positions of every batch with the batch's effects, in its transaction, and
 * announces them here once the effects (and what runs after the commit) are done; a reader that must
 * see an earlier write waits here until its position is applied.
 *
 * <p>The answer is kept in memory, so a reader with nothing pending pays one map lookup; the table
 * behind it outlives a restart and is read once, by the first reader that finds something missing.
 * The memory only ever learns of a position after the effects of its batch have run, the ones after
 * the commit included (placement indexes): a reader told "applied" sees them. An instance waits for
 * what it applied itself; a reader served by an instance that does not consume the stream's
 * partition would wait in vain, which is why the positions travel with the command to the instance
 * that decides it (ADR 0033).
 *
 * <p>A batch that applies nothing (none of its events is wanted) costs no transaction of its own
 * (ADR 0061): its positions are announced at once and kept as <em>unrecorded</em>, and the next
 * transaction of this service that records positions writes them with its own, in the same
 * statement; if none does within {@link ReadYourWritesConfig#recordUnappliedWithin()}, a
 * transaction of their own does, and so does the shutdown.
 */
@ApplicationScoped
public class AppliedPositions {

    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
    private static final String RECORD = """
            insert into es_applied_position (topic, writer, message_key, position)
            select * from unnest(?::text[], ?::text[], ?::text[], ?::bigint[])
            on conflict (topic, writer, message_key)
            do update set position = greatest(es_applied_position.position, excluded.position)
            """.strip();
    private static final String READ = "select topic, writer, message_key, position from es_applied_position";
    private static final Logger LOG = Logger.getLogger(AppliedPositions.class);

    private final DataSource dataSource;
    private final Inbox inbox;
    private final ReadYourWritesConfig config;
    private final Set<String> consumedTopics;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<Stream, Long> applied = new ConcurrentHashMap<>();
    /** Announced positions of batches that applied nothing, not yet in the table. */
    private final Map<Stream, Long> unrecorded = new ConcurrentHashMap<>();
    private final AtomicBoolean recordingScheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService recorder;
    private volatile boolean loaded;

    public AppliedPositions(DataSource dataSource, Inbox inbox, ReadYourWritesConfig config, Config mpConfig,
            TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.config = config;
        this.transactions = transactions;
        this.consumedTopics = consumedTopics(mpConfig, config.unawaitedChannels().orElse(Set.of()));
    }

    /**
     * The topics this service's channels read, but those of {@code unawaited} channels: positions on
     * any other topic are none of its business.
     */
    static Set<String> consumedTopics(Config config, Set<String> unawaited) {
        Set<String> topics = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            Matcher m = INCOMING_TOPIC.matcher(name);
            if (m.matches() && !unawaited.contains(m.group(1))) {
                config.getOptionalValue(name, String.class).ifPresent(topics::add);
            }
        }
        return topics;
    }

    /**
     * Records {@code reached} as applied, in the caller's transaction (the one holding their effects),
     * with the unrecorded positions of batches that applied nothing.
     */
    @Transactional(TxType.MANDATORY)
    public void record(Map<Stream, Long> reached) {
        write(withUnrecorded(reached));
    }

    private void write(Map<Stream, Long> reached) {
        if (reached.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RECORD)) {
            bindRecord(c, s, 1, reached);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("Recording the applied positions failed", e);
        }
    }

    /**
     * {@link #record} and {@link Inbox#firstDeliveries} in one statement, the positions' upsert as a
     * data-modifying CTE of the inbox's insert: what every consumer batch writes before its effects,
     * in one round trip instead of two.
     *
     * @return the ids of {@code eventIds} that {@code consumer} had not processed yet
     */
    @Transactional(TxType.MANDATORY)
    public Set<UUID> recordWithInbox(Map<Stream, Long> reached, String consumer, Collection<UUID> eventIds) {
        Map<Stream, Long> recorded = withUnrecorded(reached);
        if (recorded.isEmpty()) {
            return inbox.firstDeliveries(consumer, eventIds);
        }
        if (eventIds.isEmpty()) {
            write(recorded);
            return new HashSet<>();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("with applied as (" + RECORD + ") " + Inbox.FIRST_DELIVERIES)) {
            bindRecord(c, s, 1, recorded);
            return Inbox.firstDeliveries(c, s, 5, consumer, eventIds);
        } catch (SQLException e) {
            throw new EventStoreException("Recording the applied positions and the inbox failed", e);
        }
    }

    /**
     * The positions of a batch that applied nothing: announced now, since there is nothing to wait
     * for, and recorded with the next transaction that records positions anyway, or within
     * {@link ReadYourWritesConfig#recordUnappliedWithin()} by a transaction of their own.
     */
    public void appliedNothing(Map<Stream, Long> reached) {
        if (reached.isEmpty()) {
            return;
        }
        reached.forEach((stream, position) -> unrecorded.merge(stream, position, Math::max));
        advance(reached);
        scheduleRecording();
    }

    /**
     * {@code reached} and the unrecorded positions, to be written in the current transaction; those
     * carried are forgotten once it commits, unless a later position of their stream came meanwhile.
     */
    private Map<Stream, Long> withUnrecorded(Map<Stream, Long> reached) {
        if (unrecorded.isEmpty()) {
            return reached;
        }
        Map<Stream, Long> carried = new HashMap<>(unrecorded);
        Map<Stream, Long> all = new HashMap<>(carried);
        reached.forEach((stream, position) -> all.merge(stream, position, Math::max));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    carried.forEach(unrecorded::remove);
                }
            }
        });
        return all;
    }

    private void scheduleRecording() {
        if (!recordingScheduled.compareAndSet(false, true)) {
            return;
        }
        recorder().schedule(this::recordUnrecorded, config.recordUnappliedWithin().toMillis(), TimeUnit.MILLISECONDS);
    }

    private ScheduledExecutorService recorder() {
        if (recorder == null) {
            synchronized (this) {
                if (recorder == null) {
                    recorder = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "applied-positions-recorder");
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return recorder;
    }

    /** Writes what no transaction has carried since it was announced. */
    private void recordUnrecorded() {
        recordingScheduled.set(false);
        try {
            if (!unrecorded.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> record(Map.of()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Recording %d applied positions failed (%s); trying again", unrecorded.size(), e.getMessage());
        }
        if (!unrecorded.isEmpty()) {
            scheduleRecording();
        }
    }

    /** A stop loses nothing announced: what is unrecorded is written before the database goes. */
    void stop(@Observes ShutdownEvent event) {
        ScheduledExecutorService running = recorder;
        if (running == null) {
            return;
        }
        running.shutdownNow();
        if (!unrecorded.isEmpty()) {
            try {
                QuarkusTransaction.requiringNew().run(() -> record(Map.of()));
            } catch (RuntimeException e) {
                LOG.warnf("Recording %d applied positions at shutdown failed: %s", unrecorded.size(), e.getMessage());
            }
        }
    }

    /** Binds {@link #RECORD}'s four arrays from parameter {@code first} on. */
    private static void bindRecord(Connection c, PreparedStatement s, int first, Map<Stream, Long> reached)
            throws SQLException {
        List<Stream> streams = new ArrayList<>(reached.keySet());
        s.setArray(first, c.createArrayOf("text", streams.stream().map(Stream::topic).toArray()));
        s.setArray(first + 1, c.createArrayOf("text", streams.stream().map(Stream::writer).toArray()));
        s.setArray(first + 2, c.createArrayOf("text", streams.stream().map(Stream::key).toArray()));
        s.setArray(first + 3, c.createArrayOf("bigint", streams.stream().map(reached::get).toArray()));
    }

    /** Announces {@code reached} once what it caused is visible, and wakes the readers waiting for it. */
    public void advance(Map<Stream, Long> reached) {
        if (reached.isEmpty()) {
            return;
        }
        reached.forEach((stream, position) -> applied.merge(stream, position, Math::max));
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Returns once every position of {@code positions} on a topic this service consumes is applied.
     *
     * @throws PositionsNotAppliedException if they are not within {@link ReadYourWritesConfig#maxWait()}
     */
    public void await(Collection<Position> positions) {
        await(positions, System.currentTimeMillis());
    }

    /**
     * Returns once every position of {@code positions} on a topic this service consumes is applied,
     * waiting at most until {@link ReadYourWritesConfig#maxWait()} after {@code sentAt} (epoch millis):
     * a command that queued behind others for the same writes has spent its wait in the queue, so a
     * queue of them is answered within one bound, not one bound each (issue 21).
     *
     * @throws PositionsNotAppliedException if they are not applied by then
     */
    public void await(Collection<Position> positions, long sentAt) {
        List<Position> missing = missing(positions);
        if (missing.isEmpty()) {
            return;
        }
        loadOnce();
        long start = System.nanoTime();
        long left = Math.max(0, sentAt + config.maxWait().toMillis() - System.currentTimeMillis());
        long deadline = start + left * 1_000_000;
        try {
            synchronized (this) {
                while (!(missing = missing(missing)).isEmpty()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new PositionsNotAppliedException(missing, config.maxWait());
                    }
                    wait(remaining / 1_000_000 + 1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PositionsNotAppliedException(missing, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private List<Position> missing(Collection<Position> positions) {
        List<Position> missing = new ArrayList<>();
        for (Position p : positions) {
            if (consumedTopics.contains(p.topic()) && applied.getOrDefault(p.stream(), 0L) < p.position()) {
                missing.add(p);
            }
        }
        return missing;
    }

    /** What this service applied before it (re)started. */
    private void loadOnce() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(READ);
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    applied.merge(new Stream(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getLong(4),
                            Math::max);
                }
            } catch (SQLException e) {
                throw new EventStoreException("Reading the applied positions failed", e);
            }
            loaded = true;
        }
    }
}
