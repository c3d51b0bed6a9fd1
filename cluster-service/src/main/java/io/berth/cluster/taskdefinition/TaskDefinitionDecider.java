package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.TaskDefinitionRevision;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.DeleteTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.DeregisterTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.RegisterTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.TagTaskDefinition;
import io.berth.cluster.taskdefinition.TaskDefinitionCommand.UntagTaskDefinition;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.Tags;
import io.berth.ecs.Timestamps;
import io.berth.events.TaskDefinitionEvent;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionDeleted;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionDeregistered;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionRegistered;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionTagsChanged;
import io.berth.eventsourcing.Decider;
import java.util.List;

/** The task definition family aggregate: revisions numbered per family, ACTIVE → INACTIVE → DELETE_IN_PROGRESS. */
public final class TaskDefinitionDecider implements Decider<TaskDefinitionCommand, TaskDefinitionEvent, FamilyState> {

    public static final int MAX_REVISIONS = 1_000_000;
    public static final String ACTIVE = TaskDefinitionRevision.ACTIVE;
    public static final String DELETE_IN_PROGRESS = TaskDefinitionRevision.DELETE_IN_PROGRESS;

    @Override
    public FamilyState initialState() {
        return FamilyState.NONE;
    }

    @Override
    public List<TaskDefinitionEvent> decide(TaskDefinitionCommand command, FamilyState state) {
        if (command instanceof RegisterTaskDefinition register) {
            int revision = state.lastRevision() + 1;
            if (revision > MAX_REVISIONS) {
                throw EcsErrors.limitExceeded("The family " + register.family() + " has reached the limit of "
                        + MAX_REVISIONS + " revisions.");
            }
            String arn = register.familyArn() + ":" + revision;
            ObjectNode definition = register.definition().deepCopy();
            ObjectNode described = definition.objectNode();
            described.put("taskDefinitionArn", arn);
            described.setAll(definition);
            described.put("family", register.family());
            described.put("revision", revision);
            described.put("status", ACTIVE);
            described.put("registeredAt", Timestamps.epochSeconds(register.registeredAt()));
            described.put("registeredBy", register.registeredBy());
            return List.of(new TaskDefinitionRegistered(arn, register.family(), revision, described,
                    register.tags()));
        }
        if (command instanceof DeregisterTaskDefinition deregister) {
            TaskDefinitionRevision revision = existing(state, deregister.revision());
            if (!ACTIVE.equals(revision.status())) {
                return List.of();
            }
            return List.of(new TaskDefinitionDeregistered(arnOf(state, deregister.revision()), state.family(),
                    deregister.revision(), deregister.at()));
        }
        if (command instanceof DeleteTaskDefinition delete) {
            TaskDefinitionRevision revision = existing(state, delete.revision());
            if (ACTIVE.equals(revision.status())) {
                throw EcsErrors.clientException("The specified task definition is still in ACTIVE status. Please"
                        + " deregister the target and try again.");
            }
            if (DELETE_IN_PROGRESS.equals(revision.status())) {
                return List.of();
            }
            return List.of(new TaskDefinitionDeleted(arnOf(state, delete.revision()), state.family(),
                    delete.revision(), delete.at()));
        }
        if (command instanceof TagTaskDefinition tag) {
            TaskDefinitionRevision revision = existing(state, tag.revision());
            return List.of(new TaskDefinitionTagsChanged(arnOf(state, tag.revision()), state.family(), tag.revision(),
                    Tags.merge(revision.tags(), tag.tags())));
        }
        if (command instanceof UntagTaskDefinition untag) {
            TaskDefinitionRevision revision = existing(state, untag.revision());
            return List.of(new TaskDefinitionTagsChanged(arnOf(state, untag.revision()), state.family(),
                    untag.revision(), Tags.remove(revision.tags(), untag.tagKeys())));
        }
        throw new IllegalArgumentException("Unknown task definition command " + command);
    }

    private static TaskDefinitionRevision existing(FamilyState state, int number) {
        TaskDefinitionRevision revision = state.revisions().get(number);
        if (revision == null) {
            throw EcsErrors.clientException("The specified task definition does not exist.");
        }
        return revision;
    }

    private static String arnOf(FamilyState state, int revision) {
        return state.familyArn() + ":" + revision;
    }

    @Override
    public FamilyState evolve(FamilyState state, TaskDefinitionEvent event) {
        String familyArn = event.partitionKey();
        if (event instanceof TaskDefinitionRegistered registered) {
            return state.withRevision(familyArn, registered.family(), registered.revision(),
                    TaskDefinitionRevision.registered(registered));
        }
        TaskDefinitionRevision revision = state.revisions().get(event.revision());
        if (revision == null) {
            return state;
        }
        return state.withRevision(familyArn, state.family(), event.revision(), revision.after(event));
    }
}
