package io.berth.scaling.evaluation;

import io.berth.scaling.policy.Cooldowns;
import io.berth.scaling.policy.TargetState;
import io.berth.scaling.service.ServiceView;
import io.berth.scaling.target.ScalableTargetState;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** What the evaluators share: the target as the pure rules see it, and a timer that survives a failed run. */
final class Evaluations {

    private Evaluations() {
    }

    static TargetState targetState(ScalableTargetState state, ServiceView service) {
        Cooldowns cooldowns = state.cooldowns == null ? Cooldowns.NONE : state.cooldowns;
        return new TargetState(state.minCapacity, state.maxCapacity, service.desiredCount,
                state.suspendedState.dynamicScalingInSuspended(), state.suspendedState.dynamicScalingOutSuspended(),
                service.deploying(), cooldowns);
    }

    /** Runs {@code task} every {@code periodMillis} after {@code delayMillis}; a failing run is logged, not fatal. */
    static ScheduledExecutorService every(String name, long delayMillis, long periodMillis, Runnable task,
            Logger log) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warnf(e, "%s failed; it runs again in %d ms", name, periodMillis);
            }
        }, delayMillis, periodMillis, TimeUnit.MILLISECONDS);
        return timer;
    }
}
