package io.berth.scheduler.task;

import io.berth.events.EventEnvelope;
import io.berth.events.TaskEvent;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs task commands through the {@link TaskDecider} in the caller's transaction, set-based
 * whatever their number (ADR 0013): one read of the rows the caller has not read, one
 * {@link EventStore#appendAll} for every event, each row written once by the {@link TaskProjection}.
 * RunTask's ten tasks, a poll's reports and a reconciliation's thousand starts or stops cost the
 * same few statements. A Fargate task's stop frees its address in the same transaction. What it
 * wrote is announced as {@link TasksRecorded}, for the memory that follows the tasks after commit.
 */
@ApplicationScoped
public class TaskCommandHandler {

    private static final TaskDecider DECIDER = new TaskDecider();

    private final EventStore store;
    private final TaskProjection projection;
    private final Event<TasksRecorded> recordedTasks;

    public TaskCommandHandler(EventStore store, TaskProjection projection, Event<TasksRecorded> recordedTasks) {
        this.store = store;
        this.projection = projection;
        this.recordedTasks = recordedTasks;
    }

    /** A command and the context its events carry. */
    public record Addressed(TaskCommand command, EventContext context) {
    }

    /** What a command did: the task before and after it (null if it does not exist), and its events. */
    public record Outcome(TaskState before, TaskState after, List<TaskEvent> events) {

        public boolean changed() {
            return !events.isEmpty();
        }

        /** The command stopped the task (its agent's report said STOPPED). */
        public boolean stopped() {
            return after != null && after.task().isStopped() && (before == null || !before.task().isStopped());
        }
    }

    /**
     * Decides the commands in order, each on the task as the ones before it left it, and records what
     * they decided.
     *
     * @param rows the task rows the caller has read, by ARN; the handler adds the ones it reads or creates
     * @return one outcome per command, in order
     * @throws io.berth.ecs.EcsException the first command refused; nothing is recorded then
     */
    @Transactional(TxType.MANDATORY)
    public List<Outcome> handle(List<Addressed> commands, Map<String, TaskView> rows) {
        Set<String> unread = commands.stream().filter(a -> !(a.command() instanceof TaskCommand.Place))
                .map(a -> a.command().taskArn()).filter(arn -> !rows.containsKey(arn)).collect(Collectors.toSet());
        if (!unread.isEmpty()) {
            TaskView.<TaskView>list("taskArn in ?1", unread).forEach(row -> rows.put(row.taskArn, row));
        }
        Map<String, TaskState> read = new HashMap<>();
        Map<String, TaskState> current = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        List<EventStore.Append> appends = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(commands.size());
        for (Addressed addressed : commands) {
            String arn = addressed.command().taskArn();
            if (!current.containsKey(arn)) {
                TaskView row = rows.get(arn);
                TaskState state = row == null ? null : row.state();
                read.put(arn, state);
                current.put(arn, state);
                versions.put(arn, row == null ? 0 : row.version);
            }
            TaskState before = current.get(arn);
            List<TaskEvent> events = DECIDER.decide(addressed.command(), before);
            TaskState after = DECIDER.fold(before, events);
            if (!events.isEmpty()) {
                appends.add(new EventStore.Append(new StreamId(TaskProjection.STREAM_TYPE, arn), versions.get(arn),
                        events, addressed.context()));
                versions.merge(arn, (long) events.size(), Long::sum);
                current.put(arn, after);
            }
            outcomes.add(new Outcome(before, after, events));
        }
        List<EventEnvelope> recorded = store.appendAll(appends);
        projection.apply(rows, read, recorded);
        if (!appends.isEmpty()) {
            recordedTasks.fire(new TasksRecorded(appends.stream().map(a -> a.stream().id()).distinct()
                    .map(arn -> new TasksRecorded.Recorded(current.get(arn), versions.get(arn))).toList()));
        }
        FargateCapacity.release(outcomes.stream().filter(o -> o.stopped() && o.after().task().containerInstanceArn()
                == null).map(o -> o.after().taskArn()).distinct().toList());
        return outcomes;
    }
}
