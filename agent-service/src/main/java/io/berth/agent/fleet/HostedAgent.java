package io.berth.agent.fleet;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A node agent this service runs itself, for one container instance, with its runtime. */
@Entity
@Table(name = "hosted_agent")
public class HostedAgent extends PanacheEntityBase {

    @Id
    @Column(name = "container_instance_arn")
    public String containerInstanceArn;
    @Column(name = "cluster_arn")
    public String clusterArn;
    public String account;
    public String region;
    /** {@code simulated} or {@code process}. */
    public String runtime;
    @Column(name = "instance_type")
    public String instanceType;
}
