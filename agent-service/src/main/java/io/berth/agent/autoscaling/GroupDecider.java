package io.berth.agent.autoscaling;

import io.berth.agent.autoscaling.GroupCommand.AdjustCapacity;
import io.berth.agent.autoscaling.GroupCommand.Converge;
import io.berth.agent.autoscaling.GroupCommand.CreateGroup;
import io.berth.agent.autoscaling.GroupCommand.DeleteGroup;
import io.berth.agent.autoscaling.GroupCommand.FinishTermination;
import io.berth.agent.autoscaling.GroupCommand.MarkInService;
import io.berth.agent.autoscaling.GroupCommand.SetDesiredCapacity;
import io.berth.agent.autoscaling.GroupCommand.SetProtection;
import io.berth.agent.autoscaling.GroupCommand.TerminateInstance;
import io.berth.agent.autoscaling.GroupCommand.UpdateGroup;
import io.berth.agent.autoscaling.GroupState.GroupInstance;
import io.berth.ecs.query.QueryException;
import io.berth.events.AutoScalingEvent;
import io.berth.events.AutoScalingEvent.AutoScalingGroupCreated;
import io.berth.events.AutoScalingEvent.AutoScalingGroupDeleted;
import io.berth.events.AutoScalingEvent.AutoScalingGroupDeleting;
import io.berth.events.AutoScalingEvent.AutoScalingGroupUpdated;
import io.berth.events.AutoScalingEvent.DesiredCapacityChanged;
import io.berth.events.AutoScalingEvent.GroupInstanceInService;
import io.berth.events.AutoScalingEvent.GroupInstanceLaunching;
import io.berth.events.AutoScalingEvent.GroupInstanceTerminated;
import io.berth.events.AutoScalingEvent.GroupInstanceTerminating;
import io.berth.events.AutoScalingEvent.GroupSettings;
import io.berth.events.AutoScalingEvent.InstanceProtectionChanged;
import io.berth.eventsourcing.Decider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An EC2 Auto Scaling group (reference: autoscaling-groups.md §2): its size rules (MinSize ≤
 * DesiredCapacity ≤ MaxSize, with EC2 Auto Scaling's messages), and the activities that bring its
 * instances to the desired capacity: launches spread over its zones, scale-ins that skip protected
 * instances, terminations held by managed draining, a forced delete.
 */
public final class GroupDecider implements Decider<GroupCommand, AutoScalingEvent, GroupState> {

    @Override
    public GroupState initialState() {
        return GroupState.NONE;
    }

    @Override
    public List<AutoScalingEvent> decide(GroupCommand command, GroupState state) {
        if (command instanceof CreateGroup create) {
            if (state.exists()) {
                throw new QueryException("AlreadyExists", "AutoScalingGroup by this name already exists - A group"
                        + " with the name " + create.name() + " already exists");
            }
            GroupSettings s = create.settings();
            checkSizes(s.minSize(), s.maxSize(), s.desiredCapacity());
            return List.of(new AutoScalingGroupCreated(create.arn(), create.name(), s, create.tags(),
                    "At " + at(create.at()) + " a user request created an AutoScalingGroup changing the desired"
                            + " capacity from 0 to " + s.desiredCapacity() + ".", create.at()));
        }
        GroupState group = existing(state);
        if (command instanceof UpdateGroup update) {
            return update(group, update);
        }
        if (command instanceof SetDesiredCapacity set) {
            int max = group.settings().maxSize();
            int min = group.settings().minSize();
            if (set.desiredCapacity() > max) {
                throw QueryException.validation("New SetDesiredCapacity value " + set.desiredCapacity()
                        + " is above max value " + max + " for the AutoScalingGroup.");
            }
            if (set.desiredCapacity() < min) {
                throw QueryException.validation("New SetDesiredCapacity value " + set.desiredCapacity()
                        + " is below min value " + min + " for the AutoScalingGroup.");
            }
            return List.of(new DesiredCapacityChanged(group.arn(), set.desiredCapacity(), null, "At "
                    + at(set.at()) + " a user request explicitly set group desired capacity changing the desired"
                    + " capacity from " + group.settings().desiredCapacity() + " to " + set.desiredCapacity() + ".",
                    set.at()));
        }
        if (command instanceof AdjustCapacity adjust) {
            return adjust(group, adjust);
        }
        if (command instanceof TerminateInstance terminate) {
            return terminate(group, terminate);
        }
        if (command instanceof SetProtection protection) {
            for (String id : protection.instanceIds()) {
                if (group.instance(id).isEmpty()) {
                    throw QueryException.validation("The instance " + id + " is not part of Auto Scaling group "
                            + group.name() + ".");
                }
            }
            return List.of(new InstanceProtectionChanged(group.arn(), protection.instanceIds(),
                    protection.protectedFromScaleIn()));
        }
        if (command instanceof DeleteGroup delete) {
            if (group.deleting()) {
                return List.of();
            }
            if (group.instances().isEmpty()) {
                return List.of(new AutoScalingGroupDeleted(group.arn(), group.name()));
            }
            if (!delete.force()) {
                throw new QueryException("ResourceInUse", "You cannot delete an AutoScalingGroup while there are"
                        + " instances or pending Spot instance request(s) still in the group.");
            }
            return List.of(new AutoScalingGroupDeleting(group.arn(), delete.at()));
        }
        if (command instanceof Converge converge) {
            return converge(group, converge);
        }
        if (command instanceof MarkInService inService) {
            return group.instance(inService.instanceId()).filter(i -> GroupState.PENDING.equals(i.lifecycleState()))
                    .<List<AutoScalingEvent>>map(i -> List.of(new GroupInstanceInService(group.arn(), i.activityId(),
                            i.instanceId(), inService.containerInstanceArn(), inService.at())))
                    .orElse(List.of());
        }
        if (command instanceof FinishTermination finish) {
            List<AutoScalingEvent> events = new ArrayList<>();
            group.instance(finish.instanceId()).filter(GroupInstance::terminating).ifPresent(i -> events.add(
                    new GroupInstanceTerminated(group.arn(), i.activityId(), i.instanceId(), finish.at())));
            if (group.deleting() && group.instances().size() == events.size()) {
                events.add(new AutoScalingGroupDeleted(group.arn(), group.name()));
            }
            return events;
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static List<AutoScalingEvent> update(GroupState group, UpdateGroup update) {
        GroupSettings old = group.settings();
        int min = update.minSize().orElse(old.minSize());
        int max = update.maxSize().orElse(old.maxSize());
        if (min > max) {
            throw QueryException.validation("Max bound, " + max + ", must be greater than or equal to min bound, "
                    + min);
        }
        // A new minimum above, or maximum below, the desired capacity moves it along (EC2 Auto Scaling).
        int desired = update.desiredCapacity().orElse(Math.max(min, Math.min(max, old.desiredCapacity())));
        checkSizes(min, max, desired);
        GroupSettings settings = new GroupSettings(
                update.launchTemplate().map(GroupCommand.LaunchTemplateRef::id).orElse(old.launchTemplateId()),
                update.launchTemplate().map(GroupCommand.LaunchTemplateRef::name).orElse(old.launchTemplateName()),
                update.launchTemplate().map(GroupCommand.LaunchTemplateRef::version)
                        .orElse(old.launchTemplateVersion()),
                min, max, desired, update.availabilityZones().orElse(old.availabilityZones()),
                update.vpcZoneIdentifier().orElse(old.vpcZoneIdentifier()),
                update.newInstancesProtectedFromScaleIn().orElse(old.newInstancesProtectedFromScaleIn()),
                old.defaultCooldown(), old.healthCheckType(), old.healthCheckGracePeriod());
        String cause = "At " + at(update.at()) + " a user request update of AutoScalingGroup constraints to min: "
                + min + ", max: " + max + ", desired: " + desired + " changing the desired capacity from "
                + old.desiredCapacity() + " to " + desired + ".";
        return List.of(new AutoScalingGroupUpdated(group.arn(), settings, cause, update.at()));
    }

    private static List<AutoScalingEvent> adjust(GroupState group, AdjustCapacity adjust) {
        GroupSettings s = group.settings();
        int desired = Math.max(s.minSize(), Math.min(s.maxSize(), adjust.desiredCapacity()));
        List<AutoScalingEvent> events = new ArrayList<>();
        if (adjust.scaleInCandidates() != null) {
            Set<String> candidates = new HashSet<>(adjust.scaleInCandidates());
            List<String> lift = new ArrayList<>();
            List<String> protect = new ArrayList<>();
            for (GroupInstance instance : group.active()) {
                boolean candidate = candidates.contains(instance.instanceId());
                if (candidate && instance.protectedFromScaleIn()) {
                    lift.add(instance.instanceId());
                } else if (!candidate && !instance.protectedFromScaleIn()) {
                    protect.add(instance.instanceId());
                }
            }
            if (!lift.isEmpty()) {
                events.add(new InstanceProtectionChanged(group.arn(), lift, false));
            }
            if (!protect.isEmpty()) {
                events.add(new InstanceProtectionChanged(group.arn(), protect, true));
            }
        }
        if (desired != s.desiredCapacity()) {
            events.add(new DesiredCapacityChanged(group.arn(), desired, adjust.scaleInCandidates(), "At "
                    + at(adjust.at()) + " capacity provider " + adjust.capacityProvider() + " ("
                    + adjust.reason() + ") changed the desired capacity from " + s.desiredCapacity() + " to "
                    + desired + ".", adjust.at()));
        }
        return events;
    }

    private static List<AutoScalingEvent> terminate(GroupState group, TerminateInstance terminate) {
        GroupInstance instance = group.instance(terminate.instanceId()).orElseThrow(() -> QueryException
                .validation("Instance Id not found - No managed instance found for instance ID: "
                        + terminate.instanceId()));
        if (instance.terminating()) {
            throw new QueryException("ScalingActivityInProgress", "Instance " + instance.instanceId()
                    + " is already being terminated.");
        }
        GroupSettings s = group.settings();
        List<AutoScalingEvent> events = new ArrayList<>();
        String cause;
        if (terminate.decrementDesiredCapacity()) {
            if (s.desiredCapacity() - 1 < s.minSize()) {
                throw QueryException.validation("Currently, desiredCapacity=" + s.desiredCapacity()
                        + " and minSize=" + s.minSize() + "; terminating instance " + instance.instanceId()
                        + " and decrementing the desired capacity would go below the group's minimum size.");
            }
            cause = "At " + at(terminate.at()) + " instance " + instance.instanceId() + " was taken out of service"
                    + " in response to a user request, shrinking the capacity from " + s.desiredCapacity() + " to "
                    + (s.desiredCapacity() - 1) + ".";
            events.add(new DesiredCapacityChanged(group.arn(), s.desiredCapacity() - 1, null, cause,
                    terminate.at()));
        } else {
            cause = "At " + at(terminate.at()) + " instance " + instance.instanceId() + " was taken out of service"
                    + " in response to a user request.";
        }
        events.add(new GroupInstanceTerminating(group.arn(), terminate.activityId(), instance.instanceId(),
                terminate.managedDraining() && instance.containerInstanceArn() != null, cause, terminate.at()));
        return events;
    }

    private static List<AutoScalingEvent> converge(GroupState group, Converge converge) {
        List<AutoScalingEvent> events = new ArrayList<>();
        List<GroupInstance> active = new ArrayList<>(group.active());
        if (group.deleting()) {
            for (GroupInstance instance : active) {
                events.add(new GroupInstanceTerminating(group.arn(), converge.ids().get().toString(),
                        instance.instanceId(), false, "At " + at(converge.at()) + " an instance was taken out of"
                                + " service in response to a user request to delete the group.", converge.at()));
            }
            return events;
        }
        int desired = group.settings().desiredCapacity();
        if (active.size() < desired && converge.launch() != null) {
            int from = active.size();
            while (active.size() < desired) {
                String zone = TerminationPolicy.zoneForLaunch(group.settings().availabilityZones(), active);
                UUID id = converge.ids().get();
                String instanceId = "i-" + id.toString().replace("-", "").substring(0, 17);
                GroupInstanceLaunching launching = new GroupInstanceLaunching(group.arn(), id.toString(),
                        instanceId, zone, converge.launch().instanceType(), converge.launch().clusterName(),
                        converge.launch().runtime(), group.settings().newInstancesProtectedFromScaleIn(),
                        prefix(group) + "At " + at(converge.at()) + " an instance was started in response to a"
                                + " difference between desired and running capacity, increasing the capacity from "
                                + from + " to " + desired + ".", converge.at());
                events.add(launching);
                active.add(launched(launching));
            }
        } else if (active.size() > desired) {
            String cause = prefix(group) + "At " + at(converge.at()) + " an instance was taken out of service in"
                    + " response to a difference between desired and actual capacity, shrinking the capacity from "
                    + active.size() + " to " + desired + ".";
            for (GroupInstance victim : TerminationPolicy.victims(active, active.size() - desired)) {
                events.add(new GroupInstanceTerminating(group.arn(), converge.ids().get().toString(),
                        victim.instanceId(), converge.managedDraining() && victim.containerInstanceArn() != null,
                        cause, converge.at()));
            }
        }
        return events;
    }

    @Override
    public GroupState evolve(GroupState state, AutoScalingEvent event) {
        if (event instanceof AutoScalingGroupCreated created) {
            return new GroupState(created.resourceArn(), created.autoScalingGroupName(), created.settings(),
                    created.tags(), List.of(), false, created.cause(), created.at());
        }
        if (event instanceof AutoScalingGroupUpdated updated) {
            return new GroupState(state.arn(), state.name(), updated.settings(), state.tags(), state.instances(),
                    state.deleting(), updated.cause(), state.createdTime());
        }
        if (event instanceof DesiredCapacityChanged changed) {
            GroupSettings s = state.settings();
            return new GroupState(state.arn(), state.name(), new GroupSettings(s.launchTemplateId(),
                    s.launchTemplateName(), s.launchTemplateVersion(), s.minSize(), s.maxSize(),
                    changed.desiredCapacity(), s.availabilityZones(), s.vpcZoneIdentifier(),
                    s.newInstancesProtectedFromScaleIn(), s.defaultCooldown(), s.healthCheckType(),
                    s.healthCheckGracePeriod()), state.tags(), state.instances(), state.deleting(), changed.cause(),
                    state.createdTime());
        }
        if (event instanceof GroupInstanceLaunching launching) {
            List<GroupInstance> instances = new ArrayList<>(state.instances());
            instances.add(launched(launching));
            return withInstances(state, instances);
        }
        if (event instanceof GroupInstanceInService inService) {
            return replace(state, inService.instanceId(), i -> new GroupInstance(i.instanceId(),
                    i.availabilityZone(), i.instanceType(), GroupState.IN_SERVICE, i.protectedFromScaleIn(),
                    i.launchedAt(), inService.containerInstanceArn(), i.clusterName(), i.runtime(), null, false,
                    null));
        }
        if (event instanceof GroupInstanceTerminating terminating) {
            return replace(state, terminating.instanceId(), i -> new GroupInstance(i.instanceId(),
                    i.availabilityZone(), i.instanceType(), GroupState.TERMINATING, i.protectedFromScaleIn(),
                    i.launchedAt(), i.containerInstanceArn(), i.clusterName(), i.runtime(), terminating.activityId(),
                    terminating.draining(), terminating.at()));
        }
        if (event instanceof GroupInstanceTerminated terminated) {
            return withInstances(state, state.instances().stream()
                    .filter(i -> !i.instanceId().equals(terminated.instanceId())).toList());
        }
        if (event instanceof InstanceProtectionChanged protection) {
            Set<String> ids = Set.copyOf(protection.instanceIds());
            return withInstances(state, state.instances().stream().map(i -> !ids.contains(i.instanceId()) ? i
                    : new GroupInstance(i.instanceId(), i.availabilityZone(), i.instanceType(), i.lifecycleState(),
                            protection.protectedFromScaleIn(), i.launchedAt(), i.containerInstanceArn(),
                            i.clusterName(), i.runtime(), i.activityId(), i.draining(), i.terminatingSince()))
                    .toList());
        }
        if (event instanceof AutoScalingGroupDeleting) {
            return new GroupState(state.arn(), state.name(), state.settings(), state.tags(), state.instances(), true,
                    state.cause(), state.createdTime());
        }
        if (event instanceof AutoScalingGroupDeleted) {
            return GroupState.NONE;
        }
        return state;
    }

    private static GroupInstance launched(GroupInstanceLaunching launching) {
        return new GroupInstance(launching.instanceId(), launching.availabilityZone(), launching.instanceType(),
                GroupState.PENDING, launching.protectedFromScaleIn(), launching.at(), null, launching.clusterName(),
                launching.runtime(), launching.activityId(), false, null);
    }

    private static GroupState replace(GroupState state, String instanceId,
            java.util.function.UnaryOperator<GroupInstance> change) {
        return withInstances(state, state.instances().stream()
                .map(i -> i.instanceId().equals(instanceId) ? change.apply(i) : i).toList());
    }

    private static GroupState withInstances(GroupState state, List<GroupInstance> instances) {
        return new GroupState(state.arn(), state.name(), state.settings(), state.tags(), instances, state.deleting(),
                state.cause(), state.createdTime());
    }

    private static GroupState existing(GroupState state) {
        if (!state.exists()) {
            throw QueryException.validation("AutoScalingGroup name not found - AutoScalingGroup not found");
        }
        return state;
    }

    private static void checkSizes(int min, int max, int desired) {
        if (min < 0 || max < 0) {
            throw QueryException.validation("MinSize and MaxSize must not be negative.");
        }
        if (min > max) {
            throw QueryException.validation("Max bound, " + max + ", must be greater than or equal to min bound, "
                    + min);
        }
        if (desired < min || desired > max) {
            throw QueryException.validation("Desired capacity:" + desired + " must be between the specified min"
                    + " size:" + min + " and max size:" + max);
        }
    }

    /** The cause of the capacity change that the activity answers, then two spaces, as EC2 Auto Scaling writes. */
    private static String prefix(GroupState group) {
        return group.cause() == null ? "" : group.cause() + "  ";
    }

    static String at(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
