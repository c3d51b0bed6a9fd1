package io.berth.agent.runtime;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent-side state machine of one task and its containers: PENDING, then RUNNING, then STOPPED, never
 * backwards. Each transition sends one {@link TaskReport}, with a version one higher than the last, to the task's
 * listener; a transition that is not allowed any more (a duplicate, or one arriving after a later state) is
 * ignored and the method says so by returning false. {@code pullStartedAt} is when the task became PENDING,
 * {@code pullStoppedAt} when it left PENDING, {@code startedAt} when it became RUNNING and
 * {@code executionStoppedAt} when it became STOPPED. Thread-safe.
 */
public final class TaskLifecycle {

    private static final System.Logger LOG = System.getLogger(TaskLifecycle.class.getName());

    private static final String PENDING = "PENDING";
    private static final String RUNNING = "RUNNING";
    private static final String STOPPED = "STOPPED";

    private final String taskArn;
    private final List<ContainerSpec> specs;
    private final TaskListener listener;
    private final Clock clock;
    private final Map<String, ContainerReport> containers = new LinkedHashMap<>();
    private String status = PENDING;
    private long version;
    private String stopCode;
    private String stoppedReason;
    private Instant pullStartedAt;
    private Instant pullStoppedAt;
    private Instant startedAt;
    private Instant executionStoppedAt;
    private TaskReport current;

    /** A new task, PENDING with all its containers; nothing is reported until the first transition. */
    public TaskLifecycle(TaskSpec spec, TaskListener listener, Clock clock) {
        this.taskArn = spec.taskArn();
        this.specs = spec.containers();
        this.listener = listener;
        this.clock = clock;
        this.pullStartedAt = clock.instant();
        spec.containers().forEach(container -> containers.put(container.name(),
                new ContainerReport(container.name(), PENDING, null, null, List.of(),
                        container.details().healthCheck() == null ? null : Health.UNKNOWN, null)));
    }

    /**
     * A task found again after the agent restarted, with its containers as they are now: RUNNING since
     * {@code startedAt} unless a container has not started yet; nothing is reported until its next change, whose
     * version continues after {@code lastVersion}.
     */
    public static TaskLifecycle adopted(TaskSpec spec, TaskListener listener, Clock clock, Instant startedAt,
            long lastVersion, Map<String, ContainerReport> found) {
        TaskLifecycle lifecycle = new TaskLifecycle(spec, listener, clock);
        lifecycle.version = lastVersion;
        lifecycle.containers.replaceAll((name, container) -> found.getOrDefault(name, container));
        if (lifecycle.containers.values().stream().noneMatch(c -> PENDING.equals(c.lastStatus()))) {
            lifecycle.status = RUNNING;
            lifecycle.pullStartedAt = startedAt;
            lifecycle.pullStoppedAt = startedAt;
            lifecycle.startedAt = startedAt;
        }
        lifecycle.current = lifecycle.report();
        return lifecycle;
    }

    /** Sends the first report, PENDING at version 1, unless the task has been reported already. */
    public synchronized boolean pending() {
        if (version > 0) {
            return false;
        }
        publish();
        return true;
    }

    /** PENDING to RUNNING: every container still PENDING becomes RUNNING with its bindings (by container name). */
    public synchronized boolean running(Map<String, List<Binding>> bindings) {
        if (!PENDING.equals(status)) {
            return false;
        }
        Instant now = clock.instant();
        status = RUNNING;
        pullStoppedAt = now;
        startedAt = now;
        containers.replaceAll((name, container) -> PENDING.equals(container.lastStatus())
                ? container.withStatus(RUNNING, null, null, bindings.getOrDefault(name, List.of()))
                : container);
        publish();
        return true;
    }

    /**
     * One container started, as the engine knows it ({@code runtimeId}); the task becomes RUNNING with it once no
     * container is PENDING any more, otherwise the container's change is reported on its own.
     */
    public synchronized boolean containerStarted(String name, String runtimeId, List<Binding> bindings) {
        ContainerReport container = container(name);
        if (STOPPED.equals(status) || !PENDING.equals(container.lastStatus())) {
            return false;
        }
        containers.put(name, container.withStatus(RUNNING, null, null, bindings).withRuntimeId(runtimeId));
        if (PENDING.equals(status) && containers.values().stream().noneMatch(c -> PENDING.equals(c.lastStatus()))) {
            Instant now = clock.instant();
            status = RUNNING;
            pullStoppedAt = now;
            startedAt = now;
        }
        publish();
        return true;
    }

