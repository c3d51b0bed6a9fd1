package io.berth.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.Shapes.CapacityProviderStrategyItem;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one splitter serves Fargate's providers as it serves Auto Scaling group ones. */
class FargateSplitTest {

    static final List<CapacityProviderStrategyItem> STRATEGY = List.of(
            new CapacityProviderStrategyItem("FARGATE", 1, 1), new CapacityProviderStrategyItem("FARGATE_SPOT", 3, 0));

    private static Map<String, Integer> split(int count, Map<String, Integer> running) {
        PlacementRequests.Launch launch = new PlacementRequests.Launch(FargateRulesTest.fargateDefinition(), null,
                "service:web", null, STRATEGY, List.of(), List.of());
        List<PlacementRequests.Part> parts = PlacementRequests.plan(launch, count, running, 7);
        assertThat(parts).allSatisfy(p -> assertThat(p.launchType()).isEqualTo("FARGATE"));
        return parts.stream().collect(Collectors.groupingBy(p -> p.capacityProvider().orElseThrow(),
                Collectors.summingInt(p -> p.request().count())));
    }

    @Test
    void eightTasksPutTheBaseAndAQuarterOfTheRestOnFargateAndTheOthersOnSpot() {
        assertThat(split(8, Map.of())).containsExactlyInAnyOrderEntriesOf(Map.of("FARGATE", 3, "FARGATE_SPOT", 5));
    }

    @Test
    void aServiceGrowingOneByOneEndsWithTheSameSplit() {
        Map<String, Integer> running = new java.util.HashMap<>();
        for (int i = 0; i < 8; i++) {
            split(1, running).forEach((provider, n) -> running.merge(provider, n, Integer::sum));
        }
        assertThat(running).containsExactlyInAnyOrderEntriesOf(Map.of("FARGATE", 3, "FARGATE_SPOT", 5));
    }

    @Test
    void theFargateLaunchTypeIsOnePartWithoutAProvider() {
        PlacementRequests.Launch launch = new PlacementRequests.Launch(FargateRulesTest.fargateDefinition(), null,
                "family:web", "FARGATE", null, List.of(), List.of());
        List<PlacementRequests.Part> parts = PlacementRequests.plan(launch, 4, Map.of(), 7);
        assertThat(parts).singleElement().satisfies(p -> {
            assertThat(p.launchType()).isEqualTo("FARGATE");
            assertThat(p.capacityProvider()).isEmpty();
            assertThat(p.request().count()).isEqualTo(4);
        });
    }
}
