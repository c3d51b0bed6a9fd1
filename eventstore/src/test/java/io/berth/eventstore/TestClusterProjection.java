package io.berth.eventstore;

import io.berth.events.ClusterEvent;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.ClusterEvent.ClusterSettingsUpdated;
import io.berth.events.EventEnvelope;
import io.berth.eventsourcing.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** A small projection of clusters for the rebuild and redelivery tests. */
@ApplicationScoped
public class TestClusterProjection implements Projection {

    private final DataSource dataSource;

    public TestClusterProjection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "test-cluster-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of("cluster");
    }

    @Override
    public void reset() {
        update("delete from test_cluster_view");
    }

    @Override
    public void apply(EventEnvelope event) {
        ClusterEvent payload = (ClusterEvent) event.payload();
        if (payload instanceof ClusterCreated created) {
            update("insert into test_cluster_view values (?, 'ACTIVE', ?, 0)", created.clusterArn(),
                    created.settings().size());
        } else if (payload instanceof ClusterSettingsUpdated updated) {
            update("update test_cluster_view set settings_count = ?, updates = updates + 1 where cluster_arn = ?",
                    updated.settings().size(), updated.clusterArn());
        } else if (payload instanceof ClusterDeleted deleted) {
            update("update test_cluster_view set status = 'INACTIVE', updates = updates + 1 where cluster_arn = ?",
                    deleted.clusterArn());
        }
    }

    /** The rows of these clusters as text, in key order, to compare two states of the projection. */
    public List<String> snapshot(List<String> clusterArns) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select * from test_cluster_view where cluster_arn = any(?) order by cluster_arn")) {
            s.setArray(1, c.createArrayOf("text", clusterArns.toArray()));
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3) + "|" + rs.getInt(4));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... parameters) {
        Fixtures.update(dataSource, sql, parameters);
    }
}
