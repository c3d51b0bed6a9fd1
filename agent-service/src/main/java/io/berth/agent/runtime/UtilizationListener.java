package io.berth.agent.runtime;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Receives the resource utilization of running tasks, as percentages of what each task reserved. A runtime samples
 * all its running tasks in one round and hands the round over in one call, so that whoever publishes them can
 * batch a whole instance's tasks: every sample of a round ends at the same moment. Successive periods of a task
 * are contiguous; a task's first period starts when it started.
 */
@FunctionalInterface
public interface UtilizationListener {

    /** One round's samples; never empty. */
    void onSamples(List<Sample> samples);

    /** One task's utilization from {@code periodStart} to {@code periodEnd}. */
    record Sample(String taskArn, double cpuPercent, double memoryPercent, Instant periodStart, Instant periodEnd) {
    }

    /**
     * Samples every task at {@code now} and hands the samples over in one call, if there are any. A failing listener
     * is logged: it must not end the runtime's sampling schedule.
     */
    static <T> void round(Collection<T> tasks, BiFunction<T, Instant, Optional<Sample>> sampler, Instant now,
            UtilizationListener listener) {
        List<Sample> samples = tasks.stream().map(task -> sampler.apply(task, now)).flatMap(Optional::stream).toList();
        if (samples.isEmpty()) {
            return;
        }
        try {
            listener.onSamples(samples);
        } catch (RuntimeException e) {
            System.getLogger(UtilizationListener.class.getName()).log(Level.WARNING,
                    "Utilization listener failed for " + samples.size() + " samples", e);
        }
    }
}
