package io.berth.benchmarks;

import io.berth.placement.ClusterIndex;
import io.berth.placement.PlacementEngine;
import io.berth.placement.PlacementRequest;
import io.berth.placement.PlacementResult;
import io.berth.placement.TaskPlacement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 1's decision without the stack: a RunTask of ten tasks that names no strategy (so {@code random}) on
 * 2,000 large instances (64 vCPUs and 256 GiB, as the load generator registers them) that already run a few of
 * its 16-unit tasks, and on 10,000 for the trend. Sample time gives the percentiles of one whole request;
 * docs/benchmarks.md has the command and the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RandomPlacementBenchmark {

    @Param({"2000", "10000"})
    int instances;

    ClusterIndex index;
    PlacementEngine engine;
    PlacementRequest.Builder request;
    long seed;

    @Setup(Level.Trial)
    public void buildCluster() {
        index = new ClusterIndex();
        for (int i = 0; i < instances; i++) {
            String arn = "arn:aws:ecs:us-east-1:000000000000:container-instance/load/" + String.format("%032x", i);
            index.upsertInstance(PlacementBenchmark.instance(arn, String.format("i-load%011x", i), 65_536, 262_144,
                    PlacementBenchmark.ZONES[i % PlacementBenchmark.ZONES.length], "m5.16xlarge"));
            for (int t = 0; t < i % 4; t++) {
                index.addTask(TaskPlacement.of("task/load/" + i + "/" + t, arn, "family:load", 16, 64));
            }
        }
        engine = new PlacementEngine();
        request = PlacementRequest.builder().cpu(16).memory(64).group("family:load").count(10);
    }

    @Benchmark
    public PlacementResult placeTenTasks() {
        return engine.place(index, request.seed(seed++).build());
    }
}
