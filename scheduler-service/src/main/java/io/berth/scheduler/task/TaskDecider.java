package io.berth.scheduler.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.Tags;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskImported;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStateChanged;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.events.TaskEvent.TaskTagsChanged;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.eventsourcing.Decider;
import io.berth.scheduler.task.TaskCommand.Await;
import io.berth.scheduler.task.TaskCommand.Place;
import io.berth.scheduler.task.TaskCommand.Report;
import io.berth.scheduler.task.TaskCommand.Retag;
import io.berth.scheduler.task.TaskCommand.Stop;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The task aggregate: placed once (or first accepted to wait for capacity, then placed), asked to stop, moved along by its agent's reports (forward only,
 * once per report), tagged. The state is null before the task was placed. Times go into the events
 * to the millisecond, as ECS shows them, so the task folded from its events equals the one read
 * back from DescribeTasks' JSON.
 */
public final class TaskDecider implements Decider<TaskCommand, TaskEvent, TaskState> {

    static final String NOT_FOUND = "The referenced task was not found.";

    @Override
    public TaskState initialState() {
        return null;
    }

    @Override
    public List<TaskEvent> decide(TaskCommand command, TaskState state) {
        if (command instanceof Place place) {
            if (state != null && !state.task().isAwaitingCapacity()) {
                throw new IllegalStateException("Task " + place.taskArn() + " was placed already");
            }
            return List.of(place.placement());
        }
        if (command instanceof Await await) {
            if (state != null) {
                throw new IllegalStateException("Task " + await.taskArn() + " exists already");
            }
            return List.of(await.awaiting());
        }
        if (command instanceof Report report) {
            return reported(report.report(), millis(report.at()), state);
        }
        if (command instanceof Stop stop) {
            if (state == null || !state.clusterArn().equals(stop.clusterArn())) {
                throw EcsErrors.invalidParameter(NOT_FOUND);
            }
            Task task = state.task();
            if (Task.STOPPED.equals(task.desiredStatus())) {
                return List.of();
            }
            return List.of(new TaskStopRequested(task.clusterArn(), task.taskArn(), task.containerInstanceArn(),
                    stop.stopCode(), stop.reason(), millis(stop.at())));
        }
        if (command instanceof Retag retag) {
            if (state == null || !state.clusterArn().equals(retag.clusterArn())) {
                throw EcsErrors.resourceNotFound("The specified resource could not be found.");
            }
            List<Tag> merged = retag.tags() == null ? state.tags() : Tags.merge(state.tags(), retag.tags());
            return List.of(new TaskTagsChanged(state.clusterArn(), state.taskArn(),
                    retag.tagKeys() == null ? merged : Tags.remove(merged, retag.tagKeys())));
        }
        throw new IllegalArgumentException("Unknown task command " + command);
    }

    /** A report of an unknown task, an older report or one that changes nothing leaves no event. */
    private static List<TaskEvent> reported(TaskStateReported report, Instant at, TaskState state) {
        if (state == null || report.version() <= state.reportVersion()) {
            return List.of();
        }
        Task task = state.task();
        Task after = task.reported(report.lastStatus(), report.healthStatus(), report.containers(),
                report.stopCode(), report.stoppedReason(), millis(report.pullStartedAt()),
                millis(report.pullStoppedAt()), millis(report.startedAt()), millis(report.executionStoppedAt()), at);
        if (after == task) {
            return List.of();
        }
        return List.of(new TaskStateChanged(after.clusterArn(), after.taskArn(), after.containerInstanceArn(),
                report.version(), after.lastStatus(), after.desiredStatus(), after.healthStatus(), after.connectivity(),
                after.containers().stream().map(Task.Container::state).toList(), after.stopCode(),
                after.stoppedReason(), after.pullStartedAt(), after.pullStoppedAt(), after.startedAt(),
                after.executionStoppedAt(), after.stoppingAt(), after.stoppedAt()));
    }

    @Override
    public TaskState evolve(TaskState state, TaskEvent event) {
        if (event instanceof TaskPlaced placed) {
            Task task = state != null && state.task().isAwaitingCapacity() ? state.task().placedAfterWaiting(placed)
                    : Task.placed(placed);
            return new TaskState(task, placed.tags(), placed.portBindings(), placed.diagnostics(), 0);
        }
        if (event instanceof TaskAwaitingCapacity awaiting) {
            return new TaskState(Task.awaiting(awaiting), awaiting.tags(), List.of(), null, 0);
        }
        if (event instanceof TaskImported imported) {
            return new TaskState(task(imported), imported.tags(), imported.portBindings(), imported.diagnostics(),
                    imported.reportVersion());
        }
        if (state == null) {
            return null;
        }
        if (event instanceof TaskStopRequested stop) {
            return state.with(state.task().isAwaitingCapacity()
                    ? state.task().stoppedWhileWaiting(stop.stopCode(), stop.reason(), stop.at())
                    : state.task().stopRequested(stop.stopCode(), stop.reason(), stop.at()));
        }
        if (event instanceof TaskStateChanged changed) {
            return state.with(state.task().changed(changed)).reportedAt(changed.reportVersion());
        }
        if (event instanceof TaskTagsChanged tags) {
            return state.withTags(tags.tags());
        }
        return state;
    }

    /** ECS shows times to the millisecond; the events carry them so. */
    static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Task task(TaskImported imported) {
        try {
            return EventJson.mapper().treeToValue(imported.task(), Task.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("TaskImported of " + imported.taskArn() + " holds no ECS task", e);
        }
    }
}
