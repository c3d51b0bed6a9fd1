package io.berth.scaling.policy;

/**
 * What one target tracking policy asks for after looking at its metric.
 *
 * @param direction {@link Direction#OUT} when its high alarm is in ALARM, {@link Direction#IN} when
 *     its low alarm is, otherwise {@link Direction#NONE}
 * @param capacity the capacity it asks for; the current capacity for {@code NONE}. Not clamped to
 *     the target's [min, max]: {@link ScalingDecision} does that.
 * @param reason why, for logs and an activity's {@code StatusMessage}, e.g.
 *     {@code "metric 80.0 > target 50.0 in the last 3 datapoints"}. The activity's {@code Cause}
 *     names the alarm; see {@link TargetTracking#cause}.
 */
public record Proposal(Direction direction, int capacity, String reason) {

    /** Which way a policy wants to go. */
    public enum Direction {
        OUT, IN, NONE
    }

    public static Proposal none(int capacity, String reason) {
        return new Proposal(Direction.NONE, capacity, reason);
    }
}
