package io.berth.scaling.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The step rules of §3.8: 1..20 steps; finite bounds; at least one bound per step and the lower
 * below the upper; at most one open lower and one open upper bound; sorted, the steps must meet
 * exactly (no overlap, no gap); a negative lower bound needs a step open downwards and a positive
 * upper bound one open upwards; ExactCapacity adjustments are not negative.
 */
final class StepBounds {

    private StepBounds() {
    }

    static void check(StepScalingPolicy.AdjustmentType type, List<StepAdjustment> steps, String path) {
        if (steps.isEmpty()) {
            throw new ScalingValidationException(path + " must have at least one step adjustment.");
        }
        if (steps.size() > StepScalingPolicy.MAX_STEPS) {
            throw new ScalingValidationException(path + " can have at most " + StepScalingPolicy.MAX_STEPS
                    + " step adjustments.");
        }
        int openLower = 0;
        int openUpper = 0;
        boolean negativeLower = false;
        boolean positiveUpper = false;
        for (int i = 0; i < steps.size(); i++) {
            StepAdjustment step = steps.get(i);
            String at = path + "[" + i + "]";
            Double lower = step.lowerBound();
            Double upper = step.upperBound();
            if (lower != null && !Double.isFinite(lower)) {
                throw new ScalingValidationException(at + ".MetricIntervalLowerBound must be a finite number.");
            }
            if (upper != null && !Double.isFinite(upper)) {
                throw new ScalingValidationException(at + ".MetricIntervalUpperBound must be a finite number.");
            }
            if (lower == null && upper == null) {
                throw new ScalingValidationException(at + " must have a MetricIntervalLowerBound or a"
                        + " MetricIntervalUpperBound.");
            }
            if (lower != null && upper != null && lower >= upper) {
                throw new ScalingValidationException(at + ".MetricIntervalLowerBound must be less than"
                        + " its MetricIntervalUpperBound.");
            }
            if (type == StepScalingPolicy.AdjustmentType.EXACT_CAPACITY && step.scalingAdjustment() < 0) {
                throw new ScalingValidationException(at + ".ScalingAdjustment must be at least 0 for AdjustmentType"
                        + " ExactCapacity.");
            }
            openLower += lower == null ? 1 : 0;
            openUpper += upper == null ? 1 : 0;
            negativeLower |= lower != null && lower < 0;
            positiveUpper |= upper != null && upper > 0;
        }
        if (openLower > 1) {
            throw new ScalingValidationException(path + " can have only one step adjustment without a"
                    + " MetricIntervalLowerBound.");
        }
        if (openUpper > 1) {
            throw new ScalingValidationException(path + " can have only one step adjustment without a"
                    + " MetricIntervalUpperBound.");
        }
        List<StepAdjustment> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingDouble(StepAdjustment::lowerOrMinusInfinity));
        for (int i = 1; i < sorted.size(); i++) {
            double end = sorted.get(i - 1).upperOrPlusInfinity();
            double start = sorted.get(i).lowerOrMinusInfinity();
            if (end > start) {
                throw new ScalingValidationException(path + " must not overlap.");
            }
            if (end < start) {
                throw new ScalingValidationException(path + " must not leave a gap between " + end + " and " + start + ".");
            }
        }
        if (negativeLower && openLower == 0) {
            throw new ScalingValidationException(path + " with a negative MetricIntervalLowerBound need a step"
                    + " adjustment without a MetricIntervalLowerBound.");
        }
        if (positiveUpper && openUpper == 0) {
            throw new ScalingValidationException(path + " with a positive MetricIntervalUpperBound need a step"
                    + " adjustment without a MetricIntervalUpperBound.");
        }
    }
}
