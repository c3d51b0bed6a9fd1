package io.berth.agent.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A runtime that runs each container as an operating-system process on this machine (see {@code RUNTIMES.md}):
 * no image is pulled and nothing is isolated; host ports are really bound-checked; output goes to files under
 * {@code <baseDirectory>/<taskId>/<container>/}. A task is RUNNING once all its processes started; when an
 * essential one exits the others are stopped and the task STOPPED with {@code EssentialContainerExited}.
 */
public final class ProcessRuntime implements Runtime {

    private static final System.Logger LOG = System.getLogger(ProcessRuntime.class.getName());
    /** How often the output files of containers with a log driver are read. */
    private static final Duration TAIL_INTERVAL = Duration.ofMillis(100);
    /** What {@link #close()} allows on top of the longest stop timeout before it gives up waiting. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    /**
     * @param baseDirectory where task directories, logs and volumes go
     * @param defaultStopTimeout SIGTERM-to-SIGKILL time for containers whose definition sets no {@code stopTimeout}
     * @param efsDirectory where EFS file systems live, one directory per {@code fileSystemId}
     */
    public record Settings(Path baseDirectory, Duration defaultStopTimeout, Path efsDirectory) {

        /** ECS's stop timeout when a container definition sets none. */
        public static final Duration ECS_DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

        public Settings {
            Objects.requireNonNull(baseDirectory, "baseDirectory");
            if (defaultStopTimeout.isNegative()) {
                throw new IllegalArgumentException("defaultStopTimeout must not be negative: " + defaultStopTimeout);
            }
            Objects.requireNonNull(efsDirectory, "efsDirectory");
        }

        /** EFS file systems under {@code <baseDirectory>/efs}. */
        public Settings(Path baseDirectory, Duration defaultStopTimeout) {
            this(baseDirectory, defaultStopTimeout, baseDirectory.resolve("efs"));
        }

        public Settings(Path baseDirectory) {
            this(baseDirectory, ECS_DEFAULT_STOP_TIMEOUT);
        }
    }

    /**
     * Whom RUNNING tasks report their utilization to, and how often: the CPU time and resident memory of
     * their processes as percentages of the task-level size (a task without one reports nothing).
     */
    public record Sampling(UtilizationListener listener, Duration interval) {

        public static final Sampling NONE = new Sampling(null, null);

        public Sampling {
            if (listener != null && (interval == null || interval.isNegative() || interval.isZero())) {
                throw new IllegalArgumentException("the utilization interval must be positive: " + interval);
            }
        }
    }

    private final Settings settings;
    private final TaskWorkspace workspace;
    private final HostPortAllocator ports = new HostPortAllocator(HostPortAllocator.SOCKETS);
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService executor = RuntimeThreads.named("berth-process-runtime");
    private final TaskTable<ProcessTask> tasks = new TaskTable<>();
    private final ContainerLogs logs;
    private final LogFileTailer tailer = new LogFileTailer(TAIL_INTERVAL, clock);

    private final TaskEndpoints endpoints;

    public ProcessRuntime(Settings settings) {
        this(settings, ContainerLogs.NONE, TaskEndpoints.NONE);
    }

    /**
     * A runtime whose containers' output also goes to their log driver (read from their files as it grows), and
     * whose processes find the task's metadata and credentials endpoints on loopback.
     */
    public ProcessRuntime(Settings settings, ContainerLogs logs, TaskEndpoints endpoints) {
        this(settings, logs, endpoints, Sampling.NONE);
    }

