package io.berth.scheduler.provisioning;

import io.berth.events.EventEnvelope;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamVersionConflictException;
import io.berth.scheduler.capacity.ManagedProviders;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.berth.scheduler.ownership.PartitionOwnership.PartitionsAssigned;
import io.berth.scheduler.ownership.PartitionOwnership.StaleOwnerException;
import io.berth.scheduler.placement.ClusterIndexes;
import io.berth.scheduler.placement.InstancesChanged;
import io.berth.scheduler.task.TaskChanged;
import io.berth.scheduler.task.TaskCommand;
import io.berth.scheduler.task.TaskCommandHandler;
import io.berth.scheduler.task.TaskPlacer;
import io.berth.scheduler.task.TaskView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tasks that wait for capacity (ADR 0039): each pass over a cluster tries its waiting tasks again, in
 * the order they began to wait, stops those that waited past the limit with {@code TaskFailedToStart},
 * and measures CapacityProviderReservation ({@link ReservationMeter}). A pass runs when the
 * cluster's instances changed, when one of its tasks changed (a stop frees room), and every
 * {@code check-interval} for the timeouts and the measurement's period. The waiting tasks are the
 * task projection's rows, so a restart or a new owner of the partition loses none. Only the
 * partition's owner acts, under its fencing epoch, and a pass's placements, stops and measurements
 * commit together.
 */
@ApplicationScoped
public class WaitingTasks {

    private static final Logger LOG = Logger.getLogger(WaitingTasks.class);
    private static final Duration GATHER = Duration.ofMillis(50);
    public static final String FAILED_TO_START = "TaskFailedToStart";

