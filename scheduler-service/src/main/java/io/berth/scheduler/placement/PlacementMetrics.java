package io.berth.scheduler.placement;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Placement decisions as meters: {@value #DECISIONS} times each request the engine (or, for
 * Fargate, the serverless pool) decides (RunTask, StartTask, a service's pass), the decision alone,
 * without the wait for the cluster's index; {@value #TASKS} counts the tasks placed and those that
 * could not be, by outcome.
 */
@ApplicationScoped
public class PlacementMetrics {

    public static final String DECISIONS = "berth.placement.decisions";
    public static final String TASKS = "berth.placement.tasks";

    private final Timer decisions;
    private final Counter placed;
    private final Counter failed;

    public PlacementMetrics(MeterRegistry registry) {
        this.decisions = Timer.builder(DECISIONS).description("Placement requests decided by the engine")
                .serviceLevelObjectives(Duration.ofNanos(10_000), Duration.ofNanos(100_000), Duration.ofMillis(1),
                        Duration.ofMillis(10), Duration.ofMillis(100))
                .register(registry);
        this.placed = Counter.builder(TASKS).tag("outcome", "placed").register(registry);
        this.failed = Counter.builder(TASKS).tag("outcome", "failed").register(registry);
    }

    /** Times one decision and counts what it placed. */
    public <R> R decide(Supplier<R> decision, ToIntFunction<R> placedOf,
            ToIntFunction<R> failedOf) {
        R result = decisions.record(decision);
        placed.increment(placedOf.applyAsInt(result));
        failed.increment(failedOf.applyAsInt(result));
        return result;
    }
}
