package io.berth.scaling.policy;

import java.util.ArrayList;
import java.util.List;

/** Test data: step adjustments written as {@code "lo..hi:adj"} with {@code _} for an open bound, e.g. {@code "_..-10:-2"}. */
final class Steps {

    private Steps() {
    }

    static StepAdjustment step(String text) {
        String[] boundsAndAdjustment = text.trim().split(":");
        String[] bounds = boundsAndAdjustment[0].split("\\.\\.");
        return new StepAdjustment(bound(bounds[0]), bound(bounds[1]), Integer.parseInt(boundsAndAdjustment[1].trim()));
    }

    /** Steps separated by spaces. */
    static List<StepAdjustment> steps(String text) {
        List<StepAdjustment> steps = new ArrayList<>();
        for (String s : text.trim().split("\\s+")) {
            steps.add(step(s));
        }
        return steps;
    }

    static StepScalingPolicy policy(StepScalingPolicy.AdjustmentType type, String steps) {
        return new StepScalingPolicy(type, steps(steps), null, StepScalingPolicy.DEFAULT_COOLDOWN, null);
    }

    private static Double bound(String text) {
        return text.trim().equals("_") ? null : Double.valueOf(text.trim());
    }
}
