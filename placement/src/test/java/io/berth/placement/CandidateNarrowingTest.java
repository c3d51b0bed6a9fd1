package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.inZone;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision does not run the filters on every instance: the index hands over a narrower set
 * first. Structural, not timed: it counts the instances examined.
 */
class CandidateNarrowingTest {

    private static final int INSTANCES = 10_000;

    /** 10,000 instances over 3 zones; every 100th has rack=gpu (1%); a few web tasks already run. */
    private static ClusterIndex bigCluster() {
        ClusterIndex index = new ClusterIndex();
        for (int i = 0; i < INSTANCES; i++) {
            InstanceState.Builder b = inZone(String.format("i%05d", i), "us-east-1" + "abc".charAt(i % 3))
                    .remaining(4096 - (i % 7) * 256, 8192 - (i % 5) * 512);
            if (i % 100 == 0) {
                b.attribute("rack", "gpu");
            }
            index.upsertInstance(b.build());
        }
        Instances.run(index, "i00000", "service:web", 2, 256, 512);
        Instances.run(index, "i00100", "service:web", 1, 256, 512);
        return index;
    }

    private static final ClusterIndex CLUSTER = bigCluster();

    @ParameterizedTest(name = "{0} with {1}, {2} tasks: at most {3} examined per decision")
    @CsvSource(delimiter = '|', value = {
            "attribute:rack == gpu                                   | spread instanceId, binpack cpu | 1 | 100",
            "attribute:rack == gpu                                   | spread instanceId, binpack cpu | 5 | 100",
            "attribute:rack in [gpu, fpga]                            | spread attribute:ecs.availability-zone, binpack memory | 3 | 100",
            "attribute:rack exists and attribute:ecs.instance-type == m5.xlarge | binpack cpu     | 2 | 100",
            "attribute:ecs.instance-type == m5.xlarge                | binpack cpu                    | 3 | 1500",
    })
    void narrowsBeforeFiltering(String memberOf, String strategies, int count, int atMost) {
        PlacementRequest.Builder b = task().group("service:web").count(count).constraint("memberOf", memberOf);
        for (String s : strategies.split(",")) {
            String[] parts = s.trim().split(" ");
            b.strategy(parts[0], parts[1]);
        }

        PlacementResult result = ENGINE.place(CLUSTER, b.build());

        assertThat(result.placements()).hasSize(count);
        assertThat(result.diagnostics()).allSatisfy(d -> {
            assertThat(d.instancesInCluster()).isEqualTo(INSTANCES);
            assertThat(d.candidatesExamined()).isPositive().isLessThanOrEqualTo(atMost);
        });
    }

    @ParameterizedTest(name = "memberOf {0} places on a gpu instance")
    @CsvSource({"attribute:rack == gpu"})
    void placesOnlyOnMatchingInstances(String memberOf) {
        PlacementResult result = ENGINE.place(CLUSTER, task().count(10).constraint("memberOf", memberOf).build());

        assertThat(result.placements()).hasSize(10).allSatisfy(p ->
                assertThat(CLUSTER.instance(p.instanceArn()).orElseThrow().attribute("rack")).contains("gpu"));
        assertThat(result.diagnostics().get(0).candidateSource()).isEqualTo("memberOf attribute rack in [gpu]");
    }

    @ParameterizedTest(name = "binpack {0} first stops at the first fitting value: at most {1} examined")
    @CsvSource({"cpu, 1500", "memory, 2100"})
    void binpackFirstStopsEarly(String field, int atMost) {
        PlacementResult result = ENGINE.place(CLUSTER, task().strategy("binpack", field).build());

        assertThat(result.diagnostics().get(0).candidatesExamined()).isLessThanOrEqualTo(atMost);
        assertThat(result.diagnostics().get(0).candidateSource()).startsWith("remaining " + field);
    }

    @ParameterizedTest(name = "a request nothing fits explains itself over all instances")
    @CsvSource({"attribute:rack == gpu, 9000"})
    void failuresScanEverything(String memberOf, int memory) {
        PlacementResult result = ENGINE.place(CLUSTER, task().memory(memory).constraint("memberOf", memberOf).build());

        assertThat(result.failures()).hasSize(1);
        assertThat(result.failures().get(0).reason()).isEqualTo("RESOURCE:MEMORY");
        assertThat(result.diagnostics().get(0).candidatesExamined()).isEqualTo(INSTANCES);
    }
}
