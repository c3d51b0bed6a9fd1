package io.berth.benchmarks;

import io.berth.placement.ClusterIndex;
import io.berth.placement.InstanceState;
import io.berth.placement.PlacementEngine;
import io.berth.placement.PlacementRequest;
import io.berth.placement.PlacementResult;
import io.berth.placement.TaskPlacement;
import java.time.Instant;
import java.util.Set;
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
 * One placement decision on clusters of 1k, 10k and 100k instances: a memberOf constraint on the
 * instance type (a tenth of the cluster matches), then spread over availability zones and binpack
 * on memory, for a service whose tasks already run on a part of the cluster. Sample time gives the
 * percentiles; docs/benchmarks.md has the command and the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlacementBenchmark {

    static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};
    static final String[] TYPES = {"m5.large", "m5.xlarge", "m5.2xlarge", "c5.large", "c5.xlarge", "c5.2xlarge",
            "r5.large", "r5.xlarge", "t3.medium", "t3.large"};
    static final String GROUP = "service:web";

    @Param({"1000", "10000", "100000"})
    int instances;

    ClusterIndex index;
    PlacementEngine engine;
    PlacementRequest.Builder request;
    long seed;

    @Setup(Level.Trial)
    public void buildCluster() {
        index = new ClusterIndex();
        for (int i = 0; i < instances; i++) {
            String arn = "arn:aws:ecs:us-east-1:000000000000:container-instance/bench/" + String.format("%032x", i);
            index.upsertInstance(instance(arn, "i-" + Integer.toHexString(i), 4096, 8192 + (i % 7) * 1024,
                    ZONES[i % ZONES.length], TYPES[i % TYPES.length]));
            // A third of the cluster already runs tasks of the service, some of it other work.
            if (i % 3 == 0) {
                index.addTask(TaskPlacement.of("task/web/" + i, arn, GROUP, 256, 512 + (i % 5) * 256));
            }
            if (i % 4 == 0) {
                index.addTask(TaskPlacement.of("task/batch/" + i, arn, "family:batch", 512, 1024));
            }
        }
        engine = new PlacementEngine();
        request = PlacementRequest.builder()
                .cpu(256)
                .memory(512)
                .group(GROUP)
                .constraint("memberOf", "attribute:ecs.instance-type == m5.xlarge")
                .strategy("spread", "attribute:ecs.availability-zone")
                .strategy("binpack", "memory");
    }

    /** A registered instance as an agent announces it: the agent's reserved ports, its zone and type. */
    static InstanceState instance(String arn, String ec2InstanceId, int cpu, int memory, String zone, String type) {
        return InstanceState.builder(arn)
                .ec2InstanceId(ec2InstanceId)
                .registeredAt(Instant.parse("2026-01-01T00:00:00Z"))
                .agentVersion("1.89.0")
                .registered(cpu, memory)
                .registeredPorts(Set.of(22, 2375, 2376, 51678, 51679), Set.of())
                .attribute(InstanceState.AVAILABILITY_ZONE, zone)
                .attribute(InstanceState.INSTANCE_TYPE, type)
                .build();
    }

    @Benchmark
    public PlacementResult placeOneTask() {
        return engine.place(index, request.seed(seed++).build());
    }
}
