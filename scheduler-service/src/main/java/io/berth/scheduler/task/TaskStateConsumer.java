package io.berth.scheduler.task;

import io.berth.events.EventEnvelope;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.eventstore.Inbox;
import io.berth.scheduler.placement.ClusterIndexes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
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

    public TaskStateConsumer(Inbox inbox, ClusterIndexes indexes,
            @ConfigProperty(name = "berth.scheduler.stopped-task-retention") Duration retention) {
        this.inbox = inbox;
        this.indexes = indexes;
        this.retention = retention;
    }

    @Incoming("task-state-events")
    @Blocking
    public void onTaskState(EventEnvelope event) {
        if (event == null || !(event.payload() instanceof TaskStateReported report)) {
            return;
        }
        boolean stopped = QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(CONSUMER, event.eventId())
                && apply(report, event.occurredAt()));
        if (stopped) {
            indexes.apply(report.clusterArn(), index -> index.removeTask(report.taskArn()));
        }
    }

    /** Applies the report; true when it stopped the task. */
    private boolean apply(TaskStateReported report, Instant at) {
        TaskView view = TaskView.findById(report.taskArn());
        if (view == null || report.version() <= view.reportVersion) {
            return false;
        }
        view.reportVersion = report.version();
        TaskDocument task = view.toDocument();
        boolean wasStopped = task.isStopped();
        if (!task.reported(report, at)) {
            return false;
        }
        view.store(task);
        if (task.isStopped() && !wasStopped) {
            view.stoppedAt = at;
            TaskView.delete("stoppedAt < ?1", at.minus(retention));
            return true;
        }
        return false;
    }
}
