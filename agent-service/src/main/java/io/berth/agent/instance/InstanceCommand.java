package io.berth.agent.instance;

import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import io.berth.events.Shapes.Tag;
import io.berth.events.Shapes.VersionInfo;
import java.util.List;

/** What can be asked of a container instance, named by its ARN. */
public sealed interface InstanceCommand {

    String containerInstanceArn();

    /** {@code clusterActive}: whether the cluster exists and is ACTIVE, as the agent-service knows it. */
    record RegisterInstance(String containerInstanceArn, String clusterArn, boolean clusterActive,
            String ec2InstanceId, String capacityProviderName, List<Resource> totalResources,
            List<Attribute> attributes, VersionInfo versionInfo, List<Tag> tags) implements InstanceCommand {
    }

    /** {@code runningTasks}: tasks still on the instance, which forbid a deregistration without force. */
    record DeregisterInstance(String containerInstanceArn, boolean force, int runningTasks)
            implements InstanceCommand {
    }

    record ChangeStatus(String containerInstanceArn, String status) implements InstanceCommand {
    }

    /** An agent's heartbeats stopped ({@code false}) or came back ({@code true}). */
    record SetAgentConnected(String containerInstanceArn, boolean connected) implements InstanceCommand {
    }

    /** TagResource or UntagResource: the complete set of tags afterwards. */
    record SetTags(String containerInstanceArn, List<Tag> tags) implements InstanceCommand {
    }

    /** PutAttributes: set these custom attributes, replacing the values of existing names. */
    record PutAttributes(String containerInstanceArn, List<Attribute> attributes) implements InstanceCommand {
    }

    /** DeleteAttributes: remove the custom attributes with these names. */
    record DeleteAttributes(String containerInstanceArn, List<String> names) implements InstanceCommand {
    }
}
