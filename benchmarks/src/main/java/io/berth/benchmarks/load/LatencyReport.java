package io.berth.benchmarks.load;

import org.HdrHistogram.Histogram;

/** Latency percentiles of one operation in microseconds, from each request's intended start to its answer. */
public record LatencyReport(long p50, long p90, long p99, long p999, long max, double mean) {

    /** The percentiles of a histogram in microseconds; null when it holds no value. */
    static LatencyReport of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return null;
        }
        return new LatencyReport(micros.getValueAtPercentile(50), micros.getValueAtPercentile(90),
                micros.getValueAtPercentile(99), micros.getValueAtPercentile(99.9), micros.getMaxValue(),
                micros.getMean());
    }
}
