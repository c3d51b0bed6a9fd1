package io.berth.scaling.policy;

/**
 * One step of a step scaling policy. The bounds are offsets from the alarm threshold, so that
 * {@code metric - threshold} (the breach delta) picks the step; null means −∞ (lower) or +∞ (upper).
 * The policy checks the bounds ({@link StepScalingPolicy}); this record only answers which deltas
 * it holds.
 *
 * @param scalingAdjustment a count, a percent, or the exact capacity, by the policy's adjustment type
 */
public record StepAdjustment(Double lowerBound, Double upperBound, int scalingAdjustment) {

    /**
     * Whether the breach delta falls in this step. Above the threshold ({@code delta >= 0}) the lower
     * bound is inclusive and the upper exclusive; below it the reverse (§3.8).
     */
    public boolean contains(double delta) {
        return delta >= 0 ? containsAbove(delta) : containsBelow(delta);
    }

    boolean containsAbove(double delta) {
        return (lowerBound == null || lowerBound <= delta) && (upperBound == null || delta < upperBound);
    }

    boolean containsBelow(double delta) {
        return (lowerBound == null || lowerBound < delta) && (upperBound == null || delta <= upperBound);
    }

    double lowerOrMinusInfinity() {
        return lowerBound == null ? Double.NEGATIVE_INFINITY : lowerBound;
    }

    double upperOrPlusInfinity() {
        return upperBound == null ? Double.POSITIVE_INFINITY : upperBound;
    }
}
