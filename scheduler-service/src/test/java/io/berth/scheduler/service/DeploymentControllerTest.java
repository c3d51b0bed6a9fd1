package io.berth.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which deployment controllers a service may name. */
class DeploymentControllerTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"ECS", "CODE_DEPLOY", "EXTERNAL"})
    void theThreeControllersOfEcsAreTaken(String type) {
        assertThat(ServiceRules.checkDeploymentController(type)).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLUE", "external", ""})
    void anythingElseIsRefusedNamingTheMember(String type) {
        assertThatThrownBy(() -> ServiceRules.checkDeploymentController(type)).isInstanceOf(EcsException.class)
                .hasMessage("deploymentController.type must be one of ECS, CODE_DEPLOY, EXTERNAL.")
                .extracting(e -> ((EcsException) e).code()).isEqualTo("InvalidParameterException");
    }
}
