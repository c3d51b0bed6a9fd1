package io.berth.agent.runtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one thread each runtime does its timed and asynchronous work on. */
final class RuntimeThreads {

    private RuntimeThreads() {
    }

    /** A single daemon thread, so a runtime nobody closed does not keep the JVM alive. */
    static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
