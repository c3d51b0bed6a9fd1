package io.berth.cluster.cluster;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the cluster projection. JSON-valued members are kept as text in their ECS shape. */
@Entity
@Table(name = "cluster_view")
public class ClusterView extends PanacheEntityBase {

    @Id
    @Column(name = "cluster_arn")
    public String clusterArn;
    public String account;
    public String region;
    @Column(name = "cluster_name")
    public String clusterName;
    public String status;
    public String settings;
    public String configuration;
    @Column(name = "service_connect_defaults")
    public String serviceConnectDefaults;
    @Column(name = "capacity_providers")
    public String capacityProviders;
    @Column(name = "default_strategy")
    public String defaultStrategy;
    public String tags;
}
