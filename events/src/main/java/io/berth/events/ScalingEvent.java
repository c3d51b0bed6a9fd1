package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Topic {@value Topics#SCALING_EVENTS}: decisions of service and cluster auto scaling, owned by the scaling-service. */
public sealed interface ScalingEvent extends BerthEvent {

    String clusterArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    /** {@code cause} is the ECS scaling activity cause, e.g. the policy or scheduled action that fired. */
    @JsonTypeName("DesiredCountAdjusted")
    record DesiredCountAdjusted(String clusterArn, String serviceArn, String activityId, int fromCount, int toCount,
            String cause) implements ScalingEvent {
    }

    @JsonTypeName("CapacityAdjustmentRequested")
    record CapacityAdjustmentRequested(String clusterArn, String capacityProviderArn, String autoScalingGroupArn,
            int desiredCapacity, String reason) implements ScalingEvent {
    }
}
