package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class CapacityProviderFilterTest {

    @ParameterizedTest(name = "instance cp={0} external={1}, request cp={2} launchType={3} → {4}")
    @CsvSource(nullValues = "-", value = {
            "-,   false, -,   -,        a",
            "-,   false, -,   EC2,      a",
            "cp1, false, -,   EC2,      a",
            "-,   true,  -,   EXTERNAL, a",
            "-,   false, -,   EXTERNAL, EMPTY CAPACITY PROVIDER",
            "-,   true,  -,   EC2,      EMPTY CAPACITY PROVIDER",
            "cp1, false, cp1, -,        a",
            "cp2, false, cp1, -,        EMPTY CAPACITY PROVIDER",
            "-,   false, cp1, -,        EMPTY CAPACITY PROVIDER",
    })
    void capacityProviderOrLaunchType(String instanceCp, boolean external, String requestCp, String launchType,
            String expected) {
        InstanceState.Builder a = instance("a").capacityProviderName(instanceCp);
        if (external) {
            a.attribute(InstanceState.EXTERNAL_ATTRIBUTE, "");
        }
        ClusterIndex index = cluster(a);

        PlacementRequest request = task().capacityProvider(requestCp).launchType(launchType).build();

        assertThat(outcome(index, request)).isEqualTo(expected);
    }
}
