package io.berth.eventstore;

import io.berth.eventstore.Position.Stream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

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

    private final DataSource dataSource;
    private final Inbox inbox;
    private final ReadYourWritesConfig config;
    private final Set<String> consumedTopics;
    private final Map<Stream, Long> applied = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public AppliedPositions(DataSource dataSource, Inbox inbox, ReadYourWritesConfig config, Config mpConfig) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.config = config;
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

    /** Records {@code reached} as applied, in the caller's transaction (the one holding their effects). */
    @Transactional(TxType.MANDATORY)
    public void record(Map<Stream, Long> reached) {
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
        if (reached.isEmpty()) {
            return inbox.firstDeliveries(consumer, eventIds);
        }
        if (eventIds.isEmpty()) {
            record(reached);
            return new HashSet<>();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("with applied as (" + RECORD + ") " + Inbox.FIRST_DELIVERIES)) {
            bindRecord(c, s, 1, reached);
            return Inbox.firstDeliveries(c, s, 5, consumer, eventIds);
        } catch (SQLException e) {
            throw new EventStoreException("Recording the applied positions and the inbox failed", e);
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

    /**
     * Whether every position of {@code positions} on a topic this service consumes is known applied
     * now, without waiting and without reading the table: for a caller that must not block (an event
     * loop), which takes the waiting way ({@link #await}) when this says no.
     */
    public boolean appliedNow(Collection<Position> positions) {
        return positions.isEmpty() || missing(positions).isEmpty();
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
