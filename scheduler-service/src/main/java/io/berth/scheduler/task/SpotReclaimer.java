package io.berth.scheduler.task;

import io.berth.eventstore.EventContext;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.berth.scheduler.ownership.PartitionOwnership.StaleOwnerException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fargate Spot taking capacity back at random (reference {@code fargate.md} §7), so that services on
 * FARGATE_SPOT meet interruptions outside of the {@code /v1} fault injection too: every
 * {@code spot-interruption-check}, each running Spot task of a cluster this scheduler owns is
 * interrupted with probability {@code spot-interruption-rate} (0, the default, never). An
 * interruption is the same stop as the fault injection's ({@link SpotInterruptions#interrupt}).
 */
@ApplicationScoped
public class SpotReclaimer {

    private static final Logger LOG = Logger.getLogger(SpotReclaimer.class);
    private static final String RUNNING_SPOT = "capacityProvider = 'FARGATE_SPOT' and lastStatus = 'RUNNING'"
            + " and desiredStatus = 'RUNNING'";

    private final PartitionOwnership ownership;
    private final TaskCommandHandler tasks;
    private final Event<TaskChanged> changed;
    private final double rate;
    private final Duration check;
    private final RandomGenerator random = new Random();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "spot-reclaimer");
        thread.setDaemon(true);
        return thread;
    });

    public SpotReclaimer(PartitionOwnership ownership, TaskCommandHandler tasks, Event<TaskChanged> changed,
            @ConfigProperty(name = "berth.scheduler.fargate.spot-interruption-rate") double rate,
            @ConfigProperty(name = "berth.scheduler.fargate.spot-interruption-check") Duration check) {
        SpotInterruptions.checkRate(rate);
        this.ownership = ownership;
        this.tasks = tasks;
        this.changed = changed;
        this.rate = rate;
        this.check = check;
    }

    void start(@Observes StartupEvent event) {
        if (rate > 0) {
            worker.scheduleWithFixedDelay(this::round, check.toMillis(), check.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    private void round() {
        try {
            List<String> clusters = QuarkusTransaction.requiringNew().call(() -> TaskView.<TaskView>list(RUNNING_SPOT)
                    .stream().map(t -> t.clusterArn).distinct().toList());
            clusters.forEach(cluster -> reclaim(cluster, rate, random));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Looking for Spot tasks to interrupt failed; the next check tries again");
        }
    }

    /**
     * One draw over the cluster's running Spot tasks, if this scheduler owns the cluster.
     *
     * @return the tasks interrupted
     */
    public List<String> reclaim(String clusterArn, double rate, RandomGenerator random) {
        int partition = PartitionOwnership.partitionOf(clusterArn);
        OptionalLong epoch = ownership.epochOf(partition);
        if (epoch.isEmpty()) {
            return List.of();
        }
        try {
            List<TaskCommandHandler.Outcome> outcomes = QuarkusTransaction.requiringNew().call(() -> {
                ownership.requireCurrent(partition, epoch.getAsLong());
                List<TaskView> running = TaskView.list(RUNNING_SPOT + " and clusterArn = ?1 order by taskArn",
                        clusterArn);
                Instant now = Instant.now();
                return tasks.handle(SpotInterruptions.drawn(running, rate, random).stream()
                        .map(row -> new TaskCommandHandler.Addressed(SpotInterruptions.interrupt(clusterArn,
                                row.taskArn, row.capacityProvider, now), EventContext.of(row.account, row.region,
                                        UUID.randomUUID())))
                        .toList(), new HashMap<>());
            });
            List<TaskCommandHandler.Outcome> interrupted = outcomes.stream().filter(TaskCommandHandler.Outcome::changed)
                    .toList();
            interrupted.forEach(o -> changed.fire(new TaskChanged(o.after().task().clusterArn(),
                    o.after().task().group())));
            return interrupted.stream().map(o -> o.after().task().taskArn()).toList();
        } catch (StaleOwnerException e) {
            LOG.debugf("Not interrupting Spot tasks: %s", e.getMessage());
            return List.of();
        }
    }
}
