package io.berth.agent.runtime;

import java.util.Optional;

/**
 * Runs tasks on a node agent's container instance and reports their state changes. Implementations are
 * thread-safe. Starting a task whose ARN the runtime is still running is a no-op; dropping redelivered
 * placements of tasks that already stopped is the caller's concern.
 */
public interface Runtime extends AutoCloseable {

    /** Starts a task; reports it PENDING before returning, and every later change to {@code listener}. */
    void start(TaskSpec spec, TaskListener listener);

    /**
     * Asks a task to stop; it ends STOPPED with this stop code and reason once its containers are down (for real
     * processes: SIGTERM, then SIGKILL after the stop timeout). Idempotent: a task already stopping or stopped, or
     * unknown, is left as it is.
     */
    void stop(String taskArn, String stopCode, String reason);

    /** The output of a container, if this runtime keeps any for it. */
    Optional<String> logs(String taskArn, String containerName);

    /**
     * Stops every task still running with stop code {@link StopCodes#TERMINATION_NOTICE}, waits for them, and
     * releases the runtime's threads; a runtime whose tasks outlive the agent ({@link DockerRuntime}) leaves them
     * running instead, to be adopted again. Starting a task afterwards fails with {@link IllegalStateException}.
     */
    @Override
    void close();
}
