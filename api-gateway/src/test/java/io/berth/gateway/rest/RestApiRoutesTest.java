package io.berth.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.gateway.routing.Owner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestApiRoutesTest {

    @ParameterizedTest(name = "/v1/{0} -> {1}")
    @CsvSource({
            "clusters/prod/fleet, AGENT_SERVICE",
            "clusters/prod/fleet/0a1b/heartbeats, AGENT_SERVICE",
            "clusters/prod/tasks/0a1b/containers/web/logs, AGENT_SERVICE",
            "clusters/prod/tasks/0a1b/placement, SCHEDULER_SERVICE",
            "clusters/prod/capacity, SCHEDULER_SERVICE",
            "placement-failures/6c3e0b5a-0000-4000-8000-000000000000, SCHEDULER_SERVICE",
            "clusters/prod, CLUSTER_SERVICE",
            "clusters/prod/events, CLUSTER_SERVICE",
            "task-definitions/web/3, CLUSTER_SERVICE",
            "task-definitions/web/events, CLUSTER_SERVICE",
            "clusters/prod/tasks, SCHEDULER_SERVICE",
            "clusters/prod/container-instances, AGENT_SERVICE",
            "clusters/prod/tasks/0a1b, SCHEDULER_SERVICE",
            "clusters/prod/tasks/0a1b/events, SCHEDULER_SERVICE",
            "clusters/prod/services/web, SCHEDULER_SERVICE",
            "clusters/prod/services/web/events, SCHEDULER_SERVICE",
            "clusters/prod/services/web/metrics, SCALING_SERVICE",
            "scaling/alarm-notifications, SCALING_SERVICE",
            "auto-scaling-groups/web-hosts/events, AGENT_SERVICE",
    })
    void pathsGoToTheirOwner(String path, Owner owner) {
        assertThat(RestApi.ownerOf(path)).contains(owner);
    }

    @ParameterizedTest(name = "/v1/{0} is no resource")
    @CsvSource({"clusters", "clusters/prod/container-instances/0a1b", "nothing/here", "clusters/prod/fleet/extra",
        "clusters/prod/services", "clusters/prod/tasks/0a1b/events/1",
        "auto-scaling-groups/web-hosts"})
    void otherPathsAreNotFound(String path) {
        assertThat(RestApi.ownerOf(path)).isEmpty();
    }
}
