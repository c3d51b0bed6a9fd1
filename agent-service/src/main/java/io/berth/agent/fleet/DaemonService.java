package io.berth.agent.fleet;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A service with the DAEMON scheduling strategy: its tasks' group is {@code service:<name>} in its cluster. */
@Entity
@Table(name = "daemon_service")
public class DaemonService extends PanacheEntityBase {

    @Id
    @Column(name = "service_arn")
    public String serviceArn;
    @Column(name = "cluster_arn")
    public String clusterArn;
    @Column(name = "task_group")
    public String taskGroup;
}
