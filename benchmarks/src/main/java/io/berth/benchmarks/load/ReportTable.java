package io.berth.benchmarks.load;

import java.util.ArrayList;
import java.util.Formatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/** A run's figures as a table for people: one row per operation of the measured phase, latencies in ms. */
final class ReportTable {

    private static final String ROW = "%-24s %8s %8s %7s %7s %6s %10s %10s %10s %10s %10s%n";

    private ReportTable() {
    }

    static String render(LoadReport report) {
        Formatter out = new Formatter(new StringBuilder(), Locale.ROOT);
        out.format("Scenario %s against %s: %.1f requests/s targeted, at most %d in flight, seed %d%n",
                report.scenario(), report.endpoint(), report.targetRate(), report.maxInFlight(), report.seed());
        PhaseReport warmup = report.warmup();
        if (warmup.seconds() > 0) {
            OperationReport all = warmup.all();
            out.format("Warm-up %.1f s, not in the table: %d sent, %d answered, %d errors, %d dropped, %d late;"
                            + " p50 %s ms, p99 %s ms, max %s ms%n", warmup.seconds(), all.sent(), all.answered(),
                    all.errors(), all.dropped(), all.late(), millis(all, LatencyReport::p50),
                    millis(all, LatencyReport::p99), millis(all, LatencyReport::max));
        }
        PhaseReport measured = report.measured();
        OperationReport all = measured.all();
        out.format("Measured %.1f s: %.1f answers/s achieved of %.1f targeted; %d sent, %d dropped at the in-flight"
                        + " limit, %d sent more than %d ms late%n%n", measured.seconds(), measured.achievedRate(),
                report.targetRate(), all.sent(), all.dropped(), all.late(),
                TimeUnit.NANOSECONDS.toMillis(LoadDriver.LATE_AFTER_NANOS));
        out.format(ROW, "operation", "sent", "answered", "errors", "dropped", "late",
                "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
        measured.operations().forEach(operation -> row(out, operation));
        row(out, all);
        List<OperationReport> failing = measured.operations().stream().filter(o -> o.errors() > 0).toList();
        if (!failing.isEmpty()) {
            out.format("%nErrors:%n");
            failing.forEach(o -> out.format("  %-22s %s%n", o.operation(), String.join(", ", errors(o))));
        }
        if (report.unfinished() > 0) {
            out.format("%n%d requests were still unanswered when the run stopped waiting for them.%n",
                    report.unfinished());
        }
        return out.toString();
    }

    private static void row(Formatter out, OperationReport o) {
        out.format(ROW, o.operation(), o.sent(), o.answered(), o.errors(), o.dropped(), o.late(),
                millis(o, LatencyReport::p50), millis(o, LatencyReport::p90), millis(o, LatencyReport::p99),
                millis(o, LatencyReport::p999), millis(o, LatencyReport::max));
    }

    private static String millis(OperationReport operation, ToLongFunction<LatencyReport> value) {
        LatencyReport latency = operation.latencyMicros();
        return latency == null ? "-" : String.format(Locale.ROOT, "%.3f", value.applyAsLong(latency) / 1000.0);
    }

    private static List<String> errors(OperationReport operation) {
        List<String> errors = new ArrayList<>();
        operation.clientErrors().forEach((type, count) -> errors.add(type + " " + count));
        if (operation.serverErrors() > 0) {
            errors.add("HTTP 5xx " + operation.serverErrors());
        }
        operation.transportErrors().forEach((type, count) -> errors.add(type + " " + count));
        return errors;
    }
}