    private final PartitionOwnership ownership;
    private final ClusterIndexes indexes;
    private final TaskPlacer placer;
    private final TaskCommandHandler tasks;
    private final EventStore store;
    private final ReservationMeter meter;
    private final Event<TaskChanged> changed;
    private final Duration timeout;
    private final Duration checkInterval;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** The clusters the last sweep found waiting tasks or managed providers in, and those made to wait since. */
    private volatile Set<String> watched = Set.of();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "waiting-tasks");
        thread.setDaemon(true);
        return thread;
    });

    public WaitingTasks(PartitionOwnership ownership, ClusterIndexes indexes, TaskPlacer placer,
            TaskCommandHandler tasks, EventStore store, ReservationMeter meter, Event<TaskChanged> changed,
            @ConfigProperty(name = "berth.scheduler.capacity.provisioning-timeout") Duration timeout,
            @ConfigProperty(name = "berth.scheduler.capacity.check-interval") Duration checkInterval) {
        this.ownership = ownership;
        this.indexes = indexes;
        this.placer = placer;
        this.tasks = tasks;
        this.store = store;
        this.meter = meter;
        this.changed = changed;
        this.timeout = timeout;
        this.checkInterval = checkInterval;
    }

    void start(@Observes StartupEvent event) {
        worker.scheduleWithFixedDelay(this::sweep, checkInterval.toMillis(), checkInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    void onInstances(@Observes InstancesChanged change) {
        wake(change.clusterArn());
    }

    /** Agents report in bursts: only a cluster where something waits or is measured needs a pass. */
    void onTask(@Observes TaskChanged change) {
        if (watched.contains(change.clusterArn())) {
            wake(change.clusterArn());
        }
    }

    /**
     * On the worker, like every other pass: run on the event's own thread, a sweep could decide a cluster's waiting
     * tasks beside a pass over the same cluster (a conflict to decide again, a reservation measured twice).
     */
    void resume(@ObservesAsync PartitionsAssigned assigned) {
        worker.execute(this::sweep);
    }

    /** A pass over the cluster soon, gathering a burst's wake-ups into one. */
    public void wake(String clusterArn) {
        if (queued.add(clusterArn)) {
            worker.schedule(() -> {
                queued.remove(clusterArn);
                pass(clusterArn);
            }, GATHER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Every cluster with waiting tasks or with a provider that has managed scaling. */
    private void sweep() {
        try {
            Set<String> clusters = new LinkedHashSet<>(QuarkusTransaction.requiringNew().call(() -> {
                List<String> all = new ArrayList<>(TaskView.<TaskView>list(TaskPlacer.AWAITING).stream()
                        .map(t -> t.clusterArn).distinct().toList());
                all.addAll(ManagedProviders.clusters());
                return all;
            }));
            watched = Set.copyOf(clusters);
            clusters.forEach(this::pass);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Looking for tasks that wait for capacity failed; the next check tries again");
        }
    }

    private void pass(String clusterArn) {
        int partition = PartitionOwnership.partitionOf(clusterArn);
        OptionalLong epoch = ownership.epochOf(partition);
        if (epoch.isEmpty()) {
            return;
        }
        try {
            List<TaskCommandHandler.Outcome> outcomes = QuarkusTransaction.requiringNew().call(() -> {
                ownership.requireCurrent(partition, epoch.getAsLong());
                List<TaskCommandHandler.Outcome> done = decide(clusterArn, Instant.now());
                meter.measure(clusterArn, Instant.now());
                return done;
            });
            outcomes.stream().filter(TaskCommandHandler.Outcome::changed).map(o -> o.after().task())
                    .forEach(t -> changed.fire(new TaskChanged(t.clusterArn(), t.group())));
        } catch (StaleOwnerException e) {
            LOG.debugf("Not deciding waiting tasks: %s", e.getMessage());
        } catch (StreamVersionConflictException e) {
            // A StopTask or a service stopped one of the tasks during the pass: decide again on what it left.
            indexes.drop(clusterArn);
            wake(clusterArn);
        } catch (RuntimeException e) {
            indexes.drop(clusterArn);
            LOG.errorf(e, "Deciding the waiting tasks of %s failed; the next check tries again", clusterArn);
        }
    }

    /** Places or stops the cluster's waiting tasks, oldest first. */
    private List<TaskCommandHandler.Outcome> decide(String clusterArn, Instant now) {
        Map<String, TaskView> rows = new HashMap<>();
        List<TaskView> waiting = TaskView.list(TaskPlacer.AWAITING + " and clusterArn = ?1 order by createdAt, taskArn",
                clusterArn);
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<TaskCommandHandler.Addressed> commands = new ArrayList<>();
        for (TaskView row : waiting) {
            rows.put(row.taskArn, row);
            TaskAwaitingCapacity origin = origin(row.taskArn);
            EventContext context = EventContext.of(row.account, row.region, UUID.randomUUID());
            if (!row.createdAt.plus(timeout).isAfter(now)) {
                commands.add(new TaskCommandHandler.Addressed(new TaskCommand.Stop(clusterArn, row.taskArn,
                        FAILED_TO_START, stoppedReason(origin, timeout), now), context));
                continue;
            }
            TaskPlacer.Outcome outcome = placer.placeWaiting(origin, now);
            for (TaskPlaced placed : outcome.placed()) {
                commands.add(new TaskCommandHandler.Addressed(new TaskCommand.Place(placed), context));
            }
        }
        return tasks.handle(commands, rows);
    }

    /**
     * ECS names what was missing ({@code TaskFailedToStart: RESOURCE:MEMORY}); Berth adds the
     * capacity provider and how long the task waited.
     */
    static String stoppedReason(TaskAwaitingCapacity origin, Duration waited) {
        String within = waited.toSeconds() % 60 == 0 ? waited.toMinutes() + " minutes" : waited.toSeconds() + " seconds";
        return FAILED_TO_START + ": " + origin.reason() + " (capacity provider " + origin.capacityProviderName()
                + " provided no instance that could hold the task within " + within + ")";
    }

    /** The event that made the task wait: it holds what its placement needs. */
    private TaskAwaitingCapacity origin(String taskArn) {
        for (EventEnvelope event : store.readStream(taskArn)) {
            if (event.payload() instanceof TaskAwaitingCapacity awaiting) {
                return awaiting;
            }
        }
        throw new IllegalStateException("Task " + taskArn + " waits for capacity without a TaskAwaitingCapacity");
    }
}
