package io.berth.scaling.target;

import io.berth.ecs.Arns;
import io.berth.ecs.EcsException;
import io.berth.ecs.Tags;
import io.berth.events.ScalingEvent;
import io.berth.events.ScalingEvent.DesiredCountAdjusted;
import io.berth.events.ScalingEvent.ScalableTargetDeregistered;
import io.berth.events.ScalingEvent.ScalableTargetRegistered;
import io.berth.events.ScalingEvent.ScalableTargetTagsChanged;
import io.berth.events.ScalingEvent.ScalingActivityCompleted;
import io.berth.events.ScalingEvent.ScalingActivityRecorded;
import io.berth.events.ScalingEvent.ScalingPolicyDeleted;
import io.berth.events.ScalingEvent.ScalingPolicyPut;
import io.berth.events.ScalingEvent.ScheduledActionDeleted;
import io.berth.events.ScalingEvent.ScheduledActionExecuted;
import io.berth.events.ScalingEvent.ScheduledActionPut;
import io.berth.events.ScalingEvent.SuspendedState;
import io.berth.eventsourcing.Decider;
import io.berth.scaling.policy.Cooldowns;
import io.berth.scaling.policy.ScalingDecision;
import io.berth.scaling.target.ScalableTargetState.PendingActivity;
import io.berth.scaling.target.ScalableTargetState.Policy;
import io.berth.scaling.target.ScalableTargetState.ScheduledAction;
import io.berth.scaling.target.TargetCommand.DeletePolicy;
import io.berth.scaling.target.TargetCommand.DeleteScheduledAction;
import io.berth.scaling.target.TargetCommand.Deregister;
import io.berth.scaling.target.TargetCommand.ObserveDesiredCount;
import io.berth.scaling.target.TargetCommand.PutPolicy;
import io.berth.scaling.target.TargetCommand.PutScheduledAction;
import io.berth.scaling.target.TargetCommand.Register;
import io.berth.scaling.target.TargetCommand.RunScheduledAction;
import io.berth.scaling.target.TargetCommand.Scale;
import io.berth.scaling.target.TargetCommand.TagTarget;
import io.berth.scaling.target.TargetCommand.UntagTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scalable target aggregate: its registration, policies, scheduled actions and tags, and the
 * scaling activities that set its service's desired count (ECS reference §3.8).
 */
public final class ScalableTargetDecider implements Decider<TargetCommand, ScalingEvent, ScalableTargetState> {

    public static final int MAX_POLICIES = 50;
    public static final int MAX_SCHEDULED_ACTIONS = 200;
    static final String SUCCESSFUL = "Successful";
    static final String IN_PROGRESS = "InProgress";
    static final String FAILED = "Failed";
    static final String OVERRIDDEN = "Overridden";

    @Override
    public ScalableTargetState initialState() {
        return new ScalableTargetState();
    }

