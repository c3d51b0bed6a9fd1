package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.inZone;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class StrategyOrderTest {

    /**
     * a1 (zone a, 2 tasks of service:web, 1024 MiB left), a2 (zone a, no task, 2048 MiB left),
     * b1 (zone b, 1 task, 4096 MiB left).
     */
    private static ClusterIndex cluster() {
        ClusterIndex index = Instances.cluster(
                inZone("a1", "us-east-1a").remaining(4096, 1024),
                inZone("a2", "us-east-1a").remaining(4096, 2048),
                inZone("b1", "us-east-1b").remaining(4096, 4096));
        Instances.run(index, "a1", "service:web", 2);
        Instances.run(index, "b1", "service:web", 1);
        return index;
    }

    @ParameterizedTest(name = "{0} then {1} → {2}")
    @CsvSource({
            "binpack memory,                       spread instanceId,                     a1",
            "spread instanceId,                    binpack memory,                        a2",
            "spread attribute:ecs.availability-zone, binpack memory,                      b1",
            "binpack cpu,                          binpack memory,                        a1",
            "binpack cpu,                          spread instanceId,                     a2",
            "spread attribute:ecs.availability-zone, spread instanceId,                   b1",
    })
    void firstDecidesLaterBreakTies(String first, String second, String expected) {
        String[] s1 = first.split(" ");
        String[] s2 = second.split(" ");
        PlacementRequest request = task().group("service:web").cpu(0).memory(512)
                .strategy(s1[0], s1[1]).strategy(s2[0], s2[1]).build();

        assertThat(Requests.outcome(cluster(), request)).isEqualTo(expected);
    }
}
