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
import java.util.List;
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

    /** A batch of reports in one transaction: under load a task's PENDING and RUNNING often travel together. */
    @Incoming("task-state-events")
    @Blocking
    public void onTaskStates(List<EventEnvelope> events) {
        List<Applied> applied = QuarkusTransaction.requiringNew().call(() -> {
            List<Applied> done = new ArrayList<>();
            for (EventEnvelope event : events) {
                if (event != null && event.payload() instanceof TaskStateReported report
                        && inbox.firstDelivery(CONSUMER, event.eventId())) {
                    done.add(apply(report, event.occurredAt()));
                }
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

    private Applied apply(TaskStateReported report, Instant at) {
        TaskView view = TaskView.findById(report.taskArn());
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
            TaskView.delete("stoppedAt < ?1", at.minus(retention));
        }
        return new Applied(view.clusterArn, view.taskArn, true, stopped, view.group);
    }
}
