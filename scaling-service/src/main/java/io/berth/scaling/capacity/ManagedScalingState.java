package io.berth.scaling.capacity;

import io.berth.capacity.ProviderInCluster;
import io.berth.scaling.managed.ManagedScaling;
import io.berth.scaling.managed.MetricAlarm;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/** What the target tracking policy of one provider in one cluster remembers between measurements: its two alarms. */
@Entity
@Table(name = "managed_scaling_state")
public class ManagedScalingState extends PanacheEntityBase {

    @EmbeddedId
    public ProviderInCluster key;
    @Enumerated(EnumType.STRING)
    @Column(name = "high_alarm_state")
    public MetricAlarm.Value highAlarmState;
    @Column(name = "above_target_since")
    public Instant aboveTargetSince;
    @Enumerated(EnumType.STRING)
    @Column(name = "low_alarm_state")
    public MetricAlarm.Value lowAlarmState;
    @Column(name = "below_target_since")
    public Instant belowTargetSince;
    @Column(name = "last_scale_out_at")
    public Instant lastScaleOutAt;
    @Column(name = "last_scale_in_at")
    public Instant lastScaleInAt;
    @Column(name = "last_desired")
    public int lastDesired;

    ManagedScaling.State state() {
        return new ManagedScaling.State(new MetricAlarm.State(highAlarmState, aboveTargetSince),
                new MetricAlarm.State(lowAlarmState, belowTargetSince), lastScaleOutAt, lastScaleInAt, lastDesired);
    }

    void hold(ManagedScaling.State state) {
        highAlarmState = state.high().value();
        aboveTargetSince = state.high().breachingSince();
        lowAlarmState = state.low().value();
        belowTargetSince = state.low().breachingSince();
        lastScaleOutAt = state.lastScaleOutAt();
        lastScaleInAt = state.lastScaleInAt();
        lastDesired = state.lastDesired();
    }
}
