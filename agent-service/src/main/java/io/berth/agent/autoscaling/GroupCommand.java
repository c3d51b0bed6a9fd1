package io.berth.agent.autoscaling;

import io.berth.events.AutoScalingEvent.GroupSettings;
import io.berth.events.AutoScalingEvent.GroupTag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What may be asked of an Auto Scaling group. */
public sealed interface GroupCommand {

    record CreateGroup(String arn, String name, GroupSettings settings, List<GroupTag> tags, Instant at)
            implements GroupCommand {
    }

    /**
     * UpdateAutoScalingGroup: the settings the request gave, every other one kept; a desired capacity
     * left out follows a new minimum or maximum.
     */
    record UpdateGroup(Optional<Integer> minSize, Optional<Integer> maxSize, Optional<Integer> desiredCapacity,
            Optional<LaunchTemplateRef> launchTemplate, Optional<List<String>> availabilityZones,
            Optional<String> vpcZoneIdentifier, Optional<Boolean> newInstancesProtectedFromScaleIn, Instant at)
            implements GroupCommand {
    }

    /** The launch template a group uses: id, name, and the version it asked for. */
    record LaunchTemplateRef(String id, String name, String version) {
    }

    record SetDesiredCapacity(int desiredCapacity, Instant at) implements GroupCommand {
    }

    /**
     * A capacity provider's managed scaling asks for {@code desiredCapacity} (clamped to the group's size
     * limits, which ECS never changes); {@code scaleInCandidates}, when not null, are the only instances a
     * scale-in may choose: the others become protected from scale-in, these unprotected.
     */
    record AdjustCapacity(int desiredCapacity, List<String> scaleInCandidates, String capacityProvider,
            String reason, Instant at) implements GroupCommand {
    }

    /** TerminateInstanceInAutoScalingGroup; {@code managedDraining} from the group's capacity provider. */
    record TerminateInstance(String instanceId, boolean decrementDesiredCapacity, boolean managedDraining,
            String activityId, Instant at) implements GroupCommand {
    }

    record SetProtection(List<String> instanceIds, boolean protectedFromScaleIn) implements GroupCommand {
    }

    record DeleteGroup(boolean force, Instant at) implements GroupCommand {
    }

    /**
     * One step toward the desired capacity: launch what is missing (from {@code launch}, null when the
     * template can not launch anything) or choose what to terminate, and finish a forced delete.
     */
    record Converge(LaunchData launch, boolean managedDraining, Supplier<java.util.UUID> ids, Instant at)
            implements GroupCommand {
    }

    /** What an instance is launched as: from the launch template, its user data and its tags. */
    record LaunchData(String instanceType, String clusterName, String runtime) {
    }

    /** The instance's agent registered its container instance. */
    record MarkInService(String instanceId, String containerInstanceArn, Instant at) implements GroupCommand {
    }

    /** The instance's container instance is deregistered and its agent stopped. */
    record FinishTermination(String instanceId, Instant at) implements GroupCommand {
    }
}
