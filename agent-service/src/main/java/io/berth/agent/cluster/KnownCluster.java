package io.berth.agent.cluster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A cluster the cluster-service announced, and whether it is still ACTIVE. */
@Entity
@Table(name = "known_cluster")
public class KnownCluster extends PanacheEntityBase {

    @Id
    @Column(name = "cluster_arn")
    public String clusterArn;
    public String status;

    public static boolean isActive(String clusterArn) {
        KnownCluster cluster = findById(clusterArn);
        return cluster != null && "ACTIVE".equals(cluster.status);
    }
}
