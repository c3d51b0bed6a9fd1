package io.berth.agent.instance;

import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import io.berth.events.Shapes.Tag;
import io.berth.events.Shapes.VersionInfo;
import java.util.List;

/**
 * A container instance as its events made it; {@code status} is null before registration.
 * {@code version} counts its changes, as ECS's container instance {@code version} does.
 */
public record InstanceState(String containerInstanceArn, String clusterArn, String ec2InstanceId,
        String capacityProviderName, String status, boolean agentConnected, List<Resource> registeredResources,
        List<Attribute> attributes, VersionInfo versionInfo, List<Tag> tags, long version) {

    public static final InstanceState NONE = new InstanceState(null, null, null, null, null, false, List.of(),
            List.of(), null, List.of(), 0);

    public boolean isRegistered() {
        return status != null && !"INACTIVE".equals(status);
    }

    InstanceState with(String newStatus, boolean connected, List<Attribute> newAttributes, List<Tag> newTags) {
        return new InstanceState(containerInstanceArn, clusterArn, ec2InstanceId, capacityProviderName, newStatus,
                connected, registeredResources, newAttributes, versionInfo, newTags, version + 1);
    }
}