    /** The same, with its tasks' utilization sampled from {@code /proc}. */
    public ProcessRuntime(Settings settings, ContainerLogs logs, TaskEndpoints endpoints, Sampling sampling) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workspace = new TaskWorkspace(settings.baseDirectory());
        this.logs = Objects.requireNonNull(logs, "logs");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        if (sampling.listener() != null) {
            long every = sampling.interval().toNanos();
            executor.scheduleAtFixedRate(() -> UtilizationListener.round(tasks.all(), ProcessTask::sample,
                    clock.instant(), sampling.listener()), every, every, TimeUnit.NANOSECONDS);
        }
    }

    /** Reports PENDING, then launches the processes on the runtime's thread. */
    @Override
    public void start(TaskSpec spec, TaskListener listener) {
        tasks.add(spec.taskArn(), () -> new ProcessTask(spec, listener)).ifPresent(ProcessTask::begin);
    }

    /** Sends the signals and returns; the task is reported STOPPED once all its processes have exited. */
    @Override
    public void stop(String taskArn, String stopCode, String reason) {
        tasks.get(taskArn).ifPresent(task -> task.stop(stopCode, reason));
    }

    /** The container's stdout followed by its stderr; empty for a container never started here. */
    /** Read from {@code /proc} while the container's process runs. */
    @Override
    public Optional<com.fasterxml.jackson.databind.JsonNode> stats(String taskArn, String containerName) {
        return tasks.get(taskArn).flatMap(task -> task.process(containerName)).flatMap(process -> ProcessStats.of(
                containerName, process.pid(), null));
    }

    @Override
    public Optional<RunningTask> running(String taskArn) {
        return tasks.get(taskArn).flatMap(task -> Optional.ofNullable(task.lifecycle.current())
                .map(report -> new RunningTask(task.spec, report)));
    }

    @Override
    public Optional<String> logs(String taskArn, String containerName) {
        return workspace.logs(taskArn, containerName);
    }

    /** Stops every task and waits for their processes, at most the longest stop timeout and five seconds. */
    @Override
    public void close() {
        List<ProcessTask> remaining = tasks.close();
        remaining.forEach(task -> task.stop(StopCodes.TERMINATION_NOTICE, StopCodes.RUNTIME_CLOSED_REASON));
        Duration wait = remaining.stream().flatMap(task -> task.spec.containers().stream())
                .map(container -> container.stopTimeout(settings.defaultStopTimeout()))
                .max(Comparator.naturalOrder()).orElse(Duration.ZERO).plus(CLOSE_GRACE);
        try {
            CompletableFuture.allOf(remaining.stream().map(task -> task.stopped).toArray(CompletableFuture[]::new))
                    .get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "Tasks still stopping when the process runtime closed", e);
        } finally {
            executor.shutdownNow();
            tailer.close();
        }
    }

    /**
     * One task's processes. Launching, exits and stops all hold the task's lock; exits arrive on the runtime's
     * thread, never on the JDK's process-reaper thread.
     */
    private final class ProcessTask {

        private final TaskSpec spec;
        private final TaskLifecycle lifecycle;
        private final Map<String, Process> processes = new LinkedHashMap<>();
        private final Set<String> exited = new HashSet<>();
        private final Map<String, ContainerLog> containerLogs = new LinkedHashMap<>();
        private final Map<String, LogFileTailer.Followed> followed = new LinkedHashMap<>();
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        private String stopCode;
        private String stoppedReason;
        private java.time.Instant sampledAt;
        private ProcessStats.Usage sampled;

        ProcessTask(TaskSpec spec, TaskListener listener) {
            this.spec = spec;
            this.lifecycle = new TaskLifecycle(spec, listener, clock);
        }

        synchronized void begin() {
            if (lifecycle.pending()) {
                executor.execute(this::launch);
            }
        }

        synchronized void stop(String code, String reason) {
            if (stopCode != null || lifecycle.isStopped()) {
                return;
            }
            stopCode = code;
            stoppedReason = reason;
            if (processes.isEmpty()) {
                finish();
            } else {
                terminateRunning();
            }
        }

        private synchronized void launch() {
            if (lifecycle.isStopped()) {
                return;
            }
            Optional<ContainerSpec> withoutCommand = spec.containers().stream()
                    .filter(container -> container.argv().isEmpty()).findFirst();
            if (withoutCommand.isPresent()) {
                failToStart("container " + withoutCommand.get().name() + " has no command");
                return;
            }
            try {
                HostPortAllocator.Allocation allocation = ports.allocate(spec.taskArn(), spec.containers());
                Map<String, Path> directories;
                Map<String, Path> volumes;
                try {
                    directories = createDirectories();
                    volumes = ProcessVolumes.prepare(spec, settings.baseDirectory(), settings.efsDirectory());
                } finally {
                    allocation.releaseHolds();
                }
                openLogs();
                startProcesses(allocation.bindings(), directories, volumes);
                containerLogs.forEach((name, log) -> followed.put(name, tailer.follow(List.of(
                        directories.get(name).resolve(TaskWorkspace.STDOUT),
                        directories.get(name).resolve(TaskWorkspace.STDERR)), log)));
                lifecycle.running(allocation.bindings());
            } catch (IOException | PortUnavailableException | ContainerLogs.LogDriverException e) {
                containerLogs.values().forEach(ContainerLog::close);
                failToStart(e.getMessage());
                return;
            }
            processes.forEach((name, process) -> process.onExit()
                    .thenRunAsync(() -> exited(name, process.exitValue()), executor));
        }

        /** The utilization since the last sample, while the task is RUNNING and has a size; none at the first. */
        synchronized Optional<UtilizationListener.Sample> sample(java.time.Instant now) {
            TaskReport current = lifecycle.current();
            if (spec.cpu() <= 0 || spec.memory() <= 0 || stopCode != null || current == null
                    || !"RUNNING".equals(current.lastStatus())) {
                sampledAt = null;
                return Optional.empty();
            }
            ProcessStats.Usage usage = processes.values().stream().filter(Process::isAlive)
                    .map(process -> ProcessStats.ofTree(process.toHandle()))
                    .reduce(ProcessStats.Usage.NONE, ProcessStats.Usage::plus);
            Optional<UtilizationListener.Sample> sample = Optional.empty();
            if (sampledAt != null && now.isAfter(sampledAt)) {
                double elapsed = Duration.between(sampledAt, now).toNanos();
                // A process that exited since takes its CPU time out of the sum: never below 0.
                double cpu = Math.max(0, usage.cpuNanos() - sampled.cpuNanos()) / elapsed / (spec.cpu() / 1024.0)
                        * 100;
                double memory = usage.residentBytes() / (spec.memory() * 1024.0 * 1024.0) * 100;
                sample = Optional.of(new UtilizationListener.Sample(spec.taskArn(), cpu, memory, sampledAt, now));
            }
            sampledAt = now;
            sampled = usage;
            return sample;
        }

        synchronized Optional<Process> process(String name) {
            return Optional.ofNullable(processes.get(name)).filter(Process::isAlive);
        }

        private void openLogs() throws ContainerLogs.LogDriverException {
            for (ContainerSpec container : spec.containers()) {
                logs.open(spec, container, null, false).ifPresent(log -> containerLogs.put(container.name(), log));
            }
        }

        private synchronized void exited(String name, int exitCode) {
            exited.add(name);
            LogFileTailer.Followed files = followed.remove(name);
            if (files != null) {
                files.finish();
            }
            lifecycle.containerStopped(name, exitCode, null);
            if (stopCode == null && container(name).essential()) {
                stopCode = StopCodes.ESSENTIAL_CONTAINER_EXITED;
                stoppedReason = StopCodes.ESSENTIAL_CONTAINER_EXITED_REASON;
                terminateRunning();
            }
            if (stopCode != null && exited.size() == processes.size()) {
                finish();
            }
        }

        private Map<String, Path> createDirectories() throws IOException {
            Map<String, Path> directories = new LinkedHashMap<>();
            for (ContainerSpec container : spec.containers()) {
                Path directory = workspace.directory(spec.taskArn(), container.name()).orElseThrow(
                        () -> new IOException("task id of " + spec.taskArn() + " is not usable as a directory name"));
                directories.put(container.name(), Files.createDirectories(directory));
            }
            return directories;
        }

        /** All of them or none: the ones started before a failure are killed. */
        private void startProcesses(Map<String, List<Binding>> bindings, Map<String, Path> directories,
                Map<String, Path> volumes) throws IOException {
            try {
                for (ContainerSpec container : spec.containers()) {
                    Path directory = directories.get(container.name());
                    processes.put(container.name(), ContainerLauncher.start(spec, container,
                            bindings.get(container.name()), directory,
                            ProcessVolumes.mount(spec, container, directory, volumes),
                            endpoints.environment(spec, container, TaskEndpoints.Reach.LOOPBACK)));
                }
            } catch (IOException e) {
                processes.values().forEach(ProcessTree::kill);
                processes.clear();
                throw e;
            }
        }

        private void terminateRunning() {
            processes.forEach((name, process) -> {
                if (!exited.contains(name)) {
                    ProcessTree.terminate(process, container(name).stopTimeout(settings.defaultStopTimeout()),
                            executor);
                }
            });
        }

        private ContainerSpec container(String name) {
            return spec.containers().stream().filter(container -> container.name().equals(name)).findFirst()
                    .orElseThrow();
        }

        private void failToStart(String reason) {
            lifecycle.failedToStart(StopCodes.CANNOT_START_CONTAINER + reason);
            release();
        }

        private void finish() {
            lifecycle.stopped(stopCode, stoppedReason, null);
            release();
        }

        private void release() {
            ports.release(spec.taskArn());
            tasks.remove(spec.taskArn(), this);
            stopped.complete(null);
        }
    }
}
