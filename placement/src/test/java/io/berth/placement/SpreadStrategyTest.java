package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.inZone;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class SpreadStrategyTest {

    /**
     * a1, a2 in zone a; b1 in zone b; c1 in zone c and rack r1 (the others have no rack, which
     * counts as one value). Tasks of service:web: a1=1, a2=0, b1=2, c1=2.
     */
    private static ClusterIndex cluster() {
        ClusterIndex index = Instances.cluster(
                inZone("a1", "us-east-1a"), inZone("a2", "us-east-1a"),
                inZone("b1", "us-east-1b"), inZone("c1", "us-east-1c").attribute("rack", "r1"));
        Instances.run(index, "a1", "service:web", 1);
        Instances.run(index, "b1", "service:web", 2);
        Instances.run(index, "c1", "service:web", 2);
        Instances.run(index, "a2", "service:other", 5);
        return index;
    }

    @ParameterizedTest(name = "spread {0} → {1} (score {2})")
    @CsvSource({
            "instanceId,                      a2, 0",
            "host,                            a2, 0",
            "attribute:ecs.availability-zone, a1, 1",
            "attribute:rack,                  c1, 2",
    })
    void fewestTasksOfTheGroup(String field, String expected, long score) {
        PlacementRequest request = task().group("service:web").strategy("spread", field)
                .strategy("binpack", "memory").build();
        ClusterIndex index = cluster();
        if (field.equals("attribute:ecs.availability-zone")) {
            // make a1 the binpack favourite so that the zone/rack tie inside the best value is visible
            Instances.run(index, "a1", "family:filler", 1, 0, 4096);
        }

        PlacementResult result = ENGINE.place(index, request);

        assertThat(Requests.instances(result)).isEqualTo(expected);
        assertThat(result.placements().get(0).scores().get(0).value()).isEqualTo(score);
    }

    @ParameterizedTest(name = "{0} tasks spread evenly over three zones")
    @ValueSource(ints = {3, 6, 9})
    void balancesZonesWithinOneRequest(int count) {
        ClusterIndex index = Instances.cluster(
                inZone("a1", "us-east-1a"), inZone("b1", "us-east-1b"), inZone("c1", "us-east-1c"));

        PlacementResult result = ENGINE.place(index, task().count(count)
                .strategy("spread", "attribute:ecs.availability-zone").build());

        assertThat(result.placements()).hasSize(count);
        assertThat(result.placements().stream()
                .map(p -> index.instance(p.instanceArn()).orElseThrow().attribute(InstanceState.AVAILABILITY_ZONE).orElseThrow())
                .collect(java.util.stream.Collectors.groupingBy(z -> z, java.util.stream.Collectors.counting())))
                .hasSize(3)
                .allSatisfy((zone, n) -> assertThat(n).isEqualTo(count / 3L));
    }
}
