package io.berth.scaling.evaluation;

import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import io.berth.scaling.policy.Schedule;
import io.berth.scaling.service.ServiceView;
import io.berth.scaling.target.ScalableTargetProjection;
import io.berth.scaling.target.ScalableTargetState;
import io.berth.scaling.target.ScalableTargetState.ScheduledAction;
import io.berth.scaling.target.ScalableTargetView;
import io.berth.scaling.target.ScheduledActionDue;
import io.berth.scaling.target.TargetCommand.RunScheduledAction;
import io.berth.scaling.target.TargetCommands;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs scheduled actions when they are due ({@link ScheduledActionDue}, kept by the projection).
 * A run is an event of the target's stream, so two replicas never run the same due time twice:
 * the second finds it already run. A target with scheduled scaling suspended skips its runs.
 */
@ApplicationScoped
public class ScheduledActionRunner {

    private static final Logger LOG = Logger.getLogger(ScheduledActionRunner.class);
    private static final int BATCH = 100;

    private final TargetCommands targets;
    private final Duration check;
    private ScheduledExecutorService timer;

    public ScheduledActionRunner(TargetCommands targets,
            @ConfigProperty(name = "berth.scaling.schedule-check") Duration check) {
        this.targets = targets;
        this.check = check;
    }

    void start(@Observes StartupEvent event) {
        timer = Evaluations.every("scheduled-actions", check.toMillis(), check.toMillis(),
                () -> runDue(Instant.now()), LOG);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public void runDue(Instant now) {
        List<ScheduledActionDue> due = QuarkusTransaction.requiringNew().call(() -> ScheduledActionDue.dueAt(now, BATCH));
        for (ScheduledActionDue action : due) {
            try {
                run(action, now);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Scheduled action %s failed; it is tried again", action.id);
            }
        }
    }

    private void run(ScheduledActionDue due, Instant now) {
        record Subject(ScalableTargetView view, Optional<ServiceView> service) {
        }
        Optional<Subject> subject = QuarkusTransaction.requiringNew().call(() -> Optional
                .ofNullable(ScalableTargetView.<ScalableTargetView>findById(due.streamKey))
                .map(view -> new Subject(view, ServiceView.active(view.serviceArn))));
        if (subject.isEmpty()) {
            return;
        }
        ScalableTargetState state = subject.get().view().toState();
        if (state.suspendedState.scheduledScalingSuspended() || subject.get().service().isEmpty()) {
            skip(due, state.scheduledActions.get(due.name));
            return;
        }
        ScalableTargetView view = subject.get().view();
        boolean ran = !targets.handle(new StreamId(ScalableTargetProjection.STREAM_TYPE, view.streamKey),
                new RunScheduledAction(due.name, due.nextRunAt, subject.get().service().get().desiredCount,
                        UUID.randomUUID().toString(), now),
                EventContext.of(view.account, view.region, UUID.randomUUID())).isEmpty();
        if (!ran) {
            skip(due, state.scheduledActions.get(due.name));
        }
    }

    /** Moves a run that does not happen on to the schedule's next time. */
    private static void skip(ScheduledActionDue due, ScheduledAction action) {
        QuarkusTransaction.requiringNew().run(() -> {
            ScheduledActionDue row = ScheduledActionDue.findById(due.id);
            if (row == null || !row.nextRunAt.equals(due.nextRunAt)) {
                return;
            }
            Optional<Instant> next = action == null ? Optional.empty()
                    : Schedule.parse(action.schedule(), action.timezone(), action.startTime(), action.endTime())
                            .nextAfter(due.nextRunAt, action.creationTime());
            if (next.isPresent()) {
                row.nextRunAt = next.get();
            } else {
                row.delete();
            }
        });
    }
}
