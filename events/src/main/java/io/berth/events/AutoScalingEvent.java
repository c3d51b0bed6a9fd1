package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;

/**
 * Topic {@value Topics#AUTO_SCALING_EVENTS}: EC2 launch templates and EC2 Auto Scaling groups, owned by
 * the agent-service (ADR 0038). A group's instance launches and terminations are its scaling
 * activities; the instances they start register as container instances like any other.
 */
public sealed interface AutoScalingEvent extends BerthEvent {

    /** The launch template's or the group's ARN; it keys the record. */
    String resourceArn();

    @Override
    default String partitionKey() {
        return resourceArn();
    }

    /**
     * What a group is configured with, complete after every change: the launch template (by id, with
     * its name, and the version the group asked for), its size limits and desired capacity, where it
     * launches (availability zones, and the subnets of {@code vpcZoneIdentifier} if given), and whether
     * its new instances are protected from scale-in.
     */
    record GroupSettings(String launchTemplateId, String launchTemplateName, String launchTemplateVersion,
            int minSize, int maxSize, int desiredCapacity, List<String> availabilityZones, String vpcZoneIdentifier,
            boolean newInstancesProtectedFromScaleIn, int defaultCooldown, String healthCheckType,
            int healthCheckGracePeriod) {
    }

    /** A tag of a group; {@code propagateAtLaunch} copies it onto the instances it launches. */
    record GroupTag(String key, String value, boolean propagateAtLaunch) {
    }

    /** CreateLaunchTemplate: the data a group's instances are launched from (user data base64, as sent). */
    @JsonTypeName("LaunchTemplateCreated")
    record LaunchTemplateCreated(String resourceArn, String launchTemplateId, String launchTemplateName,
            String imageId, String instanceType, String userData, List<Shapes.Tag> tags, Instant createdAt)
            implements AutoScalingEvent {
    }

    @JsonTypeName("LaunchTemplateDeleted")
    record LaunchTemplateDeleted(String resourceArn, String launchTemplateId, String launchTemplateName)
            implements AutoScalingEvent {
    }

    @JsonTypeName("AutoScalingGroupCreated")
    record AutoScalingGroupCreated(String resourceArn, String autoScalingGroupName, GroupSettings settings,
            List<GroupTag> tags, String cause, Instant at) implements AutoScalingEvent {
    }

    /** UpdateAutoScalingGroup: the complete settings afterwards. */
    @JsonTypeName("AutoScalingGroupUpdated")
    record AutoScalingGroupUpdated(String resourceArn, GroupSettings settings, String cause, Instant at)
            implements AutoScalingEvent {
    }

    /**
     * SetDesiredCapacity, a terminated instance that lowers the capacity, or a capacity provider's managed
     * scaling; {@code scaleInCandidates} are the only instances a scale-in may choose when managed
     * termination protection named them, else null. {@code cause} starts the next activities' causes.
     */
    @JsonTypeName("DesiredCapacityChanged")
    record DesiredCapacityChanged(String resourceArn, int desiredCapacity, List<String> scaleInCandidates,
            String cause, Instant at) implements AutoScalingEvent {
    }

    /**
     * An activity launches an instance ({@code Pending}): what its agent runs ({@code runtime}) and the
     * cluster its user data names.
     */
    @JsonTypeName("GroupInstanceLaunching")
    record GroupInstanceLaunching(String resourceArn, String activityId, String instanceId, String availabilityZone,
            String instanceType, String clusterName, String runtime, boolean protectedFromScaleIn, String cause,
            Instant at) implements AutoScalingEvent {
    }

    /** The instance's agent registered its container instance: {@code InService}, the activity succeeded. */
    @JsonTypeName("GroupInstanceInService")
    record GroupInstanceInService(String resourceArn, String activityId, String instanceId,
            String containerInstanceArn, Instant at) implements AutoScalingEvent {
    }

    /**
     * An activity terminates an instance ({@code Terminating}); {@code draining} when its capacity provider's
     * managed draining holds the termination until its container instance runs no more tasks.
     */
    @JsonTypeName("GroupInstanceTerminating")
    record GroupInstanceTerminating(String resourceArn, String activityId, String instanceId, boolean draining,
            String cause, Instant at) implements AutoScalingEvent {
    }

    /** The instance is gone ({@code Terminated}): its container instance deregistered, its agent stopped. */
    @JsonTypeName("GroupInstanceTerminated")
    record GroupInstanceTerminated(String resourceArn, String activityId, String instanceId, Instant at)
            implements AutoScalingEvent {
    }

    @JsonTypeName("InstanceProtectionChanged")
    record InstanceProtectionChanged(String resourceArn, List<String> instanceIds, boolean protectedFromScaleIn)
            implements AutoScalingEvent {
    }

    /** DeleteAutoScalingGroup with ForceDelete while instances remain: they are terminated first. */
    @JsonTypeName("AutoScalingGroupDeleting")
    record AutoScalingGroupDeleting(String resourceArn, Instant at) implements AutoScalingEvent {
    }

    @JsonTypeName("AutoScalingGroupDeleted")
    record AutoScalingGroupDeleted(String resourceArn, String autoScalingGroupName) implements AutoScalingEvent {
    }
}
