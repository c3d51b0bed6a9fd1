package io.berth.cluster.taskdefinition;

import io.berth.eventstore.JsonColumns;
import io.berth.ecs.TaskDefinitionRevision;
import io.berth.events.EventEnvelope;
import io.berth.events.TaskDefinitionEvent;
import io.berth.eventsourcing.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/** Keeps {@link TaskDefinitionView} equal to the family streams folded by {@link TaskDefinitionDecider}. */
@ApplicationScoped
public class TaskDefinitionProjection implements Projection {

    public static final String STREAM_TYPE = "task-definition-family";
    private static final TaskDefinitionDecider DECIDER = new TaskDefinitionDecider();

    @Override
    public String name() {
        return "task-definition-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE);
    }

    @Override
    public void reset() {
        TaskDefinitionView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope event) {
        TaskDefinitionEvent payload = (TaskDefinitionEvent) event.payload();
        TaskDefinitionView view = TaskDefinitionView.findById(payload.taskDefinitionArn());
        FamilyState before = view == null ? FamilyState.NONE : new FamilyState(event.aggregateId(), view.family,
                view.revision, Map.of(view.revision, revisionOf(view)));
        TaskDefinitionRevision after = DECIDER.evolve(before, payload).revisions().get(payload.revision());
        if (view == null) {
            view = new TaskDefinitionView();
            view.taskDefinitionArn = payload.taskDefinitionArn();
            view.account = event.account();
            view.region = event.region();
            view.family = payload.family();
            view.revision = payload.revision();
        }
        view.status = after.status();
        view.definition = JsonColumns.write(after.definition());
        view.tags = JsonColumns.write(after.tags());
        view.persist();
    }

    static TaskDefinitionRevision revisionOf(TaskDefinitionView view) {
        return new TaskDefinitionRevision((com.fasterxml.jackson.databind.node.ObjectNode) JsonColumns.tree(view.definition),
                JsonColumns.read(view.tags, new com.fasterxml.jackson.core.type.TypeReference<>() { }));
    }
}
