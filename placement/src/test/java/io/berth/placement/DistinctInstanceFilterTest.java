package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class DistinctInstanceFilterTest {

    private static final String UNSATISFIED = "DistinctInstance placement constraint unsatisfied.";

    @ParameterizedTest(name = "a runs {0}, task of {1} → {2}")
    @CsvSource({
            "family:web, family:web, b",
            "family:db,  family:web, a",
            "service:x,  service:x,  b",
    })
    void skipsInstancesRunningTheGroup(String running, String group, String expected) {
        ClusterIndex index = cluster(instance("a").remaining(4096, 4096), instance("b"));
        Instances.run(index, "a", running, 1);
        Instances.run(index, "b", "family:other", 1);

        PlacementRequest request = task().group(group).constraint("distinctInstance", null)
                .strategy("binpack", "memory").build();

        assertThat(outcome(index, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} tasks on 3 instances → {1} placed")
    @CsvSource({"2, 2", "3, 3", "4, 3", "10, 3"})
    void countsTheRequestsOwnTasks(int count, int placed) {
        ClusterIndex index = cluster(instance("a"), instance("b"), instance("c"));

        PlacementResult result = ENGINE.place(index, task().count(count).constraint("distinctInstance", "").build());

        assertThat(result.placements()).hasSize(placed);
        assertThat(result.placements()).extracting(PlacementResult.Placement::instanceArn).doesNotHaveDuplicates();
        assertThat(result.failures()).hasSize(count - placed)
                .allSatisfy(f -> assertThat(f.reason()).isEqualTo(UNSATISFIED));
    }
}
