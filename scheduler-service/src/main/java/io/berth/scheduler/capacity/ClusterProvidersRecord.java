package io.berth.scheduler.capacity;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** The capacity providers associated with a cluster (CreateCluster, PutClusterCapacityProviders). */
@Entity
@Table(name = "scheduler_cluster_capacity_providers")
public class ClusterProvidersRecord extends PanacheEntityBase {

    @Id
    @Column(name = "cluster_arn")
    public String clusterArn;
    @Column(name = "capacity_providers")
    public String capacityProviders;
    public long version;

    public List<String> names() {
        return JsonColumns.read(capacityProviders, new TypeReference<>() { });
    }
}
