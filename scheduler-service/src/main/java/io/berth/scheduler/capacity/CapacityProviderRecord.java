package io.berth.scheduler.capacity;

import io.berth.events.Shapes.ManagedScaling;
import io.berth.scaling.managed.ManagedScalingSettings;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A capacity provider as the scheduler needs it: its group and its managed scaling. */
@Entity
@Table(name = "scheduler_capacity_provider")
public class CapacityProviderRecord extends PanacheEntityBase {

    @Id
    @Column(name = "capacity_provider_arn")
    public String capacityProviderArn;
    public String name;
    @Column(name = "auto_scaling_group_arn")
    public String autoScalingGroupArn;
    @Column(name = "managed_scaling_status")
    public String managedScalingStatus;
    @Column(name = "target_capacity")
    public int targetCapacity;
    @Column(name = "minimum_scaling_step_size")
    public int minimumScalingStepSize;
    @Column(name = "maximum_scaling_step_size")
    public int maximumScalingStepSize;
    @Column(name = "instance_warmup_period")
    public int instanceWarmupPeriod;
    @Column(name = "managed_termination_protection")
    public String managedTerminationProtection;
    public long version;

    public boolean managedScaling() {
        return "ENABLED".equals(managedScalingStatus);
    }

    public ManagedScalingSettings settings() {
        return new ManagedScalingSettings(targetCapacity, minimumScalingStepSize, maximumScalingStepSize,
                instanceWarmupPeriod);
    }

    /** Takes the provider's managed scaling; without one, managed scaling is off with ECS's defaults. */
    void scaling(ManagedScaling scaling, String terminationProtection) {
        ManagedScalingSettings s = scaling == null ? ManagedScalingSettings.DEFAULTS
                : ManagedScalingSettings.orDefaults(scaling.targetCapacity(), scaling.minimumScalingStepSize(),
                        scaling.maximumScalingStepSize(), scaling.instanceWarmupPeriod());
        managedScalingStatus = scaling == null || scaling.status() == null ? "DISABLED" : scaling.status();
        targetCapacity = s.targetCapacity();
        minimumScalingStepSize = s.minimumScalingStepSize();
        maximumScalingStepSize = s.maximumScalingStepSize();
        instanceWarmupPeriod = s.instanceWarmupPeriod();
        managedTerminationProtection = terminationProtection == null ? "DISABLED" : terminationProtection;
    }
}
