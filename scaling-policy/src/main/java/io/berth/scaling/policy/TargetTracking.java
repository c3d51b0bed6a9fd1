package io.berth.scaling.policy;

import java.util.List;
import java.util.Objects;
import java.util.function.DoublePredicate;

/**
 * The managed alarms of a target tracking policy (§3.8), over datapoints whose period the caller
 * chooses (60 s for the standard metrics, 20 s for the high-resolution ones). AlarmHigh is in
 * ALARM when the last {@code highDatapoints} datapoints are all above the target; AlarmLow when the
 * last {@code lowDatapoints} are all below 90% of it. A missing datapoint among those needed, or
 * too few datapoints, leaves that alarm out of ALARM (no action on insufficient data).
 *
 * <p>Scaling out is proportional and fast: {@code ceil(current × metric / target)} from the latest
 * datapoint, at least one more than now. Scaling in is proportional but gradual: the same formula,
 * but at most {@code max(1, ceil(10% of current))} fewer per decision, never below 0, and never
 * when the policy disables scale-in. With no capacity there is nothing to measure, so no action.
 */
public final class TargetTracking {

    public static final int DEFAULT_HIGH_DATAPOINTS = 3;
    public static final int DEFAULT_LOW_DATAPOINTS = 15;
    /** AlarmLow's threshold as a share of the target. */
    public static final double LOW_THRESHOLD = 0.9;

    private final int highDatapoints;
    private final int lowDatapoints;

    /** AWS's alarms: 3 datapoints above the target, 15 below 90% of it. */
    public TargetTracking() {
        this(DEFAULT_HIGH_DATAPOINTS, DEFAULT_LOW_DATAPOINTS);
    }

    public TargetTracking(int highDatapoints, int lowDatapoints) {
        if (highDatapoints < 1 || lowDatapoints < 1) {
            throw new IllegalArgumentException("the alarms need at least one datapoint each");
        }
        this.highDatapoints = highDatapoints;
        this.lowDatapoints = lowDatapoints;
    }

    /**
     * @param datapoints the metric's value per period, oldest first; {@code null} (or NaN) for a
     *     period without data
     */
    public Proposal evaluate(TargetTrackingPolicy policy, int currentCapacity, List<Double> datapoints) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(datapoints, "datapoints");
        if (currentCapacity < 0) {
            throw new IllegalArgumentException("current capacity " + currentCapacity + " is negative");
        }
        if (currentCapacity == 0) {
            return Proposal.none(0, "no capacity to measure");
        }
        double target = policy.targetValue();
        if (allOf(datapoints, highDatapoints, v -> v > target)) {
            double metric = datapoints.get(datapoints.size() - 1);
            long desired = Math.max((long) currentCapacity + 1, proportional(currentCapacity, metric, target));
            return new Proposal(Proposal.Direction.OUT, saturate(desired),
                    "metric " + metric + " > target " + target + " in the last " + highDatapoints + " datapoints");
        }
        double low = LOW_THRESHOLD * target;
        if (!allOf(datapoints, lowDatapoints, v -> v < low)) {
            return Proposal.none(currentCapacity, hasData(datapoints, Math.min(highDatapoints, lowDatapoints))
                    ? "no alarm in state ALARM" : "insufficient data");
        }
        if (policy.disableScaleIn()) {
            return Proposal.none(currentCapacity, "scale-in disabled");
        }
        double metric = datapoints.get(datapoints.size() - 1);
        int mostRemoved = Math.max(1, (int) Math.ceil(currentCapacity / 10.0));
        long desired = Math.max(Math.max(0, currentCapacity - mostRemoved), proportional(currentCapacity, metric, target));
        if (desired >= currentCapacity) {
            return Proposal.none(currentCapacity, "metric " + metric + " below " + low
                    + " but the proportional capacity is the current one");
        }
        return new Proposal(Proposal.Direction.IN, (int) desired,
                "metric " + metric + " < " + low + " (90% of target " + target + ") in the last "
                        + lowDatapoints + " datapoints");
    }

    /**
     * The managed alarm's name as AAS shows it, e.g.
     * {@code TargetTracking-service/c/s-AlarmHigh-1b2c...}.
     *
     * @param direction {@code OUT} for AlarmHigh, {@code IN} for AlarmLow
     * @param alarmId the id AAS puts at the end (a UUID), chosen by the caller once per policy
     */
    public static String alarmName(String resourceId, Proposal.Direction direction, String alarmId) {
        if (direction == Proposal.Direction.NONE) {
            throw new IllegalArgumentException("only OUT (AlarmHigh) and IN (AlarmLow) have alarms");
        }
        return "TargetTracking-" + resourceId + (direction == Proposal.Direction.OUT ? "-AlarmHigh-" : "-AlarmLow-")
                + alarmId;
    }

    /** The scaling activity's {@code Cause}, as AAS words it. */
    public static String cause(String alarmName, String policyName) {
        return "monitor alarm " + alarmName + " in state ALARM triggered policy " + policyName;
    }

    private static long proportional(int current, double metric, double target) {
        double desired = Math.ceil(current * metric / target);
        return desired >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (long) Math.max(0, desired);
    }

    private static int saturate(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    private static boolean allOf(List<Double> datapoints, int count, DoublePredicate test) {
        if (datapoints.size() < count) {
            return false;
        }
        for (Double value : datapoints.subList(datapoints.size() - count, datapoints.size())) {
            if (value == null || value.isNaN() || !test.test(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasData(List<Double> datapoints, int count) {
        return allOf(datapoints, count, v -> true);
    }
}
