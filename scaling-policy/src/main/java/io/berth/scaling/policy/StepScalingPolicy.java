package io.berth.scaling.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A step scaling policy's configuration ({@code StepScalingPolicyConfiguration}, reference §3.8),
 * validated by the constructor, and the capacity one execution of it asks for.
 *
 * @param stepAdjustments 1..{@value #MAX_STEPS} steps in the order given; contiguous, see {@link StepBounds}
 * @param minAdjustmentMagnitude only with {@link AdjustmentType#PERCENT_CHANGE_IN_CAPACITY}, at least 1;
 *     otherwise null
 * @param cooldown seconds, 0..{@value TargetTrackingPolicy#MAX_COOLDOWN}, default {@value #DEFAULT_COOLDOWN}
 * @param metricAggregationType null means the default {@link MetricAggregationType#AVERAGE}
 */
public record StepScalingPolicy(AdjustmentType adjustmentType, List<StepAdjustment> stepAdjustments,
        Integer minAdjustmentMagnitude, int cooldown, MetricAggregationType metricAggregationType) {

    /** The request member this record is read from; error messages start with it. */
    public static final String MEMBER = "StepScalingPolicyConfiguration";
    public static final int DEFAULT_COOLDOWN = 300;
    public static final int MAX_STEPS = 20;

    /** How {@code ScalingAdjustment} changes the capacity. */
    public enum AdjustmentType {
        CHANGE_IN_CAPACITY("ChangeInCapacity"),
        PERCENT_CHANGE_IN_CAPACITY("PercentChangeInCapacity"),
        EXACT_CAPACITY("ExactCapacity");

        private final String wireName;

        AdjustmentType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static AdjustmentType of(String wireName, String path) {
            return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst()
                    .orElseThrow(() -> new ScalingValidationException(path
                            + " must be one of ChangeInCapacity, PercentChangeInCapacity, ExactCapacity."));
        }
    }

    /** The statistic of the alarm's metric; Berth keeps it for DescribeScalingPolicies only. */
    public enum MetricAggregationType {
        AVERAGE("Average"),
        MINIMUM("Minimum"),
        MAXIMUM("Maximum");

        private final String wireName;

        MetricAggregationType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static MetricAggregationType of(String wireName, String path) {
            return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst()
                    .orElseThrow(() -> new ScalingValidationException(path + " must be one of Average, Minimum, Maximum."));
        }
    }

    public StepScalingPolicy {
        if (adjustmentType == null) {
            throw Members.required(MEMBER + ".AdjustmentType");
        }
        if (stepAdjustments == null) {
            throw Members.required(MEMBER + ".StepAdjustments");
        }
        stepAdjustments = List.copyOf(stepAdjustments);
        if (metricAggregationType == null) {
            metricAggregationType = MetricAggregationType.AVERAGE;
        }
        StepBounds.check(adjustmentType, stepAdjustments, MEMBER + ".StepAdjustments");
        if (minAdjustmentMagnitude != null) {
            if (adjustmentType != AdjustmentType.PERCENT_CHANGE_IN_CAPACITY) {
                throw new ScalingValidationException(MEMBER + ".MinAdjustmentMagnitude is only allowed with"
                        + " AdjustmentType PercentChangeInCapacity.");
            }
            if (minAdjustmentMagnitude < 1) {
                throw new ScalingValidationException(MEMBER + ".MinAdjustmentMagnitude must be at least 1.");
            }
        }
        TargetTrackingPolicy.checkCooldown(cooldown, MEMBER + ".Cooldown");
    }

    /** A policy with the default cooldown and aggregation and no minimum magnitude. */
    public static StepScalingPolicy of(AdjustmentType adjustmentType, StepAdjustment... steps) {
        return new StepScalingPolicy(adjustmentType, List.of(steps), null, DEFAULT_COOLDOWN, null);
    }

    /** Reads the request member {@value #MEMBER} as the API spells it. */
    public static StepScalingPolicy parse(JsonNode configuration) {
        Members config = Members.of(configuration, MEMBER);
        AdjustmentType type = AdjustmentType.of(
                config.require("AdjustmentType", config.string("AdjustmentType")), config.path("AdjustmentType"));
        List<JsonNode> list = config.require("StepAdjustments", config.list("StepAdjustments"));
        List<StepAdjustment> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Members step = Members.of(list.get(i), config.path("StepAdjustments") + "[" + i + "]");
            steps.add(new StepAdjustment(step.number("MetricIntervalLowerBound"), step.number("MetricIntervalUpperBound"),
                    step.require("ScalingAdjustment", step.integer("ScalingAdjustment"))));
        }
        Integer magnitude = config.integer("MinAdjustmentMagnitude");
        Integer cooldown = config.integer("Cooldown");
        String aggregation = config.string("MetricAggregationType");
        return new StepScalingPolicy(type, steps, magnitude, cooldown == null ? DEFAULT_COOLDOWN : cooldown,
                aggregation == null ? null : MetricAggregationType.of(aggregation, config.path("MetricAggregationType")));
    }

    /** The configuration as DescribeScalingPolicies shows it: defaults filled in, absent members left out. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("AdjustmentType", adjustmentType.wireName());
        ArrayNode steps = json.putArray("StepAdjustments");
        for (StepAdjustment step : stepAdjustments) {
            ObjectNode s = steps.addObject();
            if (step.lowerBound() != null) {
                s.put("MetricIntervalLowerBound", step.lowerBound());
            }
            if (step.upperBound() != null) {
                s.put("MetricIntervalUpperBound", step.upperBound());
            }
            s.put("ScalingAdjustment", step.scalingAdjustment());
        }
        if (minAdjustmentMagnitude != null) {
            json.put("MinAdjustmentMagnitude", minAdjustmentMagnitude);
        }
        json.put("Cooldown", cooldown);
        json.put("MetricAggregationType", metricAggregationType.wireName());
        return json;
    }

    /**
     * The step for a breach delta ({@code metric - threshold}). At exactly 0 a step that starts at 0
     * is taken, otherwise one that ends at 0: the threshold belongs to whichever side the policy covers.
     */
    public Optional<StepAdjustment> stepFor(double breachDelta) {
        if (Double.isNaN(breachDelta)) {
            return Optional.empty();
        }
        Optional<StepAdjustment> step = stepAdjustments.stream().filter(s -> s.contains(breachDelta)).findFirst();
        if (step.isEmpty() && breachDelta == 0) {
            step = stepAdjustments.stream().filter(s -> s.containsBelow(breachDelta)).findFirst();
        }
        return step;
    }

    /**
     * The capacity one execution asks for, from the current capacity and the breach delta; empty when
     * no step holds the delta. Not clamped to the target's [min, max] (the caller does that), but
     * never below 0 and saturated at {@link Integer#MAX_VALUE}.
     */
    public OptionalInt desiredCapacity(int current, double breachDelta) {
        if (current < 0) {
            throw new IllegalArgumentException("current capacity " + current + " is negative");
        }
        Optional<StepAdjustment> step = stepFor(breachDelta);
        if (step.isEmpty()) {
            return OptionalInt.empty();
        }
        int adjustment = step.get().scalingAdjustment();
        long desired;
        if (adjustmentType == AdjustmentType.EXACT_CAPACITY) {
            desired = adjustment;
        } else if (adjustmentType == AdjustmentType.CHANGE_IN_CAPACITY) {
            desired = (long) current + adjustment;
        } else {
            desired = current + percentChange(current, adjustment, minAdjustmentMagnitude);
        }
        return OptionalInt.of((int) Math.max(0, Math.min(Integer.MAX_VALUE, desired)));
    }

    /**
     * {@code percent}% of {@code current}, rounded as §3.8 says: above 1 down, between 0 and 1 up to
     * 1, between −1 and 0 down to −1, below −1 toward zero (−6.67 → −6). Integer arithmetic, so
     * there is no floating-point edge. A minimum magnitude then raises a smaller change to itself,
     * in the direction of the percent (so it also applies when the current capacity is 0).
     */
    static long percentChange(int current, int percent, Integer minMagnitude) {
        long hundredths = (long) current * percent;
        long change = hundredths / 100;
        if (change == 0) {
            change = Long.signum(hundredths);
        }
        if (minMagnitude != null && percent != 0 && Math.abs(change) < minMagnitude) {
            change = (long) Integer.signum(percent) * minMagnitude;
        }
        return change;
    }
}
