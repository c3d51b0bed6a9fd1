package io.berth.benchmarks.load;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The counts and the latency histogram of one operation in one phase while the run goes on.
 * Answers arrive on the HTTP client's threads, so every method holds the lock.
 */
final class OperationStats {

    /** The histograms reach 60 s at microsecond resolution with three significant digits. */
    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final Histogram latencyMicros = new Histogram(HIGHEST_MICROS, 3);
    private final Map<String, Long> clientErrors = new TreeMap<>();
    private final Map<String, Long> transportErrors = new TreeMap<>();
    private long sent;
    private long late;
    private long dropped;
    private long ok;
    private long serverErrors;

    synchronized void sent(boolean wasLate) {
        sent++;
        if (wasLate) {
            late++;
        }
    }

    synchronized void dropped() {
        dropped++;
    }

    /** Counts an outcome; answers also record their latency, measured from the intended start. */
    synchronized void completed(long latencyNanos, Outcome outcome) {
        if (outcome instanceof Outcome.TransportError error) {
            transportErrors.merge(error.type(), 1L, Long::sum);
            return;
        }
        // A latency beyond the histogram's reach (a request sent very late) is kept at its ceiling.
        latencyMicros.recordValue(Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        if (outcome instanceof Outcome.ClientError error) {
            clientErrors.merge(error.type(), 1L, Long::sum);
        } else if (outcome instanceof Outcome.ServerError) {
            serverErrors++;
        } else {
            ok++;
        }
    }

    /** Adds these figures to {@code total}, to report all operations together. */
    synchronized void addTo(OperationStats total) {
        synchronized (total) {
            total.latencyMicros.add(latencyMicros);
            clientErrors.forEach((type, count) -> total.clientErrors.merge(type, count, Long::sum));
            transportErrors.forEach((type, count) -> total.transportErrors.merge(type, count, Long::sum));
            total.sent += sent;
            total.late += late;
            total.dropped += dropped;
            total.ok += ok;
            total.serverErrors += serverErrors;
        }
    }

    synchronized OperationReport report(String operation) {
        return new OperationReport(operation, sent, dropped, late, latencyMicros.getTotalCount(), ok,
                Collections.unmodifiableSortedMap(new TreeMap<>(clientErrors)), serverErrors,
                Collections.unmodifiableSortedMap(new TreeMap<>(transportErrors)), LatencyReport.of(latencyMicros));
    }
}