    /** The engine's id of a container created but not started yet; reported with the container's next change. */
    public synchronized void containerCreated(String name, String runtimeId) {
        containers.put(name, container(name).withRuntimeId(runtimeId));
    }

    /** A container's health check result changed the container's health; reported when it differs. */
    public synchronized boolean containerHealth(String name, String healthStatus) {
        ContainerReport container = container(name);
        if (STOPPED.equals(status) || STOPPED.equals(container.lastStatus())
                || healthStatus.equals(container.healthStatus())) {
            return false;
        }
        containers.put(name, container.withHealth(healthStatus));
        publish();
        return true;
    }

    /** The task's health as last reported; null when the agent tells none. */
    public synchronized String healthStatus() {
        return taskHealth();
    }

    /** One container stopped, with its exit code (null if unknown); the task keeps its status. */
    public synchronized boolean containerStopped(String name, Integer exitCode, String reason) {
        ContainerReport container = container(name);
        if (STOPPED.equals(status) || STOPPED.equals(container.lastStatus())) {
            return false;
        }
        containers.put(name, container.withStatus(STOPPED, exitCode, reason, container.networkBindings()));
        publish();
        return true;
    }

    /**
     * The task stopped. Containers that were RUNNING are reported STOPPED with {@code runningExitCode} (null when
     * the runtime reported their exits itself), containers that never ran without an exit code.
     */
    public synchronized boolean stopped(String stopCode, String stoppedReason, Integer runningExitCode) {
        if (STOPPED.equals(status)) {
            return false;
        }
        containers.replaceAll((name, container) -> switch (container.lastStatus()) {
            case RUNNING -> container.withStatus(STOPPED, runningExitCode, null, container.networkBindings());
            case PENDING -> container.withStatus(STOPPED, null, null, List.of());
            default -> container;
        });
        finish(stopCode, stoppedReason);
        return true;
    }

    /**
     * The runtime could not start the task: it goes from PENDING straight to STOPPED with stop code
     * {@link StopCodes#TASK_FAILED_TO_START}, and every container carries {@code reason}. Ignored once RUNNING.
     */
    public synchronized boolean failedToStart(String reason) {
        if (!PENDING.equals(status)) {
            return false;
        }
        containers.replaceAll((name, container) -> container.withStatus(STOPPED, null, reason, List.of()));
        finish(StopCodes.TASK_FAILED_TO_START, reason);
        return true;
    }

    public synchronized boolean isStopped() {
        return STOPPED.equals(status);
    }

    /** The last report sent; null before the first. */
    public synchronized TaskReport current() {
        return current;
    }

    private void finish(String code, String reason) {
        Instant now = clock.instant();
        if (PENDING.equals(status)) {
            pullStoppedAt = now;
        }
        status = STOPPED;
        stopCode = code;
        stoppedReason = reason;
        executionStoppedAt = now;
        publish();
    }

    private ContainerReport container(String name) {
        ContainerReport container = containers.get(name);
        if (container == null) {
            throw new IllegalArgumentException("task " + taskArn + " has no container " + name);
        }
        return container;
    }

    private String taskHealth() {
        Map<String, String> health = new LinkedHashMap<>();
        containers.forEach((name, container) -> health.put(name, container.healthStatus()));
        return Health.ofTask(specs, health);
    }

    private TaskReport report() {
        return new TaskReport(taskArn, version, status, List.copyOf(containers.values()), stopCode, stoppedReason,
                pullStartedAt, pullStoppedAt, startedAt, executionStoppedAt, taskHealth());
    }

    private void publish() {
        version++;
        current = report();
        try {
            listener.onStateChange(current);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Listener failed on report " + version + " of task " + taskArn, e);
        }
    }
}