    @Override
    public List<ScalingEvent> decide(TargetCommand command, ScalableTargetState state) {
        if (command instanceof Register register) {
            return register(register, state);
        }
        if (!state.registered()) {
            if (command instanceof ObserveDesiredCount || command instanceof Scale
                    || command instanceof RunScheduledAction) {
                return List.of();
            }
            throw AasErrors.noScalableTarget(state.serviceNamespace == null ? "ecs" : state.serviceNamespace,
                    state.resourceId, state.scalableDimension);
        }
        String cluster = state.clusterArn;
        String target = state.scalableTargetArn;
        if (command instanceof Deregister) {
            return List.of(new ScalableTargetDeregistered(cluster, target, state.resourceId));
        }
        if (command instanceof PutPolicy put) {
            Policy existing = state.policies.get(put.policyName());
            if (existing == null && state.policies.size() >= MAX_POLICIES) {
                throw AasErrors.limitExceeded("A scalable target can have at most " + MAX_POLICIES
                        + " scaling policies.");
            }
            return List.of(new ScalingPolicyPut(cluster, target,
                    existing == null ? put.newPolicyArn() : existing.policyArn(), put.policyName(), put.policyType(),
                    put.configuration(), existing == null || !existing.policyType().equals(put.policyType())
                            ? put.newAlarms() : existing.alarms(),
                    put.at()));
        }
        if (command instanceof DeletePolicy delete) {
            if (!state.policies.containsKey(delete.policyName())) {
                throw AasErrors.objectNotFound("No scaling policy found for service namespace: "
                        + state.serviceNamespace + ", resource ID: " + state.resourceId + ", scalable dimension: "
                        + state.scalableDimension + ", policy name: " + delete.policyName());
            }
            return List.of(new ScalingPolicyDeleted(cluster, target, delete.policyName()));
        }
        if (command instanceof PutScheduledAction put) {
            ScheduledAction existing = state.scheduledActions.get(put.name());
            if (existing == null && state.scheduledActions.size() >= MAX_SCHEDULED_ACTIONS) {
                throw AasErrors.limitExceeded("A scalable target can have at most " + MAX_SCHEDULED_ACTIONS
                        + " scheduled actions.");
            }
            return List.of(new ScheduledActionPut(cluster, target,
                    existing == null ? put.newActionArn() : existing.scheduledActionArn(), put.name(), put.schedule(),
                    put.timezone(), put.startTime(), put.endTime(), put.minCapacity(), put.maxCapacity(), put.at()));
        }
        if (command instanceof DeleteScheduledAction delete) {
            if (!state.scheduledActions.containsKey(delete.name())) {
                throw AasErrors.objectNotFound("No scheduled action found for service namespace: "
                        + state.serviceNamespace + ", scheduled action name: " + delete.name());
            }
            return List.of(new ScheduledActionDeleted(cluster, target, delete.name()));
        }
        if (command instanceof TagTarget tag) {
            return List.of(new ScalableTargetTagsChanged(cluster, target, merged(state.tags, tag.tags())));
        }
        if (command instanceof UntagTarget untag) {
            return List.of(new ScalableTargetTagsChanged(cluster, target, Tags.remove(state.tags, untag.tagKeys())));
        }
        if (command instanceof Scale scale) {
            return scale(scale, state);
        }
        if (command instanceof RunScheduledAction run) {
            return runScheduledAction(run, state);
        }
        if (command instanceof ObserveDesiredCount observed) {
            List<ScalingEvent> events = new ArrayList<>();
            for (PendingActivity pending : state.pending) {
                if (pending.toCount() == observed.desiredCount()) {
                    events.add(new ScalingActivityCompleted(cluster, target, pending.activityId(), SUCCESSFUL,
                            "Successfully set desired count to " + pending.toCount()
                                    + ". Change successfully fulfilled by ecs.", observed.at()));
                }
            }
            return events;
        }
        throw new IllegalArgumentException("Unknown scalable target command " + command);
    }

    private static List<ScalingEvent> register(Register register, ScalableTargetState state) {
        boolean creating = !state.registered();
        Integer min = register.minCapacity() != null ? register.minCapacity() : creating ? null : state.minCapacity;
        Integer max = register.maxCapacity() != null ? register.maxCapacity() : creating ? null : state.maxCapacity;
        if (min == null || max == null) {
            throw AasErrors.validation("MinCapacity and MaxCapacity are required to register a new scalable target.");
        }
        ScalingDecision.checkCapacityRange(min, max);
        SuspendedState was = creating ? SuspendedState.NONE : state.suspendedState;
        SuspendedState suspended = new SuspendedState(
                orElse(register.dynamicScalingInSuspended(), was.dynamicScalingInSuspended()),
                orElse(register.dynamicScalingOutSuspended(), was.dynamicScalingOutSuspended()),
                orElse(register.scheduledScalingSuspended(), was.scheduledScalingSuspended()));
        List<io.berth.events.Shapes.Tag> tags = merged(creating ? List.of() : state.tags, register.tags());
        String arn = creating ? register.newTargetArn() : state.scalableTargetArn;
        List<ScalingEvent> events = new ArrayList<>();
        events.add(new ScalableTargetRegistered(register.clusterArn(), arn, register.serviceNamespace(),
                register.resourceId(), register.scalableDimension(), min, max,
                register.roleArn() != null ? register.roleArn() : state.roleArn, suspended, tags, register.at()));
        int clamped = Math.max(min, Math.min(max, register.currentCapacity()));
        if (clamped != register.currentCapacity()) {
            String cause = clamped > register.currentCapacity() ? "minimum capacity was set to " + min
                    : "maximum capacity was set to " + max;
            events.addAll(adjust(register.clusterArn(), register.serviceArn(), arn, register.resourceId(),
                    overridden(state, register.at()), register.currentCapacity(), clamped, cause, null, 0,
                    register.activityId(), register.at()));
        }
        return events;
    }

