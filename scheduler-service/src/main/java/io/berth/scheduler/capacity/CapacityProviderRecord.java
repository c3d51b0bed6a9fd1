package io.berth.scheduler.capacity;

import io.berth.capacity.CapacityProviderColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A capacity provider as the scheduler needs it: its group and its managed scaling (ADR 0042's shared columns). */
@Entity
@Table(name = "scheduler_capacity_provider")
public class CapacityProviderRecord extends CapacityProviderColumns {
}
