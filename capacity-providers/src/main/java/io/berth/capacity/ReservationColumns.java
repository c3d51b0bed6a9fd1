package io.berth.capacity;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.List;

/**
 * One CapacityProviderReservation measurement of a provider in a cluster, M over N with what went into it: the columns
 * of the scheduler's last measurement and of the scaling-service's measurement history (ADR 0042).
 */
@MappedSuperclass
public abstract class ReservationColumns extends PanacheEntityBase {

    @Column(name = "instances_needed")
    public int instancesNeeded;
    @Column(name = "instances_running")
    public int instancesRunning;
    public int reservation;
    @Column(name = "provisioning_tasks")
    public int provisioningTasks;
    /** The EC2 instance ids of the instances that run no non-daemon task, a JSON array. */
    @Column(name = "empty_instances")
    public String emptyInstances;
    @Column(name = "measured_at")
    public Instant measuredAt;

    /** Holds a measurement; a null list of empty instances (older events) is none. */
    public void take(int needed, int running, int percent, int provisioning, List<String> empty, Instant at) {
        instancesNeeded = needed;
        instancesRunning = running;
        reservation = percent;
        provisioningTasks = provisioning;
        emptyInstances = JsonColumns.write(empty == null ? List.of() : empty);
        measuredAt = at;
    }

    /** Whether this row holds the same values, whenever it was measured. */
    public boolean holds(int needed, int running, int percent, int provisioning, List<String> empty) {
        return instancesNeeded == needed && instancesRunning == running && reservation == percent
                && provisioningTasks == provisioning && emptyInstanceList().equals(empty);
    }

    public List<String> emptyInstanceList() {
        return JsonColumns.read(emptyInstances, new TypeReference<>() { });
    }
}
