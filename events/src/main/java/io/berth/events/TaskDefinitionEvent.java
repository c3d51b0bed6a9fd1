package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/**
 * Topic {@value Topics#TASK_DEFINITION_EVENTS}: revisions of task definition families, owned by the
 * cluster-service. Keyed by the family so that the revisions of one family stay in order.
 */
public sealed interface TaskDefinitionEvent extends BerthEvent {

    String taskDefinitionArn();

    String family();

    int revision();

    /** {@code arn:aws:ecs:<region>:<account>:task-definition/<family>} — the revision stripped. */
    @Override
    default String partitionKey() {
        String arn = taskDefinitionArn();
        int colon = arn.lastIndexOf(':');
        return colon > arn.indexOf("task-definition/") ? arn.substring(0, colon) : arn;
    }

    /**
     * {@code taskDefinition} is the registered definition exactly as DescribeTaskDefinition shows it,
     * including its ARN, revision, status and registration time.
     */
    @JsonTypeName("TaskDefinitionRegistered")
    record TaskDefinitionRegistered(String taskDefinitionArn, String family, int revision,
            ObjectNode taskDefinition, List<Tag> tags) implements TaskDefinitionEvent {
    }

    /** The complete set of tags of the revision after a TagResource or UntagResource. */
    @JsonTypeName("TaskDefinitionTagsChanged")
    record TaskDefinitionTagsChanged(String taskDefinitionArn, String family, int revision, List<Tag> tags)
            implements TaskDefinitionEvent {
    }

    @JsonTypeName("TaskDefinitionDeregistered")
    record TaskDefinitionDeregistered(String taskDefinitionArn, String family, int revision, Instant deregisteredAt)
            implements TaskDefinitionEvent {
    }

    /** DeleteTaskDefinitions: the revision is DELETE_IN_PROGRESS from {@code deleteRequestedAt}. */
    @JsonTypeName("TaskDefinitionDeleted")
    record TaskDefinitionDeleted(String taskDefinitionArn, String family, int revision, Instant deleteRequestedAt)
            implements TaskDefinitionEvent {
    }
}
