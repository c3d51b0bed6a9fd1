package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/** What can be asked of a task definition family; each command names the family's ARN. */
public sealed interface TaskDefinitionCommand {

    String familyArn();

    /** {@code definition} is what {@link TaskDefinitionValidator} returned for the request. */
    record RegisterTaskDefinition(String familyArn, String family, ObjectNode definition, List<Tag> tags,
            String registeredBy, Instant registeredAt) implements TaskDefinitionCommand {
    }

    record DeregisterTaskDefinition(String familyArn, int revision, Instant at) implements TaskDefinitionCommand {
    }

    record DeleteTaskDefinition(String familyArn, int revision, Instant at) implements TaskDefinitionCommand {
    }

    record TagTaskDefinition(String familyArn, int revision, List<Tag> tags) implements TaskDefinitionCommand {
    }

    record UntagTaskDefinition(String familyArn, int revision, List<String> tagKeys) implements TaskDefinitionCommand {
    }
}
