package io.berth.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskDefinitionEvent;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionDeleted;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionDeregistered;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionRegistered;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionTagsChanged;
import java.util.List;

/**
 * One revision of a task definition as DescribeTaskDefinition shows it ({@code definition}, with its
 * status, ARN, revision and timestamps) and its tags, folded from the owner's events. The owner's
 * aggregate and every service that keeps the revisions from its events fold them here, so they show
 * the same thing.
 */
public record TaskDefinitionRevision(ObjectNode definition, List<Tag> tags) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";
    public static final String DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS";

    public static TaskDefinitionRevision registered(TaskDefinitionRegistered registered) {
        return new TaskDefinitionRevision(registered.taskDefinition(),
                registered.tags() == null ? List.of() : registered.tags());
    }

    public String status() {
        return definition.path("status").asText();
    }

    /** The revision after {@code event}, one of this revision's own (not its registration). */
    public TaskDefinitionRevision after(TaskDefinitionEvent event) {
        ObjectNode next = definition.deepCopy();
        List<Tag> nextTags = tags;
        if (event instanceof TaskDefinitionDeregistered deregistered) {
            next.put("status", INACTIVE);
            next.put("deregisteredAt", Timestamps.epochSeconds(deregistered.deregisteredAt()));
        } else if (event instanceof TaskDefinitionDeleted deleted) {
            next.put("status", DELETE_IN_PROGRESS);
            next.put("deleteRequestedAt", Timestamps.epochSeconds(deleted.deleteRequestedAt()));
        } else if (event instanceof TaskDefinitionTagsChanged changed) {
            nextTags = changed.tags();
        }
        return new TaskDefinitionRevision(next, nextTags);
    }
}
