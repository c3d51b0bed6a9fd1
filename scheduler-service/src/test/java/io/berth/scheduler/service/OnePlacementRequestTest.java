package io.berth.scheduler.service;

import static io.berth.scheduler.service.Services.CLUSTER;
import static io.berth.scheduler.service.Services.TD1;
import static io.berth.scheduler.service.Services.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.placement.ClusterIndex;
import io.berth.placement.InstanceState;
import io.berth.placement.PlacementEngine;
import io.berth.placement.PlacementRequest;
import io.berth.placement.PlacementResult;
import io.berth.scheduler.task.PlacementRequests;
import io.berth.scheduler.task.RunTaskRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A service's tasks and RunTask's are placed from one factory: the same task definition,
 * constraints, strategies and seed give the same request and the same instances. The service path
 * used to ignore requiresAttributes, take only the first capacity provider and seed at random.
 */
class OnePlacementRequestTest {

    private static final List<PlacementConstraint> CONSTRAINTS = List.of(
            new PlacementConstraint("memberOf", "attribute:ecs.instance-type == m5.xlarge"));
    private static final List<PlacementStrategy> STRATEGIES = List.of(new PlacementStrategy("binpack", "memory"));

    private static ObjectNode definition() {
        ObjectNode definition = EventJson.mapper().createObjectNode();
        definition.put("family", "web").put("revision", 1).put("status", "ACTIVE").put("taskDefinitionArn", TD1);
        definition.putArray("containerDefinitions").addObject().put("name", "app").put("image", "busybox")
                .put("cpu", 256).put("memory", 512);
        definition.putArray("requiresAttributes").addObject().put("name", "com.amazonaws.ecs.capability.docker-remote-api.1.38");
        return definition;
    }

    private static ServiceSpec service(List<CapacityProviderStrategyItem> strategy) {
        return ServiceRules.create(create().constraints(CONSTRAINTS).strategies(STRATEGIES).capacityProviders(strategy)
                .build(), CLUSTER);
    }

    private static PlaceTasks runTask(int count, List<CapacityProviderStrategyItem> strategy) {
        return new PlaceTasks(CLUSTER, TD1, definition(), count, "service:web", null, null, strategy, null,
                CONSTRAINTS, STRATEGIES, null, List.of(), null, null);
    }

    private static InstanceState.Builder instance(String id, boolean docker138, String provider) {
        InstanceState.Builder builder = InstanceState.builder("arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/"
                + id).registeredAt(Instant.parse("2026-01-01T00:00:00Z")).registered(4096, 8192)
                .registeredPorts(Set.of(22), Set.of()).remaining(4096, 8192).reservedPorts(Set.of(22), Set.of())
                .capacityProviderName(provider)
                .attribute(InstanceState.AVAILABILITY_ZONE, "eu-west-1" + id.charAt(0))
                .attribute(InstanceState.INSTANCE_TYPE, "m5.xlarge");
        if (docker138) {
            builder.attribute("com.amazonaws.ecs.capability.docker-remote-api.1.38", "");
        }
        return builder;
    }

    private static List<String> place(ClusterIndex index, List<PlacementRequests.Part> parts) {
        PlacementEngine engine = new PlacementEngine();
        return parts.stream().flatMap(part -> {
            PlacementResult result = engine.place(index, part.request());
            return result.placements().stream().map(PlacementResult.Placement::instanceArn);
        }).toList();
    }

    @Test
    void aServiceTaskAndARunTaskOfTheSameDefinitionAndSeedPlaceIdentically() {
        long seed = PlacementRequests.seed("deployment-1");
        List<PlacementRequests.Part> viaRunTask = RunTaskRules.plan(runTask(3, null), seed);
        List<PlacementRequests.Part> viaService = PlacementRequests.plan(service(null).launch(definition()), 3, Map.of(),
                seed);

        // Parsed constraints compare by what they are, not by identity.
        assertThat(viaService).usingRecursiveComparison().isEqualTo(viaRunTask);
        ClusterIndex index = new ClusterIndex();
        for (String id : List.of("a1", "a2", "b1", "b2", "c1")) {
            index.upsertInstance(instance(id, true, null).build());
        }
        assertThat(place(index, viaService)).hasSize(3).isEqualTo(place(index, viaRunTask));
    }

    @Test
    void aServiceHonoursTheTaskDefinitionsRequiredAttributes() {
        ClusterIndex index = new ClusterIndex();
        index.upsertInstance(instance("a1", false, null).build());
        index.upsertInstance(instance("b1", true, null).build());

        List<PlacementRequests.Part> parts = PlacementRequests.plan(service(null).launch(definition()), 2, Map.of(), 7);

        assertThat(parts.get(0).request().requiresAttributes()).hasSize(1);
        assertThat(place(index, parts)).containsOnly(index.instance(
                "arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/b1").orElseThrow().arn());
    }

    @Test
    void aServiceSplitsOverEveryProviderOfItsStrategyByBaseAndWeight() {
        List<CapacityProviderStrategyItem> strategy = List.of(new CapacityProviderStrategyItem("on-demand", 1, 2),
                new CapacityProviderStrategyItem("spot", 3, 0));

        List<PlacementRequests.Part> parts = PlacementRequests.plan(service(strategy).launch(definition()), 6,
                Map.of(), 1);

        assertThat(parts).extracting(PlacementRequests.Part::capacityProvider)
                .containsExactly(Optional.of("on-demand"), Optional.of("spot"));
        assertThat(parts).extracting(p -> p.request().count()).containsExactly(3, 3);
        assertThat(parts).allSatisfy(p -> assertThat(p.request().capacityProvider()).isEqualTo(p.capacityProvider()));
        assertThat(parts).extracting(p -> p.request().seed()).containsExactly(1L, 4L);
    }

    @Test
    void theSplitCountsWhatTheServiceAlreadyRunsOnEachProvider() {
        List<CapacityProviderStrategyItem> strategy = List.of(new CapacityProviderStrategyItem("on-demand", 1, 2),
                new CapacityProviderStrategyItem("spot", 1, 0));
        PlacementRequests.Launch launch = service(strategy).launch(definition());

        assertThat(counts(PlacementRequests.plan(launch, 4, Map.of(), 1)))
                .containsExactly(Map.entry("on-demand", 3), Map.entry("spot", 1));
        // The base is met already: no task goes to it for the base again.
        assertThat(counts(PlacementRequests.plan(launch, 4, Map.of("on-demand", 2), 1)))
                .containsExactly(Map.entry("on-demand", 2), Map.entry("spot", 2));
        // Spot is ahead of its share: the new tasks even it out.
        assertThat(counts(PlacementRequests.plan(launch, 4, Map.of("on-demand", 2, "spot", 4), 1)))
                .containsExactly(Map.entry("on-demand", 4));
    }

    private static List<Map.Entry<String, Integer>> counts(List<PlacementRequests.Part> parts) {
        return parts.stream().map(p -> Map.entry(p.capacityProvider().orElseThrow(), p.request().count())).toList();
    }

    @Test
    void aLargeStartIsCutIntoRequestsOfTenWithTheirOwnSeeds() {
        List<PlacementRequests.Part> parts = PlacementRequests.plan(service(null).launch(definition()), 25, Map.of(), 100);

        assertThat(parts).extracting(p -> p.request().count()).containsExactly(PlacementRequest.MAX_COUNT,
                PlacementRequest.MAX_COUNT, 5);
        assertThat(parts).extracting(p -> p.request().seed()).containsExactly(100L, 110L, 120L);
    }
}
