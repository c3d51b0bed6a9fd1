package io.berth.logs.store;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Removes what no read may return any more, every {@code berth.logs.sweep-interval}: events older than their group's
 * retention, and the events of deleted groups and streams. Reads never show expired events even before the sweep;
 * the sweep gives the space back. Deletes go in batches, so that no transaction holds many rows. Every replica may
 * sweep: deleting what another deleted changes nothing.
 */
@ApplicationScoped
public class RetentionSweeper {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);
    static final int BATCH = 10_000;
    /**
     * How long a deleted group or stream stays on the sweeper's list: a PutLogEvents that passed its checks just before
     * the deletion may still commit events under its key a moment after.
     */
    static final Duration GRACE = Duration.ofMinutes(10);

    private final LogEventStore store;
    private final DataSource dataSource;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public RetentionSweeper(LogEventStore store, DataSource dataSource,
            @ConfigProperty(name = "berth.logs.sweep-interval") Duration interval) {
        this.store = store;
        this.dataSource = dataSource;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-retention-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sweepQuietly() {
        try {
            sweep(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warnf("Sweeping expired log events failed: %s", e.getMessage());
        }
    }

    /** One sweep at {@code now} (epoch milliseconds); returns how many events it removed. */
    public long sweep(long now) {
        long removed = 0;
        for (Object[] group : rows("select group_key, retention_days from log_group where retention_days is not null")) {
            long before = now - Duration.ofDays((Integer) group[1]).toMillis();
            int deleted;
            do {
                deleted = store.deleteOlderThan((UUID) group[0], before, BATCH);
                removed += deleted;
            } while (deleted == BATCH);
        }
        for (Object[] gone : rows("select removed_key, kind, removed_at < now() - interval '"
                + GRACE.toSeconds() + " seconds' from log_removed")) {
            int deleted;
            do {
                deleted = store.deleteRemoved((UUID) gone[0], (String) gone[1], BATCH);
                removed += deleted;
            } while (deleted == BATCH);
            if ((Boolean) gone[2]) {
                forget((UUID) gone[0]);
            }
        }
        return removed;
    }

    private List<Object[]> rows(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            List<Object[]> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getObject(i + 1);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading what to sweep failed: " + e.getMessage(), e);
        }
    }

    private void forget(UUID key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "delete from log_removed where removed_key = ?")) {
            statement.setObject(1, key);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Forgetting removed log key " + key + " failed: " + e.getMessage(), e);
        }
    }
}
