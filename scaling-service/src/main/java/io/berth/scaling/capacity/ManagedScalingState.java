package io.berth.scaling.capacity;

import io.berth.scaling.managed.ManagedScaling;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** What the target tracking policy of one provider in one cluster remembers between measurements. */
@Entity
@Table(name = "managed_scaling_state")
public class ManagedScalingState extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "cluster_arn") String clusterArn,
            @Column(name = "capacity_provider_name") String capacityProviderName) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "below_target_since")
    public Instant belowTargetSince;
    @Column(name = "last_scale_out_at")
    public Instant lastScaleOutAt;
    @Column(name = "last_scale_in_at")
    public Instant lastScaleInAt;
    @Column(name = "last_desired")
    public int lastDesired;

    ManagedScaling.State state() {
        return new ManagedScaling.State(belowTargetSince, lastScaleOutAt, lastScaleInAt, lastDesired);
    }

    void hold(ManagedScaling.State state) {
        belowTargetSince = state.belowTargetSince();
        lastScaleOutAt = state.lastScaleOutAt();
        lastScaleInAt = state.lastScaleInAt();
        lastDesired = state.lastDesired();
    }
}
