package io.berth.agent.task;

import io.berth.eventstore.AccountsForgotten;
import io.berth.events.BerthEvent;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.events.TaskStateEvent.InstanceUtilizationReported;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamId;
import io.berth.eventstore.StreamVersionConflictException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Publishes what agents observe of their tasks: {@code TaskStateReported} (one stream per task, so
 * the report's {@code version} is its position in the stream) and {@code InstanceUtilizationReported}
 * (one stream per container instance: one event per sampling round, whatever the number of its tasks).
 * External agents report synchronously through the Submit* operations; hosted agents' runtimes
 * hand their reports to a queue that one writer drains in batches, in order.
 */
@ApplicationScoped
public class TaskReports {

    public static final String STATE_STREAM = "task-state";
    public static final String UTILIZATION_STREAM = "instance-utilization";
    private static final Logger LOG = Logger.getLogger(TaskReports.class);
    private static final int BATCH = 200;
    private static final int ATTEMPTS = 5;

    /**
     * A report to publish, with the account and region it belongs to; {@code runningSince}, when
     * set, is the start of a task's RUNNING, whose way to this report's commit is metered.
     */
    public record Report(String account, String region, BerthEvent event, Instant runningSince) {

        public Report(String account, String region, BerthEvent event) {
            this(account, region, event, null);
        }
    }

    private final EventStore store;
    private final HandOffMetrics handOffs;
    private final BlockingQueue<Report> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread writer;

    public TaskReports(EventStore store, HandOffMetrics handOffs) {
        this.store = store;
        this.handOffs = handOffs;
    }

    void start(@Observes StartupEvent event) {
        writer = new Thread(this::drain, "task-report-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        writer.interrupt();
    }

    /** Queues a hosted agent's report; it is published shortly, after the ones queued before it. */
    public void enqueue(Report report) {
        queue.add(report);
    }

    /** Drops the reports not written yet of accounts a reset forgot (ADR 0034). */
    void forget(@Observes AccountsForgotten forgotten) {
        queue.removeIf(report -> forgotten.includes(report.account()));
    }

    /** Whether the last report of a task in this cluster says it stopped. */
    public boolean stoppedIn(String taskArn, String clusterArn) {
        List<io.berth.events.EventEnvelope> stream = store.readStream(taskArn);
        return !stream.isEmpty() && stream.get(stream.size() - 1).payload() instanceof TaskStateReported last
                && "STOPPED".equals(last.lastStatus()) && clusterArn.equals(last.clusterArn());
    }

    /** Publishes a report now, in a transaction of its own, retried if another report got in first. */
    public void publish(Report report) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> append(List.of(report)));
                committed(List.of(report));
                return;
            } catch (StreamVersionConflictException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The version of the last state report of a task published so far; 0 before the first. */
    public long lastVersion(String taskArn) {
        return QuarkusTransaction.requiringNew().call(() -> store.currentVersions(List.of(taskArn))
                .getOrDefault(taskArn, 0L));
    }

    private void drain() {
        List<Report> batch = new ArrayList<>();
        while (running) {
            try {
                Report first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Report> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> append(batch));
            committed(batch);
        } catch (RuntimeException e) {
            // One bad report must not take the others with it: retry them one by one.
            LOG.warnf("Publishing %d task reports together failed (%s); publishing them one by one", batch.size(),
                    e.getMessage());
            for (Report report : batch) {
                try {
                    publish(report);
                } catch (RuntimeException single) {
                    LOG.errorf(single, "Dropping a task report that can not be published: %s", report.event());
                }
            }
        }
    }

    private void committed(List<Report> published) {
        published.stream().filter(r -> r.runningSince() != null).forEach(r -> handOffs.reported(r.runningSince()));
    }

    /**
     * Appends the reports in order, set-based: one read of the streams' versions, one append for
     * them all, and one statement each for the tasks that started and those that stopped.
     */
    private void append(List<Report> reports) {
        Map<String, Long> versions = store.currentVersions(reports.stream().map(TaskReports::streamOf).distinct()
                .toList());
        List<EventStore.Append> appends = new ArrayList<>(reports.size());
        List<String> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        for (Report report : reports) {
            String stream = streamOf(report);
            long version = versions.getOrDefault(stream, 0L);
            versions.put(stream, version + 1);
            EventContext context = EventContext.of(report.account(), report.region(), UUID.randomUUID());
            if (report.event() instanceof InstanceUtilizationReported utilization) {
                appends.add(new EventStore.Append(new StreamId(UTILIZATION_STREAM, stream), version,
                        List.of(utilization), context));
                continue;
            }
            TaskStateReported state = (TaskStateReported) report.event();
            appends.add(new EventStore.Append(new StreamId(STATE_STREAM, stream), version, List.of(
                    new TaskStateReported(state.clusterArn(), state.taskArn(), state.containerInstanceArn(), version + 1,
                            state.lastStatus(), state.containers(), state.stopCode(), state.stoppedReason(),
                            state.pullStartedAt(), state.pullStoppedAt(), state.startedAt(),
                            state.executionStoppedAt(), state.healthStatus())), context));
            if ("STOPPED".equals(state.lastStatus())) {
                stopped.add(state.taskArn());
            } else if ("RUNNING".equals(state.lastStatus())) {
                started.add(state.taskArn());
            }
        }
        store.appendAll(appends);
        if (!started.isEmpty()) {
            // A report of a container's exit finds its task RUNNING already: nothing to rewrite (ADR 0061).
            InstanceTask.update("lastStatus = 'RUNNING' where taskArn in ?1 and lastStatus <> 'RUNNING'", started);
        }
        if (!stopped.isEmpty()) {
            InstanceTask.delete("taskArn in ?1", stopped);
        }
    }

    private static String streamOf(Report report) {
        if (report.event() instanceof InstanceUtilizationReported utilization) {
            // The serverless pool's tasks have no instance: they share their cluster's stream.
            return "utilization:" + (utilization.containerInstanceArn() != null ? utilization.containerInstanceArn()
                    : utilization.clusterArn());
        }
        return ((TaskStateReported) report.event()).taskArn();
    }
}