    private static List<ScalingEvent> scale(Scale scale, ScalableTargetState state) {
        if (!scale.notScaledReasons().isEmpty()) {
            String signature = notScaledSignature(scale.cause(), scale.notScaledReasons());
            if (signature.equals(state.lastNotScaled)) {
                return List.of();
            }
            return List.of(new ScalingActivityRecorded(state.clusterArn, state.scalableTargetArn, scale.activityId(),
                    state.resourceId, "Attempting to set desired count to " + scale.newCapacity() + ".",
                    scale.cause(), FAILED, "Failed to set desired count to " + scale.newCapacity() + ".",
                    scale.at(), scale.at(), scale.notScaledReasons()));
        }
        if (scale.newCapacity() == scale.currentCapacity()) {
            return List.of();
        }
        return adjust(state.clusterArn, state.serviceArn, state.scalableTargetArn, state.resourceId,
                overridden(state, scale.at()), scale.currentCapacity(), scale.newCapacity(), scale.cause(),
                scale.policyName(), scale.cooldownSeconds(), scale.activityId(), scale.at());
    }

    private static List<ScalingEvent> runScheduledAction(RunScheduledAction run, ScalableTargetState state) {
        ScheduledAction action = state.scheduledActions.get(run.name());
        if (action == null || (action.lastRunAt() != null && !action.lastRunAt().isBefore(run.dueAt()))) {
            return List.of();
        }
        int min = action.minCapacity() != null ? action.minCapacity() : state.minCapacity;
        int max = action.maxCapacity() != null ? action.maxCapacity() : state.maxCapacity;
        if (min > max) {
            // Only one bound was given and it crosses the other: the given bound wins, the other follows it.
            if (action.minCapacity() != null) {
                max = min;
            } else {
                min = max;
            }
        }
        List<ScalingEvent> events = new ArrayList<>();
        events.add(new ScheduledActionExecuted(state.clusterArn, state.scalableTargetArn, run.name(), min, max,
                run.dueAt()));
        String cause = "scheduled action name " + run.name() + " was triggered";
        String ranges = "Setting min capacity to " + min + " and max capacity to " + max;
        int clamped = Math.max(min, Math.min(max, run.currentCapacity()));
        if (clamped == run.currentCapacity()) {
            events.add(new ScalingActivityRecorded(state.clusterArn, state.scalableTargetArn, run.activityId(),
                    state.resourceId, ranges, cause, SUCCESSFUL, "Successfully set min capacity to " + min
                            + " and max capacity to " + max, run.at(), run.at(), List.of()));
            return events;
        }
        events.addAll(adjust(state.clusterArn, state.serviceArn, state.scalableTargetArn, state.resourceId,
                overridden(state, run.at()), run.currentCapacity(), clamped, cause, null, 0, run.activityId(),
                run.at()));
        return events;
    }

    /** Records an InProgress activity and the desired count it asks for, after overriding those still waiting. */
    private static List<ScalingEvent> adjust(String cluster, String service, String target, String resourceId,
            List<ScalingEvent> overridden, int from, int to, String cause, String policyName, int cooldown,
            String activityId, Instant at) {
        List<ScalingEvent> events = new ArrayList<>(overridden);
        events.add(new ScalingActivityRecorded(cluster, target, activityId, resourceId,
                "Setting desired count to " + to + ".", cause, IN_PROGRESS, null, at, null, List.of()));
        events.add(new DesiredCountAdjusted(cluster, service, target, activityId, from, to, cause, policyName,
                cooldown, at));
        return events;
    }

    private static List<ScalingEvent> overridden(ScalableTargetState state, Instant at) {
        List<ScalingEvent> events = new ArrayList<>();
        for (PendingActivity pending : state.pending) {
            events.add(new ScalingActivityCompleted(state.clusterArn, state.scalableTargetArn, pending.activityId(),
                    OVERRIDDEN, "A later scaling activity set another desired count.", at));
        }
        return events;
    }

    private static List<io.berth.events.Shapes.Tag> merged(List<io.berth.events.Shapes.Tag> current,
            List<io.berth.events.Shapes.Tag> added) {
        if (Tags.merge(List.of(), current).size() + added.stream().filter(t -> current.stream()
                .noneMatch(c -> c.key().equals(t.key()))).count() > Tags.MAX_TAGS) {
            throw new EcsException(AasErrors.TOO_MANY_TAGS, "A scalable target can have at most " + Tags.MAX_TAGS
                    + " tags.");
        }
        return Tags.merge(current, added);
    }

