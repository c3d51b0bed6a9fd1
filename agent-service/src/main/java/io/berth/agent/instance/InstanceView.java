package io.berth.agent.instance;

import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

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
}
