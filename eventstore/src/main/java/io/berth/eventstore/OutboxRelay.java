package io.berth.eventstore;

import io.berth.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka. Each batch is one transaction: claim the oldest
 * unpublished rows ({@code FOR UPDATE SKIP LOCKED}), send them with an idempotent producer
 * ({@code acks=all}), wait until the broker acknowledged every one, then delete them (or, with a
 * positive {@code berth.outbox.retention}, mark them published) and commit. A crash anywhere before
 * the commit leaves the rows in the outbox, unpublished, so they are sent again: delivery is at
 * least once and consumers de-duplicate on the event id.
 *
 * <p>Only one relay of a service publishes at a time (a transaction-scoped advisory lock), so rows
 * of one key leave in id order, which {@link Outbox} makes commit order. Each record carries its id
 * as its position, and the positions its consumer must have applied first, if any (ADR 0033).
 *
 * <p>A commit of this instance wakes the relay at once; between wake-ups it looks again at the pace of
 * {@link RelayPace}, which lets a relay that keeps finding nothing look only every few seconds (ADR 0083).
 */
@ApplicationScoped
public class OutboxRelay {

    /** Event type of every record, so consumers can filter without parsing the value. */
    public static final String TYPE_HEADER = Topics.TYPE_HEADER;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * Held for the batch's transaction, not for a session ({@link LeaderElection}): it ends with the transaction
     * that deletes (or marks) the batch, so no other relay sends a batch while one is still in the outbox, which
     * keeps a key's rows in order even when a relay's connection breaks halfway.
     */
    static final AdvisoryLock PUBLISHER = new AdvisoryLock("berth.outbox.relay");
    private static final String CLAIM = """
            select id, topic, message_key, event_type, envelope, created_at, awaits from es_outbox
            where published_at is null order by id limit ? for update skip locked
            """;

    private final DataSource dataSource;
    private final OutboxConfig config;
    private final OutboxSignal signal;
    private final Outbox outbox;
    private final String bootstrapServers;
    private final OutboxMetrics metrics;
    private Producer<String, byte[]> producer;
    private volatile boolean running;
    private Thread worker;
    private long lastCleanup;

    public OutboxRelay(DataSource dataSource, OutboxConfig config, OutboxSignal signal, Outbox outbox,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, OutboxMetrics metrics) {
        this.dataSource = dataSource;
        this.config = config;
        this.signal = signal;
        this.outbox = outbox;
        this.bootstrapServers = bootstrapServers;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled on this instance");
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(Duration.ofSeconds(10).toMillis());
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    private void run() {
        // After a failure: from the poll interval, doubling up to 5 s (or the interval, if longer).
        Backoff backoff = Backoff.from(config.pollInterval(), Duration.ofSeconds(5));
        RelayPace pace = new RelayPace(config.pollInterval(), config.idlePollInterval());
        int failures = 0;
        while (running) {
            try {
                Look look = QuarkusTransaction.requiringNew().call(this::look);
                failures = 0;
                if (look.published() < config.batchSize()) {
                    signal.await(pace.after(look.heldLock(), look.published()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Duration wait = backoff.after(++failures);
                LOG.warnf("Outbox relay failed, retrying in %s: %s", wait, e.getMessage());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Publishes one batch of pending rows inside the caller's transaction and returns how many it
     * published; 0 if another relay holds the publishing lock.
     */
    @Transactional(TxType.MANDATORY)
    public int publishBatch() {
        return look().published();
    }

    /** What one look at the outbox did: whether it held the publishing lock, and how many rows it published. */
    private record Look(boolean heldLock, int published) {
    }

    private Look look() {
        metrics.looked();
        try (Connection c = dataSource.getConnection()) {
            if (!PUBLISHER.tryForTransaction(c)) {
                return new Look(false, 0);
            }
            List<Long> ids = new ArrayList<>();
            List<Instant> written = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            Producer<String, byte[]> kafka = producer();
            try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                claim.setInt(1, config.batchSize());
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong("id"));
                        written.add(rs.getTimestamp("created_at").toInstant());
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString("topic"),
                                rs.getString("message_key"), rs.getBytes("envelope"));
                        record.headers().add(TYPE_HEADER, rs.getString("event_type").getBytes(StandardCharsets.UTF_8));
                        record.headers().add(Position.KAFKA_POSITION_HEADER,
                                (outbox.writer() + ":" + rs.getLong("id")).getBytes(StandardCharsets.UTF_8));
                        String awaits = rs.getString("awaits");
                        if (awaits != null) {
                            record.headers().add(Position.KAFKA_AWAIT_HEADER, awaits.getBytes(StandardCharsets.UTF_8));
                        }
                        acks.add(kafka.send(record));
                    }
                }
            }
            if (ids.isEmpty()) {
                metrics.backlog(0);
                cleanUp(c);
                return new Look(true, 0);
            }
            kafka.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            // The delete (or mark) need not survive a crash of the database: a row it loses is sent again,
            // which at-least-once delivery allows already. Not waiting for its WAL flush takes an fsync
            // off every batch, so rows committed meanwhile are claimed sooner (ADR 0002).
            try (PreparedStatement relaxed = c.prepareStatement("set local synchronous_commit = off")) {
                relaxed.execute();
            }
            // A mark rewrites each row whole, with new entries in every index (published_at is in both
            // partial indexes' predicates, so never a HOT update); a delete only stamps the row (ADR 0073).
            try (PreparedStatement done = c.prepareStatement(config.retention().isZero()
                    ? "delete from es_outbox where id = any(?)"
                    : "update es_outbox set published_at = now() where id = any(?)")) {
                done.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                done.executeUpdate();
            }
            // A batch that was not full drained the outbox; only a full one leaves rows worth counting.
            metrics.published(written, ids.size() < config.batchSize() ? 0 : countPending(c));
            return new Look(true, ids.size());
        } catch (SQLException e) {
            throw new EventStoreException("Reading the outbox failed", e);
        } catch (ExecutionException e) {
            throw new EventStoreException("Kafka did not acknowledge an outbox record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("Interrupted while waiting for Kafka", e);
        }
    }

    /** Rows not yet published, for health and tests. */
    @Transactional(TxType.SUPPORTS)
    public long pending() {
        try (Connection c = dataSource.getConnection()) {
            return countPending(c);
        } catch (SQLException e) {
            throw new EventStoreException("Counting the outbox failed", e);
        }
    }

    private static long countPending(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from es_outbox where published_at is null");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Deletes marked rows past the retention. With a retention of zero the relay marks nothing, and this removes
     * what an earlier relay, or an earlier setting, left marked.
     */
    private void cleanUp(Connection c) throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastCleanup < Duration.ofMinutes(1).toMillis()) {
            return;
        }
        lastCleanup = now;
        try (PreparedStatement s = c.prepareStatement(
                "delete from es_outbox where published_at < now() - make_interval(secs => ?)")) {
            s.setDouble(1, config.retention().toMillis() / 1000.0);
            s.executeUpdate();
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.LINGER_MS_CONFIG, 1,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compressionType(),
                    ProducerConfig.CLIENT_ID_CONFIG, "berth-outbox-relay",
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
