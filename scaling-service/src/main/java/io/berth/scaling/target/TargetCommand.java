package io.berth.scaling.target;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.ScalingEvent.NotScaledReason;
import io.berth.events.ScalingEvent.ScalingAlarm;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/** What may be asked of a scalable target. Identifiers that a creation needs are made by the caller. */
public sealed interface TargetCommand {

    /**
     * RegisterScalableTarget: omitted members ({@code null}) keep their registered value.
     * {@code currentCapacity} is the service's desired count, clamped into the range if needed.
     */
    record Register(String newTargetArn, String clusterArn, String serviceArn, String serviceNamespace,
            String resourceId, String scalableDimension, Integer minCapacity, Integer maxCapacity, String roleArn,
            Boolean dynamicScalingInSuspended, Boolean dynamicScalingOutSuspended, Boolean scheduledScalingSuspended,
            List<Tag> tags, int currentCapacity, String activityId, Instant at) implements TargetCommand {
    }

    record Deregister() implements TargetCommand {
    }

    record PutPolicy(String newPolicyArn, String policyName, String policyType, ObjectNode configuration,
            List<ScalingAlarm> newAlarms, Instant at) implements TargetCommand {
    }

    record DeletePolicy(String policyName) implements TargetCommand {
    }

    record PutScheduledAction(String newActionArn, String name, String schedule, String timezone, Instant startTime,
            Instant endTime, Integer minCapacity, Integer maxCapacity, Instant at) implements TargetCommand {
    }

    record DeleteScheduledAction(String name) implements TargetCommand {
    }

    record TagTarget(List<Tag> tags) implements TargetCommand {
    }

    record UntagTarget(List<String> tagKeys) implements TargetCommand {
    }

    /**
     * A policy decided: set the desired count from {@code currentCapacity} to {@code newCapacity},
     * or, with {@code notScaledReasons}, record that it wanted to and could not.
     */
    record Scale(int currentCapacity, int newCapacity, String cause, String policyName, int cooldownSeconds,
            List<NotScaledReason> notScaledReasons, String activityId, Instant at) implements TargetCommand {
    }

    /** Run scheduled action {@code name}, due at {@code dueAt}; a run already made for that time is not repeated. */
    record RunScheduledAction(String name, Instant dueAt, int currentCapacity, String activityId, Instant at)
            implements TargetCommand {
    }

    /** The service now has {@code desiredCount}: activities waiting for that count are done. */
    record ObserveDesiredCount(int desiredCount, Instant at) implements TargetCommand {
    }
}
