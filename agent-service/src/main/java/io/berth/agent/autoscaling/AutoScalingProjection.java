package io.berth.agent.autoscaling;

import io.berth.events.AutoScalingEvent;
import io.berth.events.AutoScalingEvent.GroupInstanceInService;
import io.berth.events.AutoScalingEvent.GroupInstanceLaunching;
import io.berth.events.AutoScalingEvent.GroupInstanceTerminated;
import io.berth.events.AutoScalingEvent.GroupInstanceTerminating;
import io.berth.events.EventEnvelope;
import io.berth.eventsourcing.Projection;
import io.berth.eventstore.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;

/**
 * Keeps {@link GroupView} equal to the group streams folded by {@link GroupDecider}, and
 * {@link ActivityView} to the launches and terminations they record.
 */
@ApplicationScoped
public class AutoScalingProjection implements Projection {

    public static final String GROUP_STREAM = "auto-scaling-group";
    static final GroupDecider GROUPS = new GroupDecider();

    @Override
    public String name() {
        return "auto-scaling-group-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(GROUP_STREAM);
    }

    @Override
    public void reset() {
        GroupView.deleteAll();
        ActivityView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope envelope) {
        AutoScalingEvent event = (AutoScalingEvent) envelope.payload();
        GroupView view = GroupView.findById(envelope.aggregateId());
        GroupState before = view == null ? GroupState.NONE : view.toState();
        GroupState after = GROUPS.evolve(before, event);
        recordActivity(envelope, event, after.exists() ? after : before);
        if (!after.exists()) {
            if (view != null) {
                view.delete();
            }
            return;
        }
        if (view == null) {
            view = new GroupView();
            view.streamId = envelope.aggregateId();
            view.account = envelope.account();
            view.region = envelope.region();
        }
        view.arn = after.arn();
        view.name = after.name();
        view.version = envelope.aggregateVersion();
        view.state = JsonColumns.write(after);
        view.persist();
    }

    private static void recordActivity(EventEnvelope envelope, AutoScalingEvent event, GroupState group) {
        if (event instanceof GroupInstanceLaunching launching) {
            start(envelope, group, launching.activityId(), "Launching a new EC2 instance: " + launching.instanceId(),
                    launching.cause(), launching.at());
        } else if (event instanceof GroupInstanceTerminating terminating) {
            start(envelope, group, terminating.activityId(), "Terminating EC2 instance: "
                    + terminating.instanceId(), terminating.cause(), terminating.at());
        } else if (event instanceof GroupInstanceInService inService) {
            finish(inService.activityId(), inService.at());
        } else if (event instanceof GroupInstanceTerminated terminated) {
            finish(terminated.activityId(), terminated.at());
        }
    }

    private static void start(EventEnvelope envelope, GroupState group, String activityId, String description,
            String cause, Instant at) {
        ActivityView activity = new ActivityView();
        activity.activityId = activityId;
        activity.groupArn = group.arn();
        activity.groupName = group.name();
        activity.account = envelope.account();
        activity.region = envelope.region();
        activity.description = description;
        activity.cause = cause;
        activity.startTime = at;
        activity.statusCode = "InProgress";
        activity.progress = 50;
        activity.persist();
    }

    private static void finish(String activityId, Instant at) {
        ActivityView activity = activityId == null ? null : ActivityView.findById(activityId);
        if (activity != null) {
            activity.endTime = at;
            activity.statusCode = "Successful";
            activity.progress = 100;
            activity.persist();
        }
    }
}
