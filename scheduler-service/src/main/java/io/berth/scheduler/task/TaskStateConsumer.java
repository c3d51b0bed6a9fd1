package io.berth.scheduler.task;

import io.berth.events.EventEnvelope;
import io.berth.events.TaskStateEvent;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.scheduler.placement.ClusterIndexes;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Moves tasks along as their agents report them, once per report and never backwards; a task that
 * stopped releases its reservation from the placement index after the commit, and every change is
 * announced ({@link TaskChanged}). Stopped tasks are forgotten after the retention.
 */
@ApplicationScoped
public class TaskStateConsumer {

    static final String CONSUMER = "scheduler-task-state";
    private static final Selection<TaskStateEvent> REPORTS = Selection.of(TaskStateEvent.class,
            TaskStateReported.class);

    private final EventConsumer consumer;
    private final ClusterIndexes indexes;
    private final Duration retention;
    private final Event<TaskChanged> changed;

    public TaskStateConsumer(EventConsumer consumer, ClusterIndexes indexes,
            @ConfigProperty(name = "berth.scheduler.stopped-task-retention") Duration retention,
            Event<TaskChanged> changed) {
        this.consumer = consumer;
        this.indexes = indexes;
        this.retention = retention;
        this.changed = changed;
    }

    /**
     * A batch of reports in one transaction (under load a task's PENDING and RUNNING often travel
     * together): one inbox statement and one read of the tasks for the whole batch.
     */
    @Incoming("task-state-events")
    @Blocking
    public void onTaskStates(ConsumerRecords<String, EventEnvelope> records) {
        consumer.consume(CONSUMER, records, REPORTS, fresh -> {
            List<Applied> applied = apply(fresh);
            return () -> applied.forEach(this::announce);
        });
    }

    private List<Applied> apply(List<Delivery<TaskStateEvent>> fresh) {
        Map<String, TaskView> views = new HashMap<>();
        List<String> taskArns = fresh.stream().map(d -> ((TaskStateReported) d.event()).taskArn()).distinct().toList();
        TaskView.<TaskView>list("taskArn in ?1", taskArns).forEach(v -> views.put(v.taskArn, v));
        List<Applied> done = new ArrayList<>();
        Instant lastStop = null;
        for (Delivery<TaskStateEvent> delivery : fresh) {
            TaskStateReported report = (TaskStateReported) delivery.event();
            Instant at = delivery.envelope().occurredAt();
            Applied a = apply(views.get(report.taskArn()), report, at);
            done.add(a);
            lastStop = a.stopped() && (lastStop == null || at.isAfter(lastStop)) ? at : lastStop;
        }
        if (lastStop != null) {
            TaskView.delete("stoppedAt < ?1", lastStop.minus(retention));
        }
        return done;
    }

    private void announce(Applied a) {
        if (a.stopped()) {
            indexes.apply(a.clusterArn(), index -> index.removeTask(a.taskArn()));
        }
        if (a.changed()) {
            changed.fire(new TaskChanged(a.clusterArn(), a.group()));
        }
    }

    /** What a report did: whether it changed the task, whether it stopped it, the task's group. */
    private record Applied(String clusterArn, String taskArn, boolean changed, boolean stopped, String group) {
        static final Applied NOTHING = new Applied(null, null, false, false, null);
    }

    private Applied apply(TaskView view, TaskStateReported report, Instant at) {
        if (view == null || report.version() <= view.reportVersion) {
            return Applied.NOTHING;
        }
        view.reportVersion = report.version();
        TaskDocument task = view.toDocument();
        boolean wasStopped = task.isStopped();
        if (!task.reported(report, at)) {
            return Applied.NOTHING;
        }
        view.store(task);
        boolean stopped = task.isStopped() && !wasStopped;
        if (stopped) {
            view.stoppedAt = at;
        }
        return new Applied(view.clusterArn, view.taskArn, true, stopped, view.group);
    }
}
