package io.berth.agent.task;

import io.berth.eventstore.ConsumerDelays;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The hosted agents' own part of a task's way, as {@value #HANDOFF} tagged by {@code step}:
 * {@value #TO_RUNTIME}, from the commit that applied the task's placement to its runtime taking it
 * ({@code pullStartedAt}), and {@value #REPORT}, from the task becoming RUNNING ({@code startedAt})
 * to the commit of the report that says so, whose outbox row is the way back's first leg. Between
 * them is the engine's part; before and after them the consumers' legs ({@code berth.consumer.*}).
 */
@ApplicationScoped
public class HandOffMetrics {

    public static final String HANDOFF = "berth.agent.handoff";
    public static final String TO_RUNTIME = "to-runtime";
    public static final String REPORT = "report";

    private final Timer toRuntime;
    private final Timer report;

    public HandOffMetrics(MeterRegistry registry) {
        toRuntime = timer(registry, TO_RUNTIME, "From a placement's commit to the runtime taking the task");
        report = timer(registry, REPORT, "From a task becoming RUNNING to the commit of its report");
    }

    /** A placement applied at {@code committedAt} reached its runtime at {@code pullStartedAt}. */
    public void toRuntime(Instant committedAt, Instant pullStartedAt) {
        toRuntime.record(nonNegative(committedAt, pullStartedAt));
    }

    /** The report of a task RUNNING since {@code startedAt} committed now. */
    void reported(Instant startedAt) {
        report.record(nonNegative(startedAt, Instant.now()));
    }

    private static Duration nonNegative(Instant from, Instant to) {
        Duration between = Duration.between(from, to);
        return between.isNegative() ? Duration.ZERO : between;
    }

    private static Timer timer(MeterRegistry registry, String step, String description) {
        return Timer.builder(HANDOFF).description(description).tag("step", step)
                .serviceLevelObjectives(ConsumerDelays.legBuckets()).register(registry);
    }
}
