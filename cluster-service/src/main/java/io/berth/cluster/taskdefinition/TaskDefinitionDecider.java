package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.taskdefinition.FamilyState.Revision;
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
    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";
    public static final String DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS";

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
            Revision revision = existing(state, deregister.revision());
            if (!ACTIVE.equals(revision.status())) {
                return List.of();
            }
            return List.of(new TaskDefinitionDeregistered(arnOf(state, deregister.revision()), state.family(),
                    deregister.revision(), deregister.at()));
        }
        if (command instanceof DeleteTaskDefinition delete) {
            Revision revision = existing(state, delete.revision());
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
            Revision revision = existing(state, tag.revision());
            return List.of(new TaskDefinitionTagsChanged(arnOf(state, tag.revision()), state.family(), tag.revision(),
                    Tags.merge(revision.tags(), tag.tags())));
        }
        if (command instanceof UntagTaskDefinition untag) {
            Revision revision = existing(state, untag.revision());
            return List.of(new TaskDefinitionTagsChanged(arnOf(state, untag.revision()), state.family(),
                    untag.revision(), Tags.remove(revision.tags(), untag.tagKeys())));
        }
        throw new IllegalArgumentException("Unknown task definition command " + command);
    }

    private static Revision existing(FamilyState state, int number) {
        Revision revision = state.revisions().get(number);
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
                    new Revision(registered.taskDefinition(),
                            registered.tags() == null ? List.of() : registered.tags()));
        }
        Revision revision = state.revisions().get(event.revision());
        if (revision == null) {
            return state;
        }
        ObjectNode definition = revision.definition().deepCopy();
        List<io.berth.events.Shapes.Tag> tags = revision.tags();
        if (event instanceof TaskDefinitionDeregistered deregistered) {
            definition.put("status", INACTIVE);
            definition.put("deregisteredAt", Timestamps.epochSeconds(deregistered.deregisteredAt()));
        } else if (event instanceof TaskDefinitionDeleted deleted) {
            definition.put("status", DELETE_IN_PROGRESS);
            definition.put("deleteRequestedAt", Timestamps.epochSeconds(deleted.deleteRequestedAt()));
        } else if (event instanceof TaskDefinitionTagsChanged changed) {
            tags = changed.tags();
        }
        return state.withRevision(familyArn, state.family(), event.revision(), new Revision(definition, tags));
    }
}
