package io.berth.scheduler.provisioning;

import io.berth.capacity.ProviderInCluster;
import io.berth.capacity.ReservationColumns;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The last CapacityProviderReservation written for a cluster and provider. */
@Entity
@Table(name = "scheduler_capacity_measurement")
public class MeasurementRecord extends ReservationColumns {

    @EmbeddedId
    public ProviderInCluster key;
}
