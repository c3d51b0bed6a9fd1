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
    private final TaskListener listener;
    private final Clock clock;
    private final Map<String, ContainerReport> containers = new LinkedHashMap<>();
    private String status = PENDING;
    private long version;
    private String stopCode;
    private String stoppedReason;
    private final Instant pullStartedAt;
    private Instant pullStoppedAt;
    private Instant startedAt;
    private Instant executionStoppedAt;
    private TaskReport current;

    /** A new task, PENDING with all its containers; nothing is reported until the first transition. */
    public TaskLifecycle(TaskSpec spec, TaskListener listener, Clock clock) {
        this.taskArn = spec.taskArn();
        this.listener = listener;
        this.clock = clock;
        this.pullStartedAt = clock.instant();
        spec.containers().forEach(container -> containers.put(container.name(),
                new ContainerReport(container.name(), PENDING, null, null, List.of())));
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
                ? new ContainerReport(name, RUNNING, null, null, bindings.getOrDefault(name, List.of()))
                : container);
        publish();
        return true;
    }

    /** One container stopped, with its exit code (null if unknown); the task keeps its status. */
    public synchronized boolean containerStopped(String name, Integer exitCode, String reason) {
        ContainerReport container = containers.get(name);
        if (container == null) {
            throw new IllegalArgumentException("task " + taskArn + " has no container " + name);
        }
        if (STOPPED.equals(status) || STOPPED.equals(container.lastStatus())) {
            return false;
        }
        containers.put(name, new ContainerReport(name, STOPPED, exitCode, reason, container.networkBindings()));
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
            case RUNNING -> new ContainerReport(name, STOPPED, runningExitCode, null, container.networkBindings());
            case PENDING -> new ContainerReport(name, STOPPED, null, null, List.of());
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
        containers.replaceAll((name, container) -> new ContainerReport(name, STOPPED, null, reason, List.of()));
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

    private void publish() {
        version++;
        current = new TaskReport(taskArn, version, status, List.copyOf(containers.values()), stopCode, stoppedReason,
                pullStartedAt, pullStoppedAt, startedAt, executionStoppedAt);
        try {
            listener.onStateChange(current);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Listener failed on report " + version + " of task " + taskArn, e);
        }
    }
}
