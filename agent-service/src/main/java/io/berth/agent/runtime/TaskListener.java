package io.berth.agent.runtime;

/**
 * Receives every state change of a task, in {@code version} order. Called on a runtime thread while the task's
 * state is locked, so it must return quickly; an exception it throws is logged and does not change the task.
 */
@FunctionalInterface
public interface TaskListener {

    void onStateChange(TaskReport report);
}
