package io.berth.scheduler.service;

import static io.berth.scheduler.service.Services.instance;
import static io.berth.scheduler.service.Services.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.placement.PlacementEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact texts of the service event messages. */
class ServiceMessagesTest {

    private static final String ID = "ecs-svc/9223370545345641169";

    @Test
    void tasksStartedAndStopped() {
        assertThat(ServiceMessages.started("web", List.of(task("a1"), task("b2"))))
                .isEqualTo("(service web) has started 2 tasks: (task a1) (task b2).");
        assertThat(ServiceMessages.started("web", List.of(task("a1"))))
                .isEqualTo("(service web) has started 1 tasks: (task a1).");
        assertThat(ServiceMessages.stopped("web", List.of(task("a1"))))
                .isEqualTo("(service web) has stopped 1 running tasks: (task a1).");
    }

    @Test
    void steadyStateDeploymentsAndConfiguration() {
        assertThat(ServiceMessages.steadyState("web")).isEqualTo("(service web) has reached a steady state.");
        assertThat(ServiceMessages.deploymentCompleted("web", ID))
                .isEqualTo("(service web) (deployment ecs-svc/9223370545345641169) deployment completed.");
        assertThat(ServiceMessages.deploymentFailed("web", ID))
                .isEqualTo("(service web) (deployment ecs-svc/9223370545345641169) deployment failed: tasks failed to"
                        + " start.");
        assertThat(ServiceMessages.unableToProgress("web")).isEqualTo("(service web) was unable to stop or start tasks"
                + " during a deployment because of the service deployment configuration. Update the"
                + " minimumHealthyPercent or maximumPercent value and try again.");
        assertThat(ServiceMessages.failedHealthChecks("web", task("a1")))
                .isEqualTo("(service web) (task a1) failed container health checks.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "RESOURCE:MEMORY | has insufficient memory available.",
            "RESOURCE:CPU | has insufficient CPU units available.",
            "RESOURCE:PORTS | is already using a port required by your task.",
            "RESOURCE:PORTS_UDP | is already using a port required by your task.",
            "AGENT | encountered error \"AGENT\".",
            "MemberOf placement constraint unsatisfied. | encountered error \"MemberOf placement constraint unsatisfied.\".",
            "ATTRIBUTE | encountered error \"ATTRIBUTE\".",
    })
    void placementFailureNamesTheClosestInstance(String reason, String lacked) {
        assertThat(ServiceMessages.unableToPlace("web", reason, instance("0f1e2d3c4b5a69788796a5b4c3d2e1f0")))
                .isEqualTo("(service web) was unable to place a task because no container instance met all of its"
                        + " requirements. The closest matching (container-instance 0f1e2d3c4b5a69788796a5b4c3d2e1f0) "
                        + lacked + " For more information, see the Troubleshooting section.");
    }

    @Test
    void placementFailureInAnEmptyClusterOrWithoutAClosestInstance() {
        String empty = "(service web) was unable to place a task because no container instance met all of its"
                + " requirements. Reason: No Container Instances were found in your cluster. For more information, see"
                + " the Troubleshooting section.";
        assertThat(ServiceMessages.unableToPlace("web", "No Container Instances were found in your cluster.", null))
                .isEqualTo(empty);
        assertThat(ServiceMessages.unableToPlace("web", null, null)).isEqualTo(empty);
        assertThat(ServiceMessages.unableToPlace("web", "Capacity is unavailable at this time.", null))
                .isEqualTo("(service web) was unable to place a task. Reason: Capacity is unavailable at this time.");
    }

    @Test
    void theEmptyClusterReasonIsThePlacementEnginesText() {
        assertThat(ServiceMessages.NO_CONTAINER_INSTANCES).isEqualTo(PlacementEngine.NO_INSTANCES);
    }
}
