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
    private static final Set<String> IMPLEMENTED = Set.of("RegisterScalableTarget", "DeregisterScalableTarget",
            "DescribeScalableTargets", "PutScalingPolicy", "DeleteScalingPolicy", "DescribeScalingPolicies",
            "PutScheduledAction", "DeleteScheduledAction", "DescribeScheduledActions", "DescribeScalingActivities",
            "TagResource", "UntagResource", "ListTagsForResource");

    /** Application Auto Scaling spells the message member {@code Message}. */
    public static final ApiFace FACE = new ApiFace("application-autoscaling", "Application Auto Scaling",
            TARGET_PREFIX, ALL, ApiFace.ownedBy(Owner.SCALING_SERVICE, IMPLEMENTED), "/aas/",
            new ApiFace.ErrorFormat("Message", "InternalServiceException"));

    private AasOperations() {
    }
}
