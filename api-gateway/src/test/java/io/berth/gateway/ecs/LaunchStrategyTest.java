package io.berth.gateway.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.EcsRequest;
import io.berth.events.EventJson;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strategy a RunTask or CreateService launches with: the request's, or the cluster's default. */
class LaunchStrategyTest {

    static final JsonNode CLUSTER = json("""
            {"clusterArn":"arn:aws:ecs:us-east-1:000000000000:cluster/c","capacityProviders":["FARGATE","FARGATE_SPOT"],
             "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE","weight":1,"base":1},
                                                {"capacityProvider":"FARGATE_SPOT","weight":3,"base":0}]}""");

    static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<CapacityProviderStrategyItem> strategy(String request) {
        return TaskOperations.strategy(EcsRequest.of(json(request)), CLUSTER);
    }

    @Test
    void neitherALaunchTypeNorAStrategyTakesTheClustersDefault() {
        assertThat(strategy("{}")).containsExactly(new CapacityProviderStrategyItem("FARGATE", 1, 1),
                new CapacityProviderStrategyItem("FARGATE_SPOT", 3, 0));
    }

    @Test
    void aLaunchTypeOrTheRequestsOwnStrategyWins() {
        assertThat(strategy("{\"launchType\":\"EC2\"}")).isNull();
        assertThat(strategy("{\"capacityProviderStrategy\":[{\"capacityProvider\":\"FARGATE_SPOT\",\"weight\":1}]}"))
                .containsExactly(new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0));
    }

    @Test
    void aClusterWithoutADefaultLeavesTheLaunchToTheScheduler() {
        assertThat(TaskOperations.strategy(EcsRequest.of(json("{}")), json("{\"capacityProviders\":[]}"))).isNull();
    }

    @Test
    void aStrategyMayNameOnlyTheClustersProviders() {
        assertThatThrownBy(() -> strategy("{\"capacityProviderStrategy\":[{\"capacityProvider\":\"asg\","
                + "\"weight\":1}]}")).hasMessageStartingWith("The specified capacity provider strategy cannot contain"
                        + " a capacity provider that is not associated with the cluster.");
    }
}
