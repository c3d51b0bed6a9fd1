package io.berth.scaling.metrics;

import io.berth.ecs.Arns;
import io.berth.eventstore.AccountsForgotten;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CloudWatch side of ECS service auto scaling: the average CPU and memory utilization of each
 * service's tasks per period ({@code berth.scaling.metric-period}, 60 s as in CloudWatch), from the
 * samples the node agents report. A replica holds the services of the clusters whose partitions it
 * consumes, and so evaluates exactly those.
 */
@ApplicationScoped
public class ServiceMetrics {

    /** Periods kept per service: enough for the 15 datapoints of a scale-in alarm. */
    static final int KEPT_PERIODS = 32;

    public enum Metric { CPU, MEMORY }

    private final long periodMillis;
    private final Map<String, Series> byService = new ConcurrentHashMap<>();

    public ServiceMetrics(@ConfigProperty(name = "berth.scaling.metric-period") Duration period) {
        this.periodMillis = period.toMillis();
    }

    public Duration period() {
        return Duration.ofMillis(periodMillis);
    }

    /** One task's sample for the period ending at {@code periodEnd}. */
    public void record(String serviceArn, double cpu, double memory, Instant periodEnd) {
        byService.computeIfAbsent(serviceArn, s -> new Series()).add(periodEnd.toEpochMilli() / periodMillis, cpu,
                memory);
    }

    public Set<String> services() {
        return byService.keySet();
    }

    /**
     * The last {@code count} complete periods before {@code now}, oldest first: the average of the
     * samples in each, or {@code null} for a period without any.
     */
    public List<Double> datapoints(String serviceArn, Metric metric, int count, Instant now) {
        Series series = byService.get(serviceArn);
        long current = now.toEpochMilli() / periodMillis;
        List<Double> points = new ArrayList<>(count);
        for (long bucket = current - count; bucket < current; bucket++) {
            points.add(series == null ? null : series.average(bucket, metric));
        }
        return points;
    }

    public void forget(String serviceArn) {
        byService.remove(serviceArn);
    }

    /** A reset (ADR 0034) forgets the samples of the account's services. */
    void forget(@Observes AccountsForgotten forgotten) {
        byService.keySet().removeIf(arn -> Arns.accountOf(arn).map(forgotten::includes).orElse(true));
    }

    /** Sums per period, in a ring of {@link #KEPT_PERIODS}. */
    private static final class Series {

        private final long[] buckets = new long[KEPT_PERIODS];
        private final double[] cpu = new double[KEPT_PERIODS];
        private final double[] memory = new double[KEPT_PERIODS];
        private final int[] samples = new int[KEPT_PERIODS];

        Series() {
            java.util.Arrays.fill(buckets, Long.MIN_VALUE);
        }

        synchronized void add(long bucket, double cpuSample, double memorySample) {
            int slot = (int) Math.floorMod(bucket, (long) KEPT_PERIODS);
            if (buckets[slot] != bucket) {
                if (buckets[slot] > bucket) {
                    return; // older than anything kept
                }
                buckets[slot] = bucket;
                cpu[slot] = 0;
                memory[slot] = 0;
                samples[slot] = 0;
            }
            cpu[slot] += cpuSample;
            memory[slot] += memorySample;
            samples[slot]++;
        }

        synchronized Double average(long bucket, Metric metric) {
            int slot = (int) Math.floorMod(bucket, (long) KEPT_PERIODS);
            if (buckets[slot] != bucket || samples[slot] == 0) {
                return null;
            }
            return (metric == Metric.CPU ? cpu[slot] : memory[slot]) / samples[slot];
        }
    }
}
