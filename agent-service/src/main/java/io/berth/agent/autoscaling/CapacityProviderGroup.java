package io.berth.agent.autoscaling;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;

/** A capacity provider of the cluster-service that names an Auto Scaling group, by ARN or by name. */
@Entity
@Table(name = "capacity_provider_group")
public class CapacityProviderGroup extends PanacheEntityBase {

    @Id
    @Column(name = "capacity_provider_arn")
    public String capacityProviderArn;
    public String name;
    public String account;
    public String region;
    @Column(name = "auto_scaling_group")
    public String autoScalingGroup;
    @Column(name = "managed_draining")
    public boolean managedDraining;

    /** The provider whose {@code autoScalingGroupArn} names this group (its ARN or its name). */
    public static Optional<CapacityProviderGroup> of(GroupState group, String account, String region) {
        return CapacityProviderGroup.<CapacityProviderGroup>find(
                "account = ?1 and region = ?2 and (autoScalingGroup = ?3 or autoScalingGroup = ?4)", account, region,
                group.arn(), group.name()).firstResultOptional();
    }
}
