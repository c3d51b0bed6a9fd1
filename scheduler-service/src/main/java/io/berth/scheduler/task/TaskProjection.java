package io.berth.scheduler.task;

import io.berth.events.EventEnvelope;
import io.berth.events.TaskEvent;
import io.berth.eventsourcing.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps {@link TaskView} equal to the task streams folded by {@link TaskDecider}. The live path hands
 * it a transaction's events together with the rows it already read; each row remembers the last
 * version it holds, so an event it has is never applied twice.
 */
@ApplicationScoped
public class TaskProjection implements Projection {

    public static final String STREAM_TYPE = "task";
    private static final TaskDecider DECIDER = new TaskDecider();

    @Override
    public String name() {
        return "task-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE);
    }

    @Override
    public void reset() {
        TaskView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope event) {
        Map<String, TaskView> rows = new HashMap<>();
        TaskView row = TaskView.findById(event.aggregateId());
        if (row != null) {
            rows.put(row.taskArn, row);
        }
        apply(rows, new HashMap<>(), List.of(event));
    }

    /**
     * Applies a transaction's events, in order, to the rows of their tasks and writes each row once.
     *
     * @param rows the rows the caller read, by task ARN; the new ones are added
     * @param states the tasks those rows hold, where the caller has them already (saves reading the
     *     rows' JSON again)
     */
    void apply(Map<String, TaskView> rows, Map<String, TaskState> states, List<EventEnvelope> events) {
        Map<String, EventEnvelope> last = new LinkedHashMap<>();
        Map<String, TaskState> after = new HashMap<>();
        for (EventEnvelope event : events) {
            String arn = event.aggregateId();
            TaskView row = rows.get(arn);
            if (row != null && event.aggregateVersion() <= row.version) {
                continue;
            }
            TaskState before = after.containsKey(arn) ? after.get(arn)
                    : states.containsKey(arn) ? states.get(arn) : row == null ? null : row.state();
            after.put(arn, DECIDER.evolve(before, (TaskEvent) event.payload()));
            last.put(arn, event);
        }
        last.forEach((arn, event) -> {
            TaskState state = after.get(arn);
            if (state == null) {
                return;
            }
            TaskView row = rows.get(arn);
            if (row == null) {
                row = new TaskView();
                row.account = event.account();
                row.region = event.region();
                row.hold(state, event.aggregateVersion());
                row.persist();
                rows.put(arn, row);
            } else {
                row.hold(state, event.aggregateVersion());
            }
        });
    }
}
