package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class MemoryFilterTest {

    @ParameterizedTest(name = "remaining {0}, task {1} → {2}")
    @CsvSource({
            "2048, 2048, a",
            "2047, 2048, RESOURCE:MEMORY",
            "0,    1,    RESOURCE:MEMORY",
    })
    void memoryMustFit(int remaining, int requested, String expected) {
        ClusterIndex index = cluster(instance("a").remaining(4096, remaining));

        assertThat(outcome(index, task().memory(requested).build())).isEqualTo(expected);
    }
}
