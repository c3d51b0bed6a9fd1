package io.berth.scheduler.task;

import io.berth.events.EventEnvelope;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.eventstore.Inbox;
import io.berth.scheduler.placement.ClusterIndexes;
import io.berth.scheduler.services.ServiceReconciliation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Moves tasks along as their agents report them, once per report and never backwards; a task that
 * stopped releases its reservation from the placement index after the commit. Stopped tasks are
 * forgotten after the retention.
 */
@ApplicationScoped
public class TaskStateConsumer {

    static final String CONSUMER = "scheduler-task-state";

    private final Inbox inbox;
    private final ClusterIndexes indexes;
    private final Duration retention;
    private final ServiceReconciliation reconciliation;

    public TaskStateConsumer(Inbox inbox, ClusterIndexes indexes,
            @ConfigProperty(name = "berth.scheduler.stopped-task-retention") Duration retention,
            ServiceReconciliation reconciliation) {
        this.inbox = inbox;
        this.indexes = indexes;
        this.retention = retention;
        this.reconciliation = reconciliation;
    }

    /**
     * A batch of reports in one transaction (under load a task's PENDING and RUNNING often travel
     * together): one inbox statement and one read of the tasks for the whole batch.
     */
    @Incoming("task-state-events")
    @Blocking
    public void onTaskStates(List<EventEnvelope> events) {
        List<EventEnvelope> reports = events.stream()
                .filter(e -> e != null && e.payload() instanceof TaskStateReported).toList();
        List<Applied> applied = QuarkusTransaction.requiringNew().call(() -> {
            Set<UUID> fresh = inbox.firstDeliveries(CONSUMER, reports.stream().map(EventEnvelope::eventId).toList());
            Map<String, TaskView> views = new HashMap<>();
            List<String> taskArns = reports.stream().filter(e -> fresh.contains(e.eventId()))
                    .map(e -> ((TaskStateReported) e.payload()).taskArn()).distinct().toList();
            if (!taskArns.isEmpty()) {
                TaskView.<TaskView>list("taskArn in ?1", taskArns).forEach(v -> views.put(v.taskArn, v));
            }
            List<Applied> done = new ArrayList<>();
            Instant lastStop = null;
            for (EventEnvelope event : reports) {
                if (fresh.contains(event.eventId())) {
                    TaskStateReported report = (TaskStateReported) event.payload();
                    Applied a = apply(views.get(report.taskArn()), report, event.occurredAt());
                    done.add(a);
                    lastStop = a.stopped() && (lastStop == null || event.occurredAt().isAfter(lastStop))
                            ? event.occurredAt() : lastStop;
                }
            }
            if (lastStop != null) {
                TaskView.delete("stoppedAt < ?1", lastStop.minus(retention));
            }
            return done;
        });
        for (Applied a : applied) {
            if (a.stopped()) {
                indexes.apply(a.clusterArn(), index -> index.removeTask(a.taskArn()));
            }
            if (a.changed()) {
                reconciliation.wakeForTask(a.clusterArn(), a.group());
            }
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
