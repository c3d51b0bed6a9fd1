package io.berth.benchmarks;

import io.berth.ecs.rest.ApiMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording one answered call costs ({@link ApiMetrics#record}, run by every service for every call it
 * answers): four operations in turn, on the Prometheus registry the services publish, so each call finds a timer
 * that exists already, as in a service after its first calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ApiMetricsBenchmark {

    private static final String[] OPERATIONS = {"DescribeClusters", "DescribeTasks", "ListTasks",
        "ListContainerInstances"};

    private ApiMetrics metrics;
    private int next;

    @Setup
    public void registry() {
        metrics = new ApiMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @Benchmark
    public void recordACall() {
        next = (next + 1) & 3;
        metrics.record("ecs", OPERATIONS[next], 200, null, 1_234_567L);
    }
}
