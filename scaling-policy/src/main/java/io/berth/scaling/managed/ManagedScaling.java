package io.berth.scaling.managed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The target tracking policy ECS puts on a capacity provider's Auto Scaling group (reference
 * autoscaling-groups.md §4.2–4.3), deciding from each CapacityProviderReservation measurement what
 * desired capacity to ask of the group. Pure.
 *
 * <p>Its two alarms ({@link MetricAlarm}) decide when: the high alarm, one datapoint above the target, and the low
 * alarm, {@code lowDatapoints} datapoints below it (15 by default), one datapoint a {@code period} (ECS's minute).
 * <ul>
 * <li>High alarm in ALARM: {@code desired = ceil(M × 100 / target)}, the increase over N held within the step sizes;
 * from an empty group a step of 1 becomes 2 (ECS's 200 %, §4.2 item 7); none while the instances of the last
 * scale-out warm up ({@code instanceWarmupPeriod} after it).
 * <li>Low alarm in ALARM: the same formula, but gradually — at most half of N (at least one) fewer per period — and,
 * with managed termination protection, never more than the empty instances a scale-in may choose.
 * <li>Any measurement at or above the target ends a scale-in in progress.
 * </ul>
 */
public final class ManagedScaling {

    /** ECS's low alarm: 15 one-minute datapoints below the target. */
    public static final int DEFAULT_LOW_DATAPOINTS = 15;
    /** ECS's high alarm: one one-minute datapoint above the target. */
    static final int HIGH_DATAPOINTS = 1;
    /** ECS's first scale-out from an empty group: 200 %, so two instances where one was computed. */
    static final int EMPTY_GROUP_STEP = 2;

    private final Duration period;
    private final MetricAlarm high;
    private final MetricAlarm low;

    public ManagedScaling(Duration period, int lowDatapoints) {
        this.period = period;
        this.high = new MetricAlarm("AlarmHigh", MetricAlarm.Comparison.GREATER_THAN, HIGH_DATAPOINTS, period);
        this.low = new MetricAlarm("AlarmLow", MetricAlarm.Comparison.LESS_THAN, lowDatapoints, period);
    }

    /**
     * What the policy remembers between measurements.
     *
     * @param high the high alarm
     * @param low the low alarm
     * @param lastScaleOutAt the last scale-out's time, for the warm-up; null before the first
     * @param lastScaleInAt the last scale-in step's time, so that a scale-in goes one step a period
     * @param lastDesired the desired capacity last asked for; -1 before the first request
     */
    public record State(MetricAlarm.State high, MetricAlarm.State low, Instant lastScaleOutAt, Instant lastScaleInAt,
            int lastDesired) {

        public static final State INITIAL = new State(MetricAlarm.State.INITIAL, MetricAlarm.State.INITIAL, null,
                null, -1);
    }

    /**
     * One measurement as the policy sees it.
     *
     * @param emptyInstances the instances a scale-in may choose
     */
    public record Reading(int instancesNeeded, int instancesRunning, int reservation, List<String> emptyInstances,
            Instant at) {
    }

    /**
     * What a measurement led to.
     *
     * @param desiredCapacity the capacity to ask of the group; null when nothing is asked
     * @param scaleInCandidates the instances a scale-in may choose: the empty ones with managed
     *     termination protection, null without it (the group's termination policy chooses)
     * @param reason why, naming the metric, the target, M and N, and the alarm that decided
     */
    public record Decision(Integer desiredCapacity, List<String> scaleInCandidates, String reason, State next) {

        public boolean requests() {
            return desiredCapacity != null;
        }
    }

    public Decision decide(ManagedScalingSettings settings, boolean managedTerminationProtection, Reading reading,
            State state) {
        int target = settings.targetCapacity();
        int m = reading.instancesNeeded();
        int n = reading.instancesRunning();
        Instant at = reading.at();
        String metric = "CapacityProviderReservation " + reading.reservation() + " (M=" + m + ", N=" + n + ")";
        List<String> candidates = managedTerminationProtection ? List.copyOf(reading.emptyInstances()) : null;
        int proportional = (int) Math.ceil(m * 100.0 / target);
        MetricAlarm.State highAlarm = high.evaluate(state.high(), reading.reservation(), target, at);
        MetricAlarm.State lowAlarm = low.evaluate(state.low(), reading.reservation(), target, at);
        State held = new State(highAlarm, lowAlarm, state.lastScaleOutAt(), state.lastScaleInAt(), state.lastDesired());
        if (reading.reservation() > target) {
            String alarm = "; " + high.describe(highAlarm, target, at);
            if (highAlarm.value() != MetricAlarm.Value.ALARM) {
                return new Decision(null, null, metric + " above target " + target + ": no scale-out before the"
                        + " high alarm" + alarm, held);
            }
            Instant warm = state.lastScaleOutAt() == null ? null
                    : state.lastScaleOutAt().plusSeconds(settings.instanceWarmupPeriod());
            if (warm != null && at.isBefore(warm)) {
                return new Decision(null, null, metric + " above target " + target
                        + ": no scale-out while the last one's instances warm up (until " + warm + ")" + alarm, held);
            }
            int step = settings.step(Math.max(1, proportional - n));
            if (n == 0 && m > 0 && step == 1) {
                step = settings.step(EMPTY_GROUP_STEP);
            }
            int desired = n + step;
            if (desired == state.lastDesired()) {
                return new Decision(null, null, metric + " above target " + target + ": desired capacity "
                        + desired + " already asked for" + alarm, held);
            }
            return new Decision(desired, candidates, metric + " above target " + target + ": scale out to "
                    + desired + alarm, new State(highAlarm, lowAlarm, at, state.lastScaleInAt(), desired));
        }
        if (reading.reservation() == target || n == 0) {
            return new Decision(null, null, metric + " at target " + target, held);
        }
        String alarm = "; " + low.describe(lowAlarm, target, at);
        if (lowAlarm.value() != MetricAlarm.Value.ALARM) {
            return new Decision(null, null, metric + " below target " + target + ": no scale-in before the low alarm"
                    + alarm, held);
        }
        if (state.lastScaleInAt() != null && at.isBefore(state.lastScaleInAt().plus(period))) {
            return new Decision(null, null, metric + " below target " + target
                    + ": scale-in goes one step a period" + alarm, held);
        }
        int fewer = Math.min(n - proportional, Math.max(1, n / 2));
        if (managedTerminationProtection) {
            fewer = Math.min(fewer, reading.emptyInstances().size());
        }
        if (fewer <= 0) {
            return new Decision(null, null, metric + " below target " + target
                    + (managedTerminationProtection && proportional < n ? ": no empty instance to scale in"
                            : ": the proportional capacity is the current one") + alarm, held);
        }
        int desired = n - fewer;
        return new Decision(desired, candidates, metric + " below target " + target + " for "
                + low.datapointsToAlarm() + " datapoints: scale in to " + desired + alarm,
                new State(highAlarm, lowAlarm, state.lastScaleOutAt(), at, desired));
    }
}
