package io.berth.scaling.target;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import io.berth.events.ScalingEvent.ScalingAlarm;
import io.berth.events.ScalingEvent.SuspendedState;
import io.berth.events.Shapes.Tag;
import io.berth.scaling.policy.Cooldowns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scalable target folded from its stream: the registration, its policies and scheduled actions,
 * the cooldown memory of the scaling it did, and the activities still waiting for the service to
 * take their desired count. Fields are public for its JSON column; {@link #copy()} before changing.
 */
public final class ScalableTargetState {

    public String scalableTargetArn;
    public String clusterArn;
    public String serviceArn;
    public String serviceNamespace;
    public String resourceId;
    public String scalableDimension;
    public int minCapacity;
    public int maxCapacity;
    public String roleArn;
    public SuspendedState suspendedState = SuspendedState.NONE;
    public List<Tag> tags = new ArrayList<>();
    public Instant creationTime;
    public Map<String, Policy> policies = new LinkedHashMap<>();
    public Map<String, ScheduledAction> scheduledActions = new LinkedHashMap<>();
    /** The last scale-out and scale-in, for their cooldowns. */
    public Cooldowns cooldowns = Cooldowns.NONE;
    /** When each step scaling policy last scaled, for its {@code Cooldown}. */
    public Map<String, Instant> stepPolicyScaledAt = new LinkedHashMap<>();
    public List<PendingActivity> pending = new ArrayList<>();
    /** The last "not scaled" activity recorded, so that the same refusal is not recorded every period. */
    public String lastNotScaled;

    public record Policy(String policyArn, String policyName, String policyType, ObjectNode configuration,
            List<ScalingAlarm> alarms, Instant creationTime) {
    }

    public record ScheduledAction(String scheduledActionArn, String name, String schedule, String timezone,
            Instant startTime, Instant endTime, Integer minCapacity, Integer maxCapacity, Instant creationTime,
            Instant lastRunAt) {
    }

    /** An activity that asked the service for {@code toCount} tasks and waits to see it take them. */
    public record PendingActivity(String activityId, int toCount) {
    }

    public boolean registered() {
        return scalableTargetArn != null;
    }

    public ScalableTargetState copy() {
        return EventJson.mapper().convertValue(this, ScalableTargetState.class);
    }
}
