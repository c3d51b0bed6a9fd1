package io.berth.gateway.routing;

import java.util.Set;

/**
 * Every Application Auto Scaling operation of the service model. The scaling-service answers all of
 * them but {@code GetPredictiveScalingForecast}; {@code docs/api.md} lists them with their status.
 */
public final class AasOperations {

    public static final String TARGET_PREFIX = "AnyScaleFrontendService.";

    private static final Set<String> ALL = Set.of("RegisterScalableTarget", "DeregisterScalableTarget",
            "DescribeScalableTargets", "PutScalingPolicy", "DeleteScalingPolicy", "DescribeScalingPolicies",
            "PutScheduledAction", "DeleteScheduledAction", "DescribeScheduledActions", "DescribeScalingActivities",
            "GetPredictiveScalingForecast", "TagResource", "UntagResource", "ListTagsForResource");
    private static final Set<String> NOT_IMPLEMENTED = Set.of("GetPredictiveScalingForecast");

    private AasOperations() {
    }

    public static boolean exists(String operation) {
        return ALL.contains(operation);
    }

    public static boolean implemented(String operation) {
        return ALL.contains(operation) && !NOT_IMPLEMENTED.contains(operation);
    }

    public static Set<String> all() {
        return ALL;
    }
}
