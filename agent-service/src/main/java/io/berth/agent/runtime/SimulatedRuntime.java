package io.berth.agent.runtime;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A runtime that runs nothing: tasks go PENDING at once and RUNNING after {@code startDelay}, with host ports
 * allocated per container instance, and behave as their {@code berth.simulate.*} docker labels say (see
 * {@code RUNTIMES.md}): exit after a while with an exit code, fail to start, report CPU and memory utilization while
 * RUNNING (all tasks in one round every {@code utilizationInterval}). Keeps no logs.
 */
public final class SimulatedRuntime implements Runtime {

    private static final System.Logger LOG = System.getLogger(SimulatedRuntime.class.getName());

    /**
     * @param startDelay how long a task stays PENDING, standing for the image pull and container start
     * @param utilizationInterval how often a RUNNING task reports its utilization
     */
    public record Settings(Duration startDelay, Duration utilizationInterval) {

        public Settings {
            if (startDelay.isNegative()) {
                throw new IllegalArgumentException("startDelay must not be negative: " + startDelay);
            }
            if (utilizationInterval.isNegative() || utilizationInterval.isZero()) {
                throw new IllegalArgumentException("utilizationInterval must be positive: " + utilizationInterval);
            }
        }
    }

    /** How often generated log lines are written. */
    private static final Duration LOG_TICK = Duration.ofMillis(100);

    private final Settings settings;
    private final UtilizationListener utilization;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService scheduler = RuntimeThreads.named("berth-simulated-runtime");
    private final TaskTable<SimulatedTask> tasks = new TaskTable<>();
    private final Map<String, HostPortAllocator> portsByInstance = new ConcurrentHashMap<>();
    private final ContainerLogs logs;

    public SimulatedRuntime(Settings settings, UtilizationListener utilization) {
        this(settings, utilization, ContainerLogs.NONE);
    }

