package io.berth.scheduler.provisioning;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The last CapacityProviderReservation written for a cluster and provider. */
@Entity
@Table(name = "scheduler_capacity_measurement")
public class MeasurementRecord extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "cluster_arn") String clusterArn,
            @Column(name = "capacity_provider_name") String capacityProviderName) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "instances_needed")
    public int instancesNeeded;
    @Column(name = "instances_running")
    public int instancesRunning;
    public int reservation;
    @Column(name = "provisioning_tasks")
    public int provisioningTasks;
    @Column(name = "empty_instances")
    public String emptyInstances;
    @Column(name = "measured_at")
    public Instant measuredAt;
}
