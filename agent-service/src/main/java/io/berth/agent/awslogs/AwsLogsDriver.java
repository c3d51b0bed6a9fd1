package io.berth.agent.awslogs;

import io.berth.agent.awslogs.LogsApi.LogsApiException;
import io.berth.agent.runtime.ContainerLog;
import io.berth.agent.runtime.ContainerLogs;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code awslogs} log driver, for every runtime (Podman has none, and simulated and process containers no
 * engine at all): what Docker's driver does, done by the agent. Opening a container's log creates its stream
 * ({@code <prefix>/<container>/<task id>}), and its group first when {@code awslogs-create-group} is true; a missing
 * group otherwise fails the container's start with the error Docker reports. Every {@code flushInterval} (Docker's
 * default is 5 s) each stream's waiting lines go out; full batches go at once.
 */
public final class AwsLogsDriver implements ContainerLogs, AutoCloseable {

    private static final int SENDERS = 4;

    private final LogsApi api;
    private final ScheduledExecutorService timer;
    private final ExecutorService senders;
    private final Set<LogShipper> shippers = ConcurrentHashMap.newKeySet();
    private final Set<LogShipper> queued = ConcurrentHashMap.newKeySet();

    public AwsLogsDriver(LogsApi api, Duration flushInterval) {
        this.api = api;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "awslogs-flush"));
        this.senders = Executors.newFixedThreadPool(SENDERS, runnable -> daemon(runnable, "awslogs-send"));
        timer.scheduleWithFixedDelay(this::flush, flushInterval.toMillis(), flushInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<ContainerLog> open(TaskSpec task, ContainerSpec container, String containerId, boolean resume)
            throws LogDriverException {
        Optional<AwsLogsOptions> found = AwsLogsOptions.of(container.details().logDriver(),
                container.details().logOptions());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AwsLogsOptions options = found.get();
        String region = options.region() != null ? options.region() : task.region();
        String stream = options.streamName(task, container, containerId);
        Instant shippedUntil = Instant.EPOCH;
        try {
            Optional<Instant> last = resume ? api.lastEventTime(task, region, options.group(), stream)
                    : Optional.empty();
            if (last.isPresent()) {
                shippedUntil = last.get();
            } else {
                createStream(task, region, options, stream);
            }
        } catch (LogsApiException e) {
            throw new LogDriverException("failed to initialize logging driver: failed to create Cloudwatch log"
                    + " stream: " + e.code() + ": " + e.getMessage());
        }
        LogShipper shipper = new LogShipper(this, api, task, region, stream, options, shippedUntil);
        shippers.add(shipper);
        return Optional.of(shipper);
    }

    /**
     * Creates the stream, and the group first if it is missing and may be created; a stream or group that exists
     * already is fine, as for Docker's driver.
     */
    void createStream(TaskSpec task, String region, AwsLogsOptions options, String stream) throws LogsApiException {
        try {
            api.createLogStream(task, region, options.group(), stream);
        } catch (LogsApiException e) {
            if ("ResourceAlreadyExistsException".equals(e.code())) {
                return;
            }
            if (!"ResourceNotFoundException".equals(e.code()) || !options.createGroup()) {
                throw e;
            }
            try {
                api.createLogGroup(task, region, options.group());
            } catch (LogsApiException group) {
                if (!"ResourceAlreadyExistsException".equals(group.code())) {
                    throw group;
                }
            }
            try {
                api.createLogStream(task, region, options.group(), stream);
            } catch (LogsApiException again) {
                if (!"ResourceAlreadyExistsException".equals(again.code())) {
                    throw again;
                }
            }
        }
    }

    /** A shipper whose batch is full, or that closed, sends now rather than at the next flush. */
    void sendSoon(LogShipper shipper) {
        if (queued.add(shipper)) {
            try {
                senders.execute(() -> {
                    queued.remove(shipper);
                    send(shipper);
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.remove(shipper);
            }
        }
    }

    private void flush() {
        for (LogShipper shipper : shippers) {
            if (shipper.due() || shipper.finished()) {
                sendSoon(shipper);
            }
        }
    }

    private void send(LogShipper shipper) {
        shipper.send();
        if (shipper.finished()) {
            shippers.remove(shipper);
        }
    }

    /** Sends what every stream still holds, waiting at most {@code wait}, then stops. */
    public void close(Duration wait) {
        timer.shutdownNow();
        shippers.forEach(LogShipper::close);
        senders.shutdown();
        try {
            if (senders.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                shippers.forEach(LogShipper::send);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
