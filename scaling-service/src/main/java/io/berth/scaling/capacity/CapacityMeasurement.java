package io.berth.scaling.capacity;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One CapacityProviderReservation measurement and what managed scaling decided from it. */
@Entity
@Table(name = "capacity_measurement")
public class CapacityMeasurement extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;
    @Column(name = "cluster_arn")
    public String clusterArn;
    @Column(name = "capacity_provider_name")
    public String capacityProviderName;
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
    /** The desired capacity asked of the group; null when the measurement asked nothing. */
    @Column(name = "desired_capacity")
    public Integer desiredCapacity;
    public String reason;

    public List<String> emptyInstanceList() {
        return JsonColumns.read(emptyInstances, new TypeReference<>() { });
    }
}
