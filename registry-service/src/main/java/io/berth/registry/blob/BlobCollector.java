package io.berth.registry.blob;

import io.berth.registry.infra.RegistryConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Collects what no image needs any more: a repository's link to a blob that none of its images
 * names (after the grace period, which covers a push between its layers and its manifest), then
 * blobs no repository links, and uploads abandoned past their expiry. It holds the index lock
 * exclusively while it removes rows and files, so no push links a blob it is removing.
 */
@ApplicationScoped
public class BlobCollector {

    private static final Logger LOG = Logger.getLogger(BlobCollector.class);

    private final DataSource dataSource;
    private final BlobStore store;
    private final RegistryConfig config;

    /** What one collection removed. */
    public record Collected(int links, int blobs, long bytes, int uploads) {
    }

    public BlobCollector(DataSource dataSource, BlobStore store, RegistryConfig config) {
        this.dataSource = dataSource;
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${berth.registry.gc-interval}", delay = 30, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Collected collected = collect();
        if (collected.blobs() > 0 || collected.uploads() > 0) {
            LOG.infof("Collected %d blobs (%d bytes) and %d abandoned uploads", collected.blobs(), collected.bytes(),
                    collected.uploads());
        }
    }

    public Collected collect() {
        try (Connection connection = dataSource.getConnection()) {
            BlobStore.INDEX_LOCK.lockForSession(connection);
            try {
                return collect(connection);
            } finally {
                BlobStore.INDEX_LOCK.releaseForSession(connection);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Blob collection failed: " + e.getMessage(), e);
        }
    }

    private Collected collect(Connection connection) throws SQLException, IOException {
        connection.setAutoCommit(false);
        try {
            return collectIn(connection);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private Collected collectIn(Connection connection) throws SQLException, IOException {
        int links;
        try (PreparedStatement unlink = connection.prepareStatement("delete from registry_repository_blob l"
                + " where l.linked_at < now() - make_interval(secs => ?)"
                + " and not exists (select 1 from image_view i where i.repository_arn = l.repository_arn"
                + " and i.image_digest = l.digest)"
                + " and not exists (select 1 from image_reference_view r where r.repository_arn = l.repository_arn"
                + " and r.reference_digest = l.digest)")) {
            unlink.setDouble(1, config.gcGrace().toMillis() / 1000.0);
            links = unlink.executeUpdate();
        }
        List<String> blobs = new ArrayList<>();
        long bytes = 0;
        try (PreparedStatement delete = connection.prepareStatement("delete from registry_blob b where not exists"
                + " (select 1 from registry_repository_blob l where l.digest = b.digest) returning digest, size");
                ResultSet rs = delete.executeQuery()) {
            while (rs.next()) {
                blobs.add(rs.getString(1));
                bytes += rs.getLong(2);
            }
        }
        List<UUID> uploads = new ArrayList<>();
        try (PreparedStatement expire = connection.prepareStatement("delete from registry_upload"
                + " where updated_at < now() - make_interval(secs => ?) returning upload_id")) {
            expire.setDouble(1, config.uploadExpiry().toMillis() / 1000.0);
            try (ResultSet rs = expire.executeQuery()) {
                while (rs.next()) {
                    uploads.add(rs.getObject(1, UUID.class));
                }
            }
        }
        connection.commit();
        for (String digest : blobs) {
            Files.deleteIfExists(store.path(digest));
        }
        for (UUID upload : uploads) {
            store.forget(upload);
        }
        return new Collected(links, blobs.size(), bytes, uploads.size());
    }
}
