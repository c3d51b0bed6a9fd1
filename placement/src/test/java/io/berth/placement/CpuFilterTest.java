package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class CpuFilterTest {

    @ParameterizedTest(name = "remaining {0}, task {1} → {2}")
    @CsvSource({
            "1024, 1024, a",
            "1024, 0,    a",
            "1023, 1024, RESOURCE:CPU",
            "0,    1,    RESOURCE:CPU",
    })
    void cpuMustFit(int remaining, int requested, String expected) {
        ClusterIndex index = cluster(instance("a").remaining(remaining, 8192));

        assertThat(outcome(index, task().cpu(requested).build())).isEqualTo(expected);
    }
}
