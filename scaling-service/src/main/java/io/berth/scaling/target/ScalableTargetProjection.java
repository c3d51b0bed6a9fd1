package io.berth.scaling.target;

import io.berth.events.EventEnvelope;
import io.berth.events.ScalingEvent;
import io.berth.events.ScalingEvent.ScalableTargetDeregistered;
import io.berth.events.ScalingEvent.ScalingActivityCompleted;
import io.berth.events.ScalingEvent.ScalingActivityRecorded;
import io.berth.events.ScalingEvent.ScalingPolicyPut;
import io.berth.events.ScalingEvent.ScheduledActionDeleted;
import io.berth.events.ScalingEvent.ScheduledActionExecuted;
import io.berth.events.ScalingEvent.ScheduledActionPut;
import io.berth.eventstore.JsonColumns;
import io.berth.eventsourcing.Projection;
import io.berth.scaling.policy.Schedule;
import io.berth.scaling.target.ScalableTargetState.ScheduledAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps {@link ScalableTargetView} equal to the target streams folded by their decider, the
 * activities in {@link ScalingActivityView}, and the next run of each scheduled action in
 * {@link ScheduledActionDue}.
 */
@ApplicationScoped
public class ScalableTargetProjection implements Projection {

    public static final String STREAM_TYPE = "scalable-target";
    private static final ScalableTargetDecider DECIDER = new ScalableTargetDecider();

    @Override
    public String name() {
        return "scalable-target-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE);
    }

    @Override
    public void reset() {
        ScalableTargetView.deleteAll();
        ScalingActivityView.deleteAll();
        ScheduledActionDue.deleteAll();
    }

    @Override
    public void apply(EventEnvelope event) {
        String key = event.aggregateId();
        ScalingEvent payload = (ScalingEvent) event.payload();
        ScalableTargetView view = ScalableTargetView.findById(key);
        ScalableTargetState before = view == null ? DECIDER.initialState() : view.toState();
        ScalableTargetState after = DECIDER.evolve(before, payload);
        if (payload instanceof ScalableTargetDeregistered) {
            if (view != null) {
                view.delete();
            }
            ScheduledActionDue.delete("streamKey", key);
            return;
        }
        if (view == null) {
            view = new ScalableTargetView();
            view.streamKey = key;
            view.account = event.account();
            view.region = event.region();
        }
        view.scalableTargetArn = after.scalableTargetArn;
        view.serviceNamespace = after.serviceNamespace;
        view.resourceId = after.resourceId;
        view.scalableDimension = after.scalableDimension;
        view.clusterArn = after.clusterArn;
        view.serviceArn = after.serviceArn;
        view.state = JsonColumns.write(after);
        view.persist();
        if (payload instanceof ScalingActivityRecorded recorded) {
            record(view, recorded);
        } else if (payload instanceof ScalingActivityCompleted completed) {
            ScalingActivityView activity = ScalingActivityView.findById(completed.activityId());
            if (activity != null) {
                activity.statusCode = completed.statusCode();
                activity.statusMessage = completed.statusMessage();
                activity.endTime = completed.endTime();
            }
        } else if (payload instanceof ScheduledActionPut put) {
            scheduleNext(key, after.scheduledActions.get(put.name()), put.at());
        } else if (payload instanceof ScheduledActionExecuted executed) {
            scheduleNext(key, after.scheduledActions.get(executed.name()), executed.at());
        } else if (payload instanceof ScheduledActionDeleted deleted) {
            ScheduledActionDue.deleteById(ScheduledActionDue.idOf(key, deleted.name()));
        } else if (payload instanceof ScalingPolicyPut) {
            // The policy lives in the state column.
        }
    }

    private static void record(ScalableTargetView view, ScalingActivityRecorded recorded) {
        ScalingActivityView activity = new ScalingActivityView();
        activity.activityId = recorded.activityId();
        activity.streamKey = view.streamKey;
        activity.account = view.account;
        activity.region = view.region;
        activity.serviceNamespace = view.serviceNamespace;
        activity.resourceId = view.resourceId;
        activity.scalableDimension = view.scalableDimension;
        activity.description = recorded.description();
        activity.cause = recorded.cause();
        activity.statusCode = recorded.statusCode();
        activity.statusMessage = recorded.statusMessage();
        activity.startTime = recorded.startTime();
        activity.endTime = recorded.endTime();
        activity.notScaledReasons = recorded.notScaledReasons().isEmpty() ? null
                : JsonColumns.write(recorded.notScaledReasons());
        activity.persist();
    }

    /** The action's next run after {@code after}; a schedule with none left has no row. */
    private static void scheduleNext(String key, ScheduledAction action, Instant after) {
        String id = ScheduledActionDue.idOf(key, action.name());
        Optional<Instant> next = Schedule.parse(action.schedule(), action.timezone(), action.startTime(),
                action.endTime()).nextAfter(after, action.creationTime());
        ScheduledActionDue due = ScheduledActionDue.findById(id);
        if (next.isEmpty()) {
            if (due != null) {
                due.delete();
            }
            return;
        }
        if (due == null) {
            due = new ScheduledActionDue();
            due.id = id;
            due.streamKey = key;
            due.name = action.name();
        }
        due.nextRunAt = next.get();
        due.persist();
    }
}
