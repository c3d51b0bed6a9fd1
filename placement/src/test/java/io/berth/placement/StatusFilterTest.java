package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class StatusFilterTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "ACTIVE,   a",
            "DRAINING, INACTIVE",
    })
    void onlyActiveInstancesTakeTasks(InstanceStatus status, String expected) {
        ClusterIndex index = cluster(instance("a").status(status));

        assertThat(outcome(index, task().build())).isEqualTo(expected);
    }
}
