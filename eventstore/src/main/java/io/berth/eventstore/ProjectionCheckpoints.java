package io.berth.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The last stream version each projection applied. A projection applies an event only if
 * {@link #advance} says it is newer than what it has, so duplicates and stale events are harmless.
 */
@ApplicationScoped
public class ProjectionCheckpoints {

    private final DataSource dataSource;

    public ProjectionCheckpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Moves the checkpoint to {@code version} if that is newer; true if the event should be applied. */
    @Transactional(TxType.MANDATORY)
    public boolean advance(String projection, String streamId, long version) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        insert into es_projection_checkpoint (projection, stream_id, version) values (?, ?, ?)
                        on conflict (projection, stream_id) do update set version = excluded.version
                        where es_projection_checkpoint.version < excluded.version
                        """)) {
            s.setString(1, projection);
            s.setString(2, streamId);
            s.setLong(3, version);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new EventStoreException("Advancing the checkpoint of " + projection + " failed", e);
        }
    }

    @Transactional(TxType.SUPPORTS)
    public long lastApplied(String projection, String streamId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select version from es_projection_checkpoint where projection = ? and stream_id = ?")) {
            s.setString(1, projection);
            s.setString(2, streamId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new EventStoreException("Reading the checkpoint of " + projection + " failed", e);
        }
    }

    @Transactional(TxType.MANDATORY)
    public void reset(String projection) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("delete from es_projection_checkpoint where projection = ?")) {
            s.setString(1, projection);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("Resetting the checkpoints of " + projection + " failed", e);
        }
    }
}
