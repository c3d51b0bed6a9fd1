package io.berth.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The figures of one phase of a run, per operation, while it goes on. */
final class PhaseStats {

    /** The name of the row that sums every operation. */
    static final String ALL = "all";

    private final ConcurrentMap<String, OperationStats> operations = new ConcurrentHashMap<>();

    OperationStats of(String operation) {
        return operations.computeIfAbsent(operation, name -> new OperationStats());
    }

    PhaseReport report(Duration length) {
        OperationStats all = new OperationStats();
        operations.values().forEach(stats -> stats.addTo(all));
        List<OperationReport> reports = operations.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getValue().report(entry.getKey()))
                .toList();
        OperationReport total = all.report(ALL);
        double seconds = length.toNanos() / 1e9;
        return new PhaseReport(seconds, seconds == 0 ? 0 : total.answered() / seconds, reports, total);
    }
}
