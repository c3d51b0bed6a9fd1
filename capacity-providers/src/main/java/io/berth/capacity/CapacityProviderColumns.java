package io.berth.capacity;

import io.berth.scaling.managed.ManagedScalingSettings;
import io.berth.scaling.managed.ProviderScaling;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * A capacity provider's group and managed scaling, as the cluster-service's events announced them last: the columns
 * each follower's own table has (ADR 0042). The rows are written by {@link CapacityProviderFold} only.
 */
@MappedSuperclass
public abstract class CapacityProviderColumns extends PanacheEntityBase {

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
    /** The provider stream's version this row has seen last. */
    public long version;

    public ProviderScaling scaling() {
        return new ProviderScaling(managedScalingStatus, new ManagedScalingSettings(targetCapacity,
                minimumScalingStepSize, maximumScalingStepSize, instanceWarmupPeriod), managedTerminationProtection);
    }

    void take(ProviderScaling scaling, long streamVersion) {
        managedScalingStatus = scaling.status();
        targetCapacity = scaling.settings().targetCapacity();
        minimumScalingStepSize = scaling.settings().minimumScalingStepSize();
        maximumScalingStepSize = scaling.settings().maximumScalingStepSize();
        instanceWarmupPeriod = scaling.settings().instanceWarmupPeriod();
        managedTerminationProtection = scaling.managedTerminationProtection();
        version = streamVersion;
    }

    void created(String arn, String providerName, String groupArn) {
        capacityProviderArn = arn;
        name = providerName;
        autoScalingGroupArn = groupArn;
    }
}
