package io.berth.scaling.capacity;

import io.berth.capacity.ProviderInCluster;
import io.berth.capacity.ReservationColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One CapacityProviderReservation measurement and what managed scaling decided from it. */
@Entity
@Table(name = "capacity_measurement")
public class CapacityMeasurement extends ReservationColumns {

    @Id
    @Column(name = "event_id")
    public UUID eventId;
    @Embedded
    public ProviderInCluster provider;
    /** The desired capacity asked of the group; null when the measurement asked nothing. */
    @Column(name = "desired_capacity")
    public Integer desiredCapacity;
    public String reason;
}
