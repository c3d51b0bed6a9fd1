package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/**
 * Topic {@value Topics#SCALING_EVENTS}: Application Auto Scaling of ECS services, owned by the
 * scaling-service. One stream per scalable target (its registration, policies, scheduled actions,
 * tags and scaling activities), keyed by the cluster of the target's service.
 */
public sealed interface ScalingEvent extends BerthEvent {

    String clusterArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    /** The three independent switches of {@code SuspendedState}. */
    record SuspendedState(boolean dynamicScalingInSuspended, boolean dynamicScalingOutSuspended,
            boolean scheduledScalingSuspended) {

        public static final SuspendedState NONE = new SuspendedState(false, false, false);
    }

    /** A CloudWatch alarm a target tracking policy manages, as PutScalingPolicy returns it. */
    record ScalingAlarm(String alarmName, String alarmArn) {
    }

    /** Why an activity did not scale, as DescribeScalingActivities spells it. */
    record NotScaledReason(String code, Integer maxCapacity, Integer minCapacity, Integer currentCapacity) {
    }

    /** RegisterScalableTarget, first or again: the complete registration after the request is merged in. */
    @JsonTypeName("ScalableTargetRegistered")
    record ScalableTargetRegistered(String clusterArn, String scalableTargetArn, String serviceNamespace,
            String resourceId, String scalableDimension, int minCapacity, int maxCapacity, String roleArn,
            SuspendedState suspendedState, List<Tag> tags, Instant at) implements ScalingEvent {
    }

    /** DeregisterScalableTarget: the target goes, and its policies and scheduled actions with it. */
    @JsonTypeName("ScalableTargetDeregistered")
    record ScalableTargetDeregistered(String clusterArn, String scalableTargetArn, String resourceId)
            implements ScalingEvent {
    }

    /** The complete set of tags of the target after TagResource or UntagResource. */
    @JsonTypeName("ScalableTargetTagsChanged")
    record ScalableTargetTagsChanged(String clusterArn, String scalableTargetArn, List<Tag> tags)
            implements ScalingEvent {
    }

    /**
     * PutScalingPolicy: {@code policyType} is {@code TargetTrackingScaling} or {@code StepScaling};
     * {@code configuration} is its configuration member as DescribeScalingPolicies shows it.
     */
    @JsonTypeName("ScalingPolicyPut")
    record ScalingPolicyPut(String clusterArn, String scalableTargetArn, String policyArn, String policyName,
            String policyType, ObjectNode configuration, List<ScalingAlarm> alarms, Instant at)
            implements ScalingEvent {
    }

    @JsonTypeName("ScalingPolicyDeleted")
    record ScalingPolicyDeleted(String clusterArn, String scalableTargetArn, String policyName)
            implements ScalingEvent {
    }

    /** PutScheduledAction; {@code minCapacity}/{@code maxCapacity} are its {@code ScalableTargetAction}. */
    @JsonTypeName("ScheduledActionPut")
    record ScheduledActionPut(String clusterArn, String scalableTargetArn, String scheduledActionArn, String name,
            String schedule, String timezone, Instant startTime, Instant endTime, Integer minCapacity,
            Integer maxCapacity, Instant at) implements ScalingEvent {
    }

    @JsonTypeName("ScheduledActionDeleted")
    record ScheduledActionDeleted(String clusterArn, String scalableTargetArn, String name) implements ScalingEvent {
    }

    /** A scheduled action ran at {@code at}: the target's capacity range is now {@code minCapacity}..{@code maxCapacity}. */
    @JsonTypeName("ScheduledActionExecuted")
    record ScheduledActionExecuted(String clusterArn, String scalableTargetArn, String name, int minCapacity,
            int maxCapacity, Instant at) implements ScalingEvent {
    }

    /**
     * A scaling activity as DescribeScalingActivities lists it. {@code statusCode} is
     * {@code InProgress} while the service's desired count is being set, or final
     * ({@code Successful}, {@code Failed}) for activities that did not scale.
     */
    @JsonTypeName("ScalingActivityRecorded")
    record ScalingActivityRecorded(String clusterArn, String scalableTargetArn, String activityId, String resourceId,
            String description, String cause, String statusCode, String statusMessage, Instant startTime,
            Instant endTime, List<NotScaledReason> notScaledReasons) implements ScalingEvent {
    }

    /** An InProgress activity ended: the service took the desired count ({@code Successful}) or not. */
    @JsonTypeName("ScalingActivityCompleted")
    record ScalingActivityCompleted(String clusterArn, String scalableTargetArn, String activityId,
            String statusCode, String statusMessage, Instant endTime) implements ScalingEvent {
    }

    /**
     * The scaling service set the service's desired count from {@code fromCount} to {@code toCount}
     * in activity {@code activityId}; {@code cause} is the activity's cause, {@code policyName} the
     * policy that fired (none for scheduled actions and registrations), {@code cooldownSeconds} the
     * cooldown that follows.
     */
    @JsonTypeName("DesiredCountAdjusted")
    record DesiredCountAdjusted(String clusterArn, String serviceArn, String scalableTargetArn, String activityId,
            int fromCount, int toCount, String cause, String policyName, int cooldownSeconds, Instant at)
            implements ScalingEvent {
    }

    /**
     * Managed scaling of a capacity provider asks its Auto Scaling group (owned by the agent-service) for
     * {@code desiredCapacity} instances, the target tracking policy ECS puts on the group. With managed
     * termination protection, {@code scaleInCandidates} are the EC2 instance ids that run no task or only
     * daemon tasks: the only instances a scale-in may choose (ECS lifts scale-in protection from empty
     * instances only); null without managed termination protection (the group's termination policy
     * chooses). {@code reason} is the activity's cause, naming the
     * CapacityProviderReservation value and the target.
     */
    @JsonTypeName("CapacityAdjustmentRequested")
    record CapacityAdjustmentRequested(String clusterArn, String capacityProviderArn, String autoScalingGroupArn,
            int desiredCapacity, List<String> scaleInCandidates, String reason, Instant at)
            implements ScalingEvent {
    }
}
