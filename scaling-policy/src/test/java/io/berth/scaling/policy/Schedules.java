package io.berth.scaling.policy;

import java.time.Instant;
import java.util.Optional;

/** Test helpers: the next run of a schedule as text, {@code none} when there is none. */
final class Schedules {

    static final Instant ANCHOR = Instant.parse("2024-05-01T12:00:00Z");

    private Schedules() {
    }

    static String next(String expression, String timezone, String after) {
        return next(Schedule.parse(expression, timezone, null, null), after);
    }

    static String next(Schedule schedule, String after) {
        Optional<Instant> next = schedule.nextAfter(Instant.parse(after), ANCHOR);
        return next.map(Instant::toString).orElse("none");
    }
}
