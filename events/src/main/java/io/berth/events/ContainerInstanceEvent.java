package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import io.berth.events.Shapes.Tag;
import io.berth.events.Shapes.VersionInfo;
import java.util.List;

/**
 * Topic {@value Topics#CONTAINER_INSTANCE_EVENTS}: container instances and their agents, owned by
 * the agent-service. Keyed by cluster so that the scheduler sees a cluster's capacity in order.
 */
public sealed interface ContainerInstanceEvent extends BerthEvent {

    String clusterArn();

    String containerInstanceArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    @JsonTypeName("InstanceRegistered")
    record InstanceRegistered(String clusterArn, String containerInstanceArn, String ec2InstanceId,
            String capacityProviderName, List<Resource> registeredResources, List<Attribute> attributes,
            VersionInfo versionInfo, List<Tag> tags) implements ContainerInstanceEvent {
    }

    /** ACTIVE ⇄ DRAINING, as UpdateContainerInstancesState sets it. */
    @JsonTypeName("InstanceStatusChanged")
    record InstanceStatusChanged(String clusterArn, String containerInstanceArn, String status,
            String statusReason) implements ContainerInstanceEvent {
    }

    /** The complete set of attributes after a PutAttributes or DeleteAttributes. */
    @JsonTypeName("InstanceAttributesChanged")
    record InstanceAttributesChanged(String clusterArn, String containerInstanceArn, List<Attribute> attributes)
            implements ContainerInstanceEvent {
    }

    /** The complete set of tags of the instance after a TagResource or UntagResource. */
    @JsonTypeName("InstanceTagsChanged")
    record InstanceTagsChanged(String clusterArn, String containerInstanceArn, List<Tag> tags)
            implements ContainerInstanceEvent {
    }

    @JsonTypeName("AgentConnectionChanged")
    record AgentConnectionChanged(String clusterArn, String containerInstanceArn, boolean agentConnected)
            implements ContainerInstanceEvent {
    }

    @JsonTypeName("InstanceDeregistered")
    record InstanceDeregistered(String clusterArn, String containerInstanceArn, boolean force)
            implements ContainerInstanceEvent {
    }
}
