package io.berth.scaling.capacity;

import io.berth.capacity.CapacityProviderColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A capacity provider's managed scaling, as the cluster-service announced it last (ADR 0042's shared columns). */
@Entity
@Table(name = "managed_scaling_provider")
public class ManagedScalingProvider extends CapacityProviderColumns {
}