    /** A runtime whose containers with a log driver write generated lines to it (see {@code RUNTIMES.md}). */
    public SimulatedRuntime(Settings settings, UtilizationListener utilization, ContainerLogs logs) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.utilization = Objects.requireNonNull(utilization, "utilization");
        this.logs = Objects.requireNonNull(logs, "logs");
        long interval = settings.utilizationInterval().toNanos();
        scheduler.scheduleAtFixedRate(() -> UtilizationListener.round(tasks.all(), SimulatedTask::sample,
                clock.instant(), utilization), interval, interval, TimeUnit.NANOSECONDS);
    }

    @Override
    public void start(TaskSpec spec, TaskListener listener) {
        tasks.add(spec.taskArn(), () -> new SimulatedTask(spec, listener)).ifPresent(SimulatedTask::begin);
    }

    @Override
    public void stop(String taskArn, String stopCode, String reason) {
        tasks.get(taskArn).ifPresent(task -> task.stop(stopCode, reason));
    }

    @Override
    public Optional<RunningTask> running(String taskArn) {
        return tasks.get(taskArn).flatMap(task -> Optional.ofNullable(task.lifecycle.current())
                .map(report -> new RunningTask(task.spec, report)));
    }

    @Override
    public Optional<String> logs(String taskArn, String containerName) {
        return Optional.empty();
    }

    @Override
    public void close() {
        tasks.close().forEach(task -> task.stop(StopCodes.TERMINATION_NOTICE, StopCodes.RUNTIME_CLOSED_REASON));
        scheduler.shutdownNow();
    }

    /** One simulated task; its timers run on the scheduler and every transition holds the task's lock. */
    private final class SimulatedTask {

        private final TaskSpec spec;
        private final SimulationPlan plan;
        private final TaskLifecycle lifecycle;
        private final HostPortAllocator ports;
        private final List<Future<?>> timers = new ArrayList<>();
        private final Map<String, ContainerLog> containerLogs = new java.util.LinkedHashMap<>();
        private Instant periodStart;
        private double linesDue;
        private long linesWritten;

        SimulatedTask(TaskSpec spec, TaskListener listener) {
            this.spec = spec;
            this.plan = SimulationPlan.from(spec.dockerLabels());
            this.lifecycle = new TaskLifecycle(spec, listener, clock);
            this.ports = portsByInstance.computeIfAbsent(spec.containerInstanceArn(),
                    instance -> new HostPortAllocator(HostPortAllocator.BOOKS_ONLY));
        }

        synchronized void begin() {
            if (lifecycle.pending()) {
                schedule(this::run, settings.startDelay());
            }
        }

        synchronized void stop(String stopCode, String reason) {
            if (lifecycle.stopped(stopCode, reason, 0)) {
                finish();
            }
        }

        private synchronized void run() {
            if (lifecycle.isStopped()) {
                return;
            }
            if (plan.failToStart() != null) {
                failToStart(plan.failToStart());
                return;
            }
            HostPortAllocator.Allocation allocation;
            try {
                allocation = ports.allocate(spec.taskArn(), spec.containers());
            } catch (PortUnavailableException e) {
                failToStart(e.getMessage());
                return;
            }
            try {
                openLogs();
            } catch (ContainerLogs.LogDriverException e) {
                failToStart(e.getMessage());
                return;
            }
            lifecycle.running(allocation.bindings());
            periodStart = lifecycle.current().startedAt();
            write(container -> "simulated container " + container + " of task " + spec.taskId() + " is running");
            if (plan.logRate() > 0) {
                timers.add(scheduler.scheduleAtFixedRate(this::generate, LOG_TICK.toNanos(), LOG_TICK.toNanos(),
                        TimeUnit.NANOSECONDS));
            }
            if (plan.exitAfter() != null) {
                schedule(this::exit, plan.exitAfter());
            }
        }

        private void openLogs() throws ContainerLogs.LogDriverException {
            for (ContainerSpec container : spec.containers()) {
                try {
                    logs.open(spec, container, null, false).ifPresent(log -> containerLogs.put(container.name(), log));
                } catch (ContainerLogs.LogDriverException e) {
                    containerLogs.values().forEach(ContainerLog::close);
                    containerLogs.clear();
                    throw e;
                }
            }
        }

        /** The lines {@code berth.simulate.log-rate} asks for since the last tick, in every container's log. */
        private synchronized void generate() {
            if (lifecycle.isStopped()) {
                return;
            }
            linesDue += plan.logRate() * LOG_TICK.toNanos() / 1e9;
            for (; linesDue >= 1; linesDue--) {
                long line = ++linesWritten;
                write(container -> "simulated line " + line + " of container " + container);
            }
        }

        private void write(java.util.function.Function<String, String> line) {
            Instant now = clock.instant();
            containerLogs.forEach((name, log) -> log.append(now, line.apply(name)));
        }

        private synchronized void exit() {
            if (lifecycle.containerStopped(spec.firstEssential().name(), plan.exitCode(), null)) {
                lifecycle.stopped(StopCodes.ESSENTIAL_CONTAINER_EXITED, StopCodes.ESSENTIAL_CONTAINER_EXITED_REASON, 0);
                finish();
            }
        }

        /** The utilization since the last sample, while the task runs; {@code periodStart} is null until then. */
        synchronized Optional<UtilizationListener.Sample> sample(Instant now) {
            if (lifecycle.isStopped() || periodStart == null || !now.isAfter(periodStart)) {
                return Optional.empty();
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            UtilizationListener.Sample sample = new UtilizationListener.Sample(spec.taskArn(),
                    plan.cpuNow().sample(random), plan.memory().sample(random), periodStart, now);
            periodStart = now;
            return Optional.of(sample);
        }

        private void failToStart(String reason) {
            lifecycle.failedToStart(StopCodes.CANNOT_START_CONTAINER + reason);
            finish();
        }

        private void schedule(Runnable action, Duration delay) {
            timers.add(scheduler.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS));
        }

        private void finish() {
            timers.forEach(timer -> timer.cancel(false));
            lifecycle.current().containers().forEach(container -> {
                ContainerLog log = containerLogs.get(container.name());
                if (log != null) {
                    log.append(clock.instant(), "simulated container " + container.name() + " exited with code "
                            + container.exitCode());
                }
            });
            containerLogs.values().forEach(ContainerLog::close);
            ports.release(spec.taskArn());
            tasks.remove(spec.taskArn(), this);
        }
    }
}
