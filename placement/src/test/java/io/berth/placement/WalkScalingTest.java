package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of PlacementBenchmark: 10,000 instances over three zones and ten instance types, a
 * third of them running a task of the service (all in one zone). A decision walks the index in the
 * first strategy's order and examines the instances of the best level only, not the whole memberOf
 * set. Structural, not timed: it counts the instances examined.
 */
class WalkScalingTest {

    private static final int INSTANCES = 10_000;
    private static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};

    private static ClusterIndex benchmarkCluster() {
        ClusterIndex index = new ClusterIndex();
        for (int i = 0; i < INSTANCES; i++) {
            String id = String.format("b%05d", i);
            index.upsertInstance(instance(id)
                    .registered(4096, 8192 + (i % 7) * 1024)
                    .attribute(InstanceState.AVAILABILITY_ZONE, ZONES[i % 3])
                    .attribute(InstanceState.INSTANCE_TYPE, "t" + (i % 10))
                    .build());
            if (i % 3 == 0) {
                index.addTask(TaskPlacement.of("task/web/" + i, Instances.arn(id), "service:web", 256, 512 + (i % 5) * 256));
            }
            if (i % 4 == 0) {
                index.addTask(TaskPlacement.of("task/batch/" + i, Instances.arn(id), "family:batch", 512, 1024));
            }
        }
        return index;
    }

    private static final ClusterIndex CLUSTER = benchmarkCluster();

    @ParameterizedTest(name = "memberOf type t1 (1,000 instances), {0} then {1}, {2} tasks: at most {3} examined")
    @CsvSource({
            // the best level holds ~95 tied instances (zones b and c, least memory left); all are examined
            "spread attribute:ecs.availability-zone, binpack memory,    1, 100",
            "spread attribute:ecs.availability-zone, binpack memory,    4, 100",
            "spread instanceId,                      binpack memory,    1, 100",
            "binpack memory,                         spread instanceId, 1, 150",
    })
    void examinesTheBestLevelOnly(String first, String second, int count, int atMost) {
        String[] s1 = first.split(" ");
        String[] s2 = second.split(" ");
        PlacementRequest request = PlacementRequest.builder().cpu(256).memory(512).group("service:web").count(count)
                .constraint("memberOf", "attribute:ecs.instance-type == t1")
                .strategy(s1[0], s1[1]).strategy(s2[0], s2[1]).seed(7).build();

        PlacementResult result = ENGINE.place(CLUSTER, request);

        assertThat(result.placements()).hasSize(count);
        if (first.startsWith("spread")) {
            // zone a runs the service everywhere: both spreads keep away from it
            assertThat(result.placements()).allSatisfy(p -> assertThat(CLUSTER.instance(p.instanceArn()).orElseThrow()
                    .attribute(InstanceState.AVAILABILITY_ZONE)).isNotEqualTo(java.util.Optional.of("us-east-1a")));
        }
        assertThat(result.diagnostics()).allSatisfy(d -> {
            assertThat(d.candidatesExamined()).isPositive().isLessThanOrEqualTo(atMost);
            assertThat(d.rejections()).isEmpty();
        });
    }
}