    static String notScaledSignature(String cause, List<ScalingEvent.NotScaledReason> reasons) {
        return cause + " " + reasons;
    }

    private static boolean orElse(Boolean value, boolean fallback) {
        return value != null ? value : fallback;
    }

    @Override
    public ScalableTargetState evolve(ScalableTargetState state, ScalingEvent event) {
        if (event instanceof ScalableTargetDeregistered) {
            return initialState();
        }
        ScalableTargetState next = state.copy();
        if (event instanceof ScalableTargetRegistered registered) {
            next.scalableTargetArn = registered.scalableTargetArn();
            next.clusterArn = registered.clusterArn();
            next.serviceNamespace = registered.serviceNamespace();
            next.resourceId = registered.resourceId();
            next.scalableDimension = registered.scalableDimension();
            next.serviceArn = Arns.ofResourceId(registered.clusterArn(), registered.resourceId());
            next.minCapacity = registered.minCapacity();
            next.maxCapacity = registered.maxCapacity();
            next.roleArn = registered.roleArn();
            next.suspendedState = registered.suspendedState();
            next.tags = new ArrayList<>(registered.tags());
            if (next.creationTime == null) {
                next.creationTime = registered.at();
            }
        } else if (event instanceof ScalableTargetTagsChanged tags) {
            next.tags = new ArrayList<>(tags.tags());
        } else if (event instanceof ScalingPolicyPut put) {
            Policy existing = next.policies.get(put.policyName());
            next.policies.put(put.policyName(), new Policy(put.policyArn(), put.policyName(), put.policyType(),
                    put.configuration(), put.alarms(), existing == null ? put.at() : existing.creationTime()));
        } else if (event instanceof ScalingPolicyDeleted deleted) {
            next.policies.remove(deleted.policyName());
            next.stepPolicyScaledAt.remove(deleted.policyName());
        } else if (event instanceof ScheduledActionPut put) {
            ScheduledAction existing = next.scheduledActions.get(put.name());
            next.scheduledActions.put(put.name(), new ScheduledAction(put.scheduledActionArn(), put.name(),
                    put.schedule(), put.timezone(), put.startTime(), put.endTime(), put.minCapacity(),
                    put.maxCapacity(), existing == null ? put.at() : existing.creationTime(),
                    existing == null ? null : existing.lastRunAt()));
        } else if (event instanceof ScheduledActionDeleted deleted) {
            next.scheduledActions.remove(deleted.name());
        } else if (event instanceof ScheduledActionExecuted executed) {
            next.minCapacity = executed.minCapacity();
            next.maxCapacity = executed.maxCapacity();
            ScheduledAction action = next.scheduledActions.get(executed.name());
            if (action != null) {
                next.scheduledActions.put(executed.name(), new ScheduledAction(action.scheduledActionArn(),
                        action.name(), action.schedule(), action.timezone(), action.startTime(), action.endTime(),
                        action.minCapacity(), action.maxCapacity(), action.creationTime(), executed.at()));
            }
        } else if (event instanceof ScalingActivityRecorded recorded) {
            if (!recorded.notScaledReasons().isEmpty()) {
                next.lastNotScaled = notScaledSignature(recorded.cause(), recorded.notScaledReasons());
            }
        } else if (event instanceof ScalingActivityCompleted completed) {
            next.pending.removeIf(p -> p.activityId().equals(completed.activityId()));
        } else if (event instanceof DesiredCountAdjusted adjusted) {
            next.pending.add(new PendingActivity(adjusted.activityId(), adjusted.toCount()));
            next.lastNotScaled = null;
            Cooldowns.Activity activity = new Cooldowns.Activity(adjusted.at(), adjusted.policyName(),
                    adjusted.fromCount(), adjusted.toCount(), adjusted.cooldownSeconds());
            // Each direction clears the other's memory, as the rules in scaling-policy expect.
            next.cooldowns = adjusted.toCount() > adjusted.fromCount() ? new Cooldowns(activity, null)
                    : new Cooldowns(null, activity);
            if (adjusted.policyName() != null) {
                next.stepPolicyScaledAt.put(adjusted.policyName(), adjusted.at());
            }
        }
        return next;
    }
}
