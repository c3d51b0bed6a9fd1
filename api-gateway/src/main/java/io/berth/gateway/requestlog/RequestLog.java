package io.berth.gateway.requestlog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The gateway's one durable record: every request it answered, for auditing and debugging. The
 * entries are written behind the answers, in batches by one writer, so that a request never waits
 * for its own log row: one commit per request would double the cost of a read. The writer gathers
 * what arrives within {@link #LINGER} of a batch's first entry, so that a steady load commits a few
 * times a second rather than once or twice per request. Entries wait in a bounded queue; when the
 * database falls that far behind, the newest are dropped and counted rather than holding up requests
 * or memory.
 */
@ApplicationScoped
public class RequestLog {

    private static final Logger LOG = Logger.getLogger(RequestLog.class);
    static final int CAPACITY = 50_000;
    private static final int BATCH = 1_000;
    /**
     * How long a batch gathers entries after its first: at 150 reads/s one commit (an fsync) per
     * 15 entries instead of one per entry, for an entry written 0.1 s later ("what a read costs" in
     * docs/benchmarks.md).
     */
    static final Duration LINGER = Duration.ofMillis(100);

    private final DataSource dataSource;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private Thread writer;

    public RequestLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One request; {@code accessKeyId}, {@code roleArn} and {@code taskArn} are null where they are unknown. */
    public record Entry(UUID requestId, Instant receivedAt, String protocol, String operation, String account,
            String region, int status, String errorCode, long durationMillis, String accessKeyId, String roleArn,
            String taskArn) {
    }

    void start(@Observes StartupEvent event) {
        writer = new Thread(this::drain, "request-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Writes what is still queued before the data source goes away. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** Queues one request's entry; it is written within moments. Never fails the request. */
    public void record(Entry entry) {
        if (!queue.offer(entry) && dropped.incrementAndGet() % 1_000 == 1) {
            LOG.warnf("The request log is %d entries behind; %d entries were not logged", CAPACITY, dropped.get());
        }
    }

    /** Entries that could not be logged because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        List<Entry> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (running && queue.size() < BATCH - 1) {
                    Thread.sleep(LINGER.toMillis());
                }
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Entry> entries) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "insert into gateway_request_log (request_id, received_at, protocol, operation, account,"
                                + " region, status, error_code, duration_ms, access_key_id, role_arn, task_arn)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Entry entry : entries) {
                s.setObject(1, entry.requestId());
                s.setTimestamp(2, Timestamp.from(entry.receivedAt()));
                s.setString(3, entry.protocol());
                s.setString(4, truncate(entry.operation()));
                s.setString(5, entry.account());
                s.setString(6, entry.region());
                s.setInt(7, entry.status());
                s.setString(8, entry.errorCode());
                s.setInt(9, (int) Math.min(Integer.MAX_VALUE, entry.durationMillis()));
                s.setString(10, entry.accessKeyId());
                s.setString(11, entry.roleArn());
                s.setString(12, entry.taskArn());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("%d requests were not logged: %s", entries.size(), e.getMessage());
        }
    }

    private static String truncate(String operation) {
        return operation.length() > 128 ? operation.substring(0, 128) : operation;
    }
}
