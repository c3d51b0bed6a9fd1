package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class RequiredAttributeFilterTest {

    @ParameterizedTest(name = "requires {0}={1} → {2}")
    @CsvSource(nullValues = "-", value = {
            "ecs.capability.task-eni,                         -,      a",
            "com.amazonaws.ecs.capability.logging-driver.awslogs, -, a",
            "ecs.capability.efs,                              -,      ATTRIBUTE",
            "ecs.cpu-architecture,                            x86_64, a",
            "ecs.cpu-architecture,                            arm64,  ATTRIBUTE",
    })
    void requiredAttributesMustBePresent(String name, String value, String expected) {
        ClusterIndex index = cluster(instance("a")
                .attribute("ecs.capability.task-eni", null)
                .attribute("com.amazonaws.ecs.capability.logging-driver.awslogs", null)
                .attribute("ecs.cpu-architecture", "x86_64"));

        PlacementRequest request = task().requiresAttribute(RequiredAttribute.of(name, value)).build();

        assertThat(outcome(index, request)).isEqualTo(expected);
    }
}
