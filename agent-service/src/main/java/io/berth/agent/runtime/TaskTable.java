package io.berth.agent.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The tasks a runtime is running, by ARN, and whether the runtime is closed. Thread-safe. */
final class TaskTable<T> {

    private final Map<String, T> tasks = new HashMap<>();
    private boolean closed;

    /** Creates and adds the task unless one with this ARN is already here; the factory must not call out. */
    synchronized Optional<T> add(String taskArn, Supplier<T> factory) {
        if (closed) {
            throw new IllegalStateException("the runtime is closed");
        }
        if (tasks.containsKey(taskArn)) {
            return Optional.empty();
        }
        T task = factory.get();
        tasks.put(taskArn, task);
        return Optional.of(task);
    }

    synchronized Optional<T> get(String taskArn) {
        return Optional.ofNullable(tasks.get(taskArn));
    }

    synchronized void remove(String taskArn, T task) {
        tasks.remove(taskArn, task);
    }

    synchronized List<T> all() {
        return List.copyOf(tasks.values());
    }

    /** Refuses new tasks from now on and returns those still here. */
    synchronized List<T> close() {
        closed = true;
        return List.copyOf(tasks.values());
    }
}
