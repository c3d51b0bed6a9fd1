package io.berth.agent.instance;

import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** A row of the container instance projection: key columns plus the folded state as JSON. */
@Entity
@Table(name = "container_instance_view")
public class InstanceView extends PanacheEntityBase {

    @Id
    @Column(name = "container_instance_arn")
    public String containerInstanceArn;
    public String account;
    public String region;
    @Column(name = "cluster_arn")
    public String clusterArn;
    public String status;
    public long version;
    @Column(name = "registered_at")
    public Instant registeredAt;
    public String state;

    public InstanceState toState() {
        return JsonColumns.read(state, new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }

    /**
     * The ARNs of the cluster's registered instances, of {@code status} if given, in ARN order: what
     * ListContainerInstances without a filter answers, read with one JDBC statement (issue 21, ADR 0049)
     * instead of a Hibernate entity per instance with its state's JSON, which it would not read.
     */
    static List<String> arns(DataSource dataSource, String clusterArn, Optional<String> status) {
        String select = "select container_instance_arn from container_instance_view where cluster_arn = ?"
                + " and status <> 'INACTIVE'" + (status.isPresent() ? " and status = ?" : "")
                + " order by container_instance_arn";
        List<String> arns = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(select)) {
            s.setString(1, clusterArn);
            if (status.isPresent()) {
                s.setString(2, status.get());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    arns.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Listing the container instances of " + clusterArn + " failed", e);
        }
        return arns;
    }
}
