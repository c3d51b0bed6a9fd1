package io.berth.scaling.managed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The target tracking policy ECS puts on a capacity provider's Auto Scaling group (reference
 * autoscaling-groups.md §4.2–4.3), deciding from each CapacityProviderReservation measurement what
 * desired capacity to ask of the group. Pure.
 *
 * <ul>
 * <li>Above the target (the high alarm needs one datapoint): {@code desired = ceil(M × 100 /
 * target)}, the increase over N held within the step sizes; none while the instances of the last
 * scale-out warm up ({@code instanceWarmupPeriod} after it).
 * <li>Below the target for {@code lowDatapoints} periods in a row (the low alarm, 15 by default):
 * the same formula, but gradually — at most half of N (at least one) fewer per period — and, with
 * managed termination protection, never more than the empty instances a scale-in may choose.
 * <li>Any measurement at or above the target ends a scale-in in progress.
 * </ul>
 */
public final class ManagedScaling {

    /** ECS's low alarm: 15 one-minute datapoints below the target. */
    public static final int DEFAULT_LOW_DATAPOINTS = 15;

    private final Duration period;
    private final int lowDatapoints;

    public ManagedScaling(Duration period, int lowDatapoints) {
        if (period.isZero() || period.isNegative() || lowDatapoints < 1) {
            throw new IllegalArgumentException("a period and at least one low datapoint are needed");
        }
        this.period = period;
        this.lowDatapoints = lowDatapoints;
    }

    /**
     * What the policy remembers between measurements.
     *
     * @param belowTargetSince when the metric went below the target and stayed there; null when it is not
     * @param lastScaleOutAt the last scale-out's time, for the warm-up; null before the first
     * @param lastScaleInAt the last scale-in step's time, so that a scale-in goes one step a period
     * @param lastDesired the desired capacity last asked for; -1 before the first request
     */
    public record State(Instant belowTargetSince, Instant lastScaleOutAt, Instant lastScaleInAt, int lastDesired) {

        public static final State INITIAL = new State(null, null, null, -1);
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
     * @param reason why, naming the metric, the target, M and N
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
        String metric = "CapacityProviderReservation " + reading.reservation() + " (M=" + m + ", N=" + n + ")";
        List<String> candidates = managedTerminationProtection ? List.copyOf(reading.emptyInstances()) : null;
        int proportional = (int) Math.ceil(m * 100.0 / target);
        if (reading.reservation() > target) {
            State above = new State(null, state.lastScaleOutAt(), state.lastScaleInAt(), state.lastDesired());
            Instant warm = state.lastScaleOutAt() == null ? null
                    : state.lastScaleOutAt().plusSeconds(settings.instanceWarmupPeriod());
            if (warm != null && reading.at().isBefore(warm)) {
                return new Decision(null, null, metric + " above target " + target
                        + ": no scale-out while the last one's instances warm up (until " + warm + ")", above);
            }
            int desired = n + settings.step(Math.max(1, proportional - n));
            if (desired == state.lastDesired()) {
                return new Decision(null, null, metric + " above target " + target + ": desired capacity "
                        + desired + " already asked for", above);
            }
            return new Decision(desired, candidates, metric + " above target " + target + ": scale out to "
                    + desired, new State(null, reading.at(), state.lastScaleInAt(), desired));
        }
        if (reading.reservation() == target || n == 0) {
            return new Decision(null, null, metric + " at target " + target,
                    new State(null, state.lastScaleOutAt(), state.lastScaleInAt(), state.lastDesired()));
        }
        Instant since = state.belowTargetSince() == null ? reading.at() : state.belowTargetSince();
        State below = new State(since, state.lastScaleOutAt(), state.lastScaleInAt(), state.lastDesired());
        Instant alarm = since.plus(period.multipliedBy(lowDatapoints - 1L));
        if (reading.at().isBefore(alarm)) {
            return new Decision(null, null, metric + " below target " + target + " since " + since
                    + ": no scale-in before " + lowDatapoints + " datapoints below it (" + alarm + ")", below);
        }
        if (state.lastScaleInAt() != null && reading.at().isBefore(state.lastScaleInAt().plus(period))) {
            return new Decision(null, null, metric + " below target " + target
                    + ": scale-in goes one step a period", below);
        }
        int fewer = Math.min(n - proportional, Math.max(1, n / 2));
        if (managedTerminationProtection) {
            fewer = Math.min(fewer, reading.emptyInstances().size());
        }
        if (fewer <= 0) {
            return new Decision(null, null, metric + " below target " + target
                    + (managedTerminationProtection && proportional < n ? ": no empty instance to scale in"
                            : ": the proportional capacity is the current one"), below);
        }
        int desired = n - fewer;
        return new Decision(desired, candidates, metric + " below target " + target + " for " + lowDatapoints
                + " datapoints: scale in to " + desired, new State(since, state.lastScaleOutAt(), reading.at(),
                        desired));
    }
}
