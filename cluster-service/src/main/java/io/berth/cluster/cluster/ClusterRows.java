package io.berth.cluster.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * DescribeClusters' rows, read with one JDBC statement for all the clusters asked (issue 21, ADR
 * 0049): each cluster's projection row and its counters, without a Hibernate session and two entity
 * lookups per cluster. Holds nothing and writes nothing.
 */
record ClusterRows(ClusterState state, ClusterContents contents) {

    private static final String SELECT = """
            select v.cluster_arn, v.cluster_name, v.status, v.settings, v.configuration, v.service_connect_defaults,
                   v.capacity_providers, v.default_strategy, v.tags, c.cluster_arn,
                   c.registered_container_instances, c.running_tasks, c.pending_tasks, c.active_services,
                   c.running_fargate_tasks, c.pending_fargate_tasks, c.active_fargate_services
              from cluster_view v left join cluster_contents c on c.cluster_arn = v.cluster_arn
             where v.cluster_arn = any(?)
            """;

    /** The clusters of {@code arns} that exist, by ARN, with their counters (none counted yet: zeros). */
    static Map<String, ClusterRows> byArn(DataSource dataSource, Collection<String> arns) {
        Map<String, ClusterRows> found = new HashMap<>();
        if (arns.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setArray(1, c.createArrayOf("text", arns.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ClusterView view = new ClusterView();
                    view.clusterArn = rs.getString(1);
                    view.clusterName = rs.getString(2);
                    view.status = rs.getString(3);
                    view.settings = rs.getString(4);
                    view.configuration = rs.getString(5);
                    view.serviceConnectDefaults = rs.getString(6);
                    view.capacityProviders = rs.getString(7);
                    view.defaultStrategy = rs.getString(8);
                    view.tags = rs.getString(9);
                    ClusterContents contents = rs.getString(10) == null ? ClusterContents.EMPTY
                            : new ClusterContents(rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14),
                                    rs.getInt(15), rs.getInt(16), rs.getInt(17));
                    found.put(view.clusterArn, new ClusterRows(ClusterProjection.stateOf(view), contents));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the clusters " + arns + " failed", e);
        }
        return found;
    }
}
