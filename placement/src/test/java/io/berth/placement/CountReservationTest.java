package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class CountReservationTest {

    @ParameterizedTest(name = "{0} tasks of {1} MiB on two 8192 MiB instances → {2} placed")
    @CsvSource({
            "2, 8192, 2",
            "3, 8192, 2",
            "4, 4096, 4",
            "5, 4096, 4",
    })
    void eachPlacementReservesBeforeTheNext(int count, int memory, int placed) {
        ClusterIndex index = Instances.cluster(instance("a"), instance("b"));

        PlacementResult result = ENGINE.place(index,
                task().count(count).memory(memory).strategy("binpack", "memory").build());

        assertThat(result.placements()).hasSize(placed);
        assertThat(result.placements().stream().filter(p -> p.instanceArn().equals(Instances.arn("a"))).count())
                .isEqualTo(placed / 2);
        assertThat(result.failures()).hasSize(count - placed)
                .allSatisfy(f -> assertThat(f.reason()).isEqualTo("RESOURCE:MEMORY"));
        assertThat(index.instance(Instances.arn("a")).orElseThrow().remainingMemory())
                .as("the index itself is not changed").isEqualTo(8192);
    }

    @ParameterizedTest(name = "{0} tasks with static port 80 on {1} instances → {2} placed")
    @CsvSource({"2, 2, 2", "3, 2, 2"})
    void staticPortsAreReservedBeforeTheNext(int count, int instances, int placed) {
        ClusterIndex index = new ClusterIndex();
        for (int i = 0; i < instances; i++) {
            index.upsertInstance(instance("i" + i).build());
        }

        PlacementResult result = ENGINE.place(index, task().count(count).tcpPort(80).strategy("binpack", "cpu").build());

        assertThat(result.placements()).hasSize(placed)
                .extracting(PlacementResult.Placement::instanceArn).doesNotHaveDuplicates();
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.reason()).isEqualTo("RESOURCE:PORTS"));
    }

    @ParameterizedTest(name = "two tasks with {0} dynamic ports on one instance get different ports")
    @CsvSource({"1", "3"})
    void dynamicPortsAreReservedBeforeTheNext(int ports) {
        ClusterIndex index = Instances.cluster(instance("a"));

        PlacementResult result = ENGINE.place(index, task().count(2).dynamicPorts(ports).build());

        assertThat(result.placements()).hasSize(2);
        assertThat(result.placements().get(0).dynamicPorts())
                .doesNotContainAnyElementsOf(result.placements().get(1).dynamicPorts());
    }
}
