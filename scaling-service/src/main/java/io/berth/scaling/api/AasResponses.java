package io.berth.scaling.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Timestamps;
import io.berth.events.ScalingEvent.NotScaledReason;
import io.berth.events.ScalingEvent.ScalingAlarm;
import io.berth.scaling.target.ScalableTargetState;
import io.berth.scaling.target.ScalableTargetState.Policy;
import io.berth.scaling.target.ScalableTargetState.ScheduledAction;
import io.berth.scaling.target.ScalingActivityView;
import java.time.Instant;
import java.util.List;

/** The response shapes of Application Auto Scaling, members spelled as the service model spells them. */
final class AasResponses {

    private AasResponses() {
    }

    static ObjectNode target(ScalableTargetState state) {
        ObjectNode target = ScalingOperations.object();
        target.put("ServiceNamespace", state.serviceNamespace);
        target.put("ResourceId", state.resourceId);
        target.put("ScalableDimension", state.scalableDimension);
        target.put("MinCapacity", state.minCapacity);
        target.put("MaxCapacity", state.maxCapacity);
        target.put("RoleARN", state.roleArn);
        time(target, "CreationTime", state.creationTime);
        target.putObject("SuspendedState")
                .put("DynamicScalingInSuspended", state.suspendedState.dynamicScalingInSuspended())
                .put("DynamicScalingOutSuspended", state.suspendedState.dynamicScalingOutSuspended())
                .put("ScheduledScalingSuspended", state.suspendedState.scheduledScalingSuspended());
        target.put("ScalableTargetARN", state.scalableTargetArn);
        return target;
    }

    static ObjectNode policy(ScalableTargetState state, Policy policy) {
        ObjectNode item = ScalingOperations.object();
        item.put("PolicyARN", policy.policyArn());
        item.put("PolicyName", policy.policyName());
        item.put("ServiceNamespace", state.serviceNamespace);
        item.put("ResourceId", state.resourceId);
        item.put("ScalableDimension", state.scalableDimension);
        item.put("PolicyType", policy.policyType());
        item.set(ScalingOperations.TARGET_TRACKING.equals(policy.policyType())
                ? "TargetTrackingScalingPolicyConfiguration" : "StepScalingPolicyConfiguration",
                policy.configuration());
        item.set("Alarms", alarms(policy.alarms()));
        time(item, "CreationTime", policy.creationTime());
        return item;
    }

    static ArrayNode alarms(List<ScalingAlarm> alarms) {
        ArrayNode array = ScalingOperations.array();
        alarms.forEach(a -> array.addObject().put("AlarmName", a.alarmName()).put("AlarmARN", a.alarmArn()));
        return array;
    }

    static ObjectNode scheduledAction(ScalableTargetState state, ScheduledAction action) {
        ObjectNode item = ScalingOperations.object();
        item.put("ScheduledActionName", action.name());
        item.put("ScheduledActionARN", action.scheduledActionArn());
        item.put("ServiceNamespace", state.serviceNamespace);
        item.put("Schedule", action.schedule());
        if (action.timezone() != null) {
            item.put("Timezone", action.timezone());
        }
        item.put("ResourceId", state.resourceId);
        item.put("ScalableDimension", state.scalableDimension);
        time(item, "StartTime", action.startTime());
        time(item, "EndTime", action.endTime());
        ObjectNode range = item.putObject("ScalableTargetAction");
        if (action.minCapacity() != null) {
            range.put("MinCapacity", action.minCapacity());
        }
        if (action.maxCapacity() != null) {
            range.put("MaxCapacity", action.maxCapacity());
        }
        time(item, "CreationTime", action.creationTime());
        return item;
    }

    static ObjectNode activity(ScalingActivityView view, boolean withNotScaled) {
        ObjectNode item = ScalingOperations.object();
        item.put("ActivityId", view.activityId);
        item.put("ServiceNamespace", view.serviceNamespace);
        item.put("ResourceId", view.resourceId);
        item.put("ScalableDimension", view.scalableDimension);
        item.put("Description", view.description);
        item.put("Cause", view.cause);
        time(item, "StartTime", view.startTime);
        time(item, "EndTime", view.endTime);
        item.put("StatusCode", view.statusCode);
        if (view.statusMessage != null) {
            item.put("StatusMessage", view.statusMessage);
        }
        if (withNotScaled && view.notScaledReasons != null) {
            ArrayNode reasons = item.putArray("NotScaledReasons");
            for (NotScaledReason reason : ScalingOperations.reasons(view.notScaledReasons)) {
                ObjectNode r = reasons.addObject().put("Code", reason.code());
                if (reason.maxCapacity() != null) {
                    r.put("MaxCapacity", reason.maxCapacity());
                }
                if (reason.minCapacity() != null) {
                    r.put("MinCapacity", reason.minCapacity());
                }
                if (reason.currentCapacity() != null) {
                    r.put("CurrentCapacity", reason.currentCapacity());
                }
            }
        }
        return item;
    }

    private static void time(ObjectNode node, String member, Instant instant) {
        if (instant != null) {
            node.put(member, Timestamps.epochSeconds(instant));
        }
    }
}
