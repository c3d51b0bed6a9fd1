package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.Collectors;

import static io.berth.placement.Instances.inZone;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class DefaultStrategiesTest {

    @ParameterizedTest(name = "group {0} → {1}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "service:web | spread attribute:ecs.availability-zone,spread instanceId",
            "family:web  | random",
            "-           | random",
    })
    void defaultsDependOnTheGroup(String group, String expected) {
        PlacementRequest request = PlacementRequest.builder().group(group).build();

        assertThat(request.effectiveStrategies().stream().map(Strategy::describe).collect(Collectors.joining(",")))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "service default places on {0}")
    @CsvSource({"b2"})
    void serviceDefaultPicksTheEmptiestZoneThenTheEmptiestInstance(String expected) {
        ClusterIndex index = Instances.cluster(inZone("a1", "us-east-1a"), inZone("b1", "us-east-1b"),
                inZone("b2", "us-east-1b"));
        Instances.run(index, "a1", "service:web", 2);
        Instances.run(index, "b1", "service:web", 1);

        assertThat(Requests.outcome(index, task().group("service:web").build())).isEqualTo(expected);
    }
}
