package io.berth.agent.autoscaling;

import io.berth.events.AutoScalingEvent.GroupSettings;
import io.berth.events.AutoScalingEvent.GroupTag;
import java.time.Instant;
import java.util.List;

/**
 * An Auto Scaling group as its events left it: its settings, tags, the instances it has not terminated
 * yet, whether a forced delete is under way, and the cause of its last capacity change (the start of the
 * next activities' causes).
 */
public record GroupState(String arn, String name, GroupSettings settings, List<GroupTag> tags,
        List<GroupInstance> instances, boolean deleting, String cause, Instant createdTime) {

    public static final GroupState NONE = new GroupState(null, null, null, List.of(), List.of(), false, null, null);

    public static final String PENDING = "Pending";
    public static final String IN_SERVICE = "InService";
    public static final String TERMINATING = "Terminating";

    /**
     * One instance of the group: where it runs, its lifecycle state ({@code Pending}, {@code InService},
     * {@code Terminating}), its scale-in protection, the container instance its agent registered (once
     * InService), what its agent runs, the activity that moves it now, and whether its termination waits
     * for its tasks to drain.
     */
    public record GroupInstance(String instanceId, String availabilityZone, String instanceType,
            String lifecycleState, boolean protectedFromScaleIn, Instant launchedAt, String containerInstanceArn,
            String clusterName, String runtime, String activityId, boolean draining, Instant terminatingSince) {

        public boolean terminating() {
            return TERMINATING.equals(lifecycleState);
        }
    }

    public boolean exists() {
        return arn != null;
    }

    /** The instances that count toward the capacity: every one not being terminated. */
    public List<GroupInstance> active() {
        return instances.stream().filter(i -> !i.terminating()).toList();
    }

    public java.util.Optional<GroupInstance> instance(String instanceId) {
        return instances.stream().filter(i -> i.instanceId().equals(instanceId)).findFirst();
    }
}
