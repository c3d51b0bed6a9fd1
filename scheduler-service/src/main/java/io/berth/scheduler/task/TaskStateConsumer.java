package io.berth.scheduler.task;

import io.berth.events.EventEnvelope;
import io.berth.events.TaskStateEvent;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamVersionConflictException;
import io.berth.scheduler.placement.ClusterIndexes;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Moves tasks along as their agents report them, once per report and never backwards: each report
 * that changes its task is a {@code TaskStateChanged} on the task's stream. A task that stopped
 * releases its reservation from the placement index after the commit, and every change is announced
 * ({@link TaskChanged}). Stopped tasks leave the projection after the retention; their streams stay.
 */
@ApplicationScoped
public class TaskStateConsumer {

    static final String CONSUMER = "scheduler-task-state";
    private static final int ATTEMPTS = 5;
    static final Selection<TaskStateEvent> REPORTS = Selection.of(TaskStateEvent.class,
            TaskStateReported.class);

    private final EventConsumer consumer;
    private final TaskCommandHandler tasks;
    private final ClusterIndexes indexes;
    private final Duration retention;
    private final Event<TaskChanged> changed;

    public TaskStateConsumer(EventConsumer consumer, TaskCommandHandler tasks, ClusterIndexes indexes,
            @ConfigProperty(name = "berth.scheduler.stopped-task-retention") Duration retention,
            Event<TaskChanged> changed) {
        this.consumer = consumer;
        this.tasks = tasks;
        this.indexes = indexes;
        this.retention = retention;
        this.changed = changed;
    }

    /**
     * A batch of reports in one transaction (under load a task's PENDING and RUNNING often travel
     * together): one inbox statement, one read of the tasks and one append for the whole batch.
     */
    @Incoming("task-state-events")
    @Blocking(EventConsumer.WORKERS)
    public void onTaskStates(ConsumerRecords<String, EventEnvelope> records) {
        // Conflicts are tried again at once, a few times; whatever outlasts them (or any other failure) is
        // tried again with a growing wait until the batch is applied (ADR 0070).
        consumer.untilApplied(CONSUMER, () -> applyResolvingConflicts(records));
    }

    private void applyResolvingConflicts(ConsumerRecords<String, EventEnvelope> records) {
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.consume(CONSUMER, records, REPORTS, fresh -> {
                    List<TaskCommandHandler.Outcome> applied = apply(fresh);
                    return () -> applied.forEach(this::announce);
                });
                return;
            } catch (StreamVersionConflictException e) {
                // A stop request (StopTask, a service) reached one of the tasks first; nothing of the
                // batch was kept, so it is applied again on what that left.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private List<TaskCommandHandler.Outcome> apply(List<Delivery<TaskStateEvent>> fresh) {
        List<TaskCommandHandler.Addressed> reports = fresh.stream().map(d -> new TaskCommandHandler.Addressed(
                new TaskCommand.Report((TaskStateReported) d.event(), d.envelope().occurredAt()),
                EventContext.causedBy(d.envelope()))).toList();
        List<TaskCommandHandler.Outcome> outcomes = tasks.handle(reports, new HashMap<>());
        Instant lastStop = null;
        for (int i = 0; i < outcomes.size(); i++) {
            Instant at = fresh.get(i).envelope().occurredAt();
            lastStop = outcomes.get(i).stopped() && (lastStop == null || at.isAfter(lastStop)) ? at : lastStop;
        }
        if (lastStop != null) {
            TaskView.delete("stoppedAt < ?1", lastStop.minus(retention));
        }
        return outcomes.stream().filter(TaskCommandHandler.Outcome::changed).toList();
    }

    private void announce(TaskCommandHandler.Outcome outcome) {
        TaskState task = outcome.after();
        if (outcome.stopped()) {
            if (task.task().containerInstanceArn() != null) {
                indexes.apply(task.clusterArn(), index -> index.removeTask(task.taskArn()));
            }
        }
        changed.fire(new TaskChanged(task.clusterArn(), task.task().group()));
    }
}
