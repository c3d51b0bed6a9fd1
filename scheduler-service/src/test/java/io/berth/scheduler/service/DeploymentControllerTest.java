package io.berth.scheduler.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which deployment controllers a service may name while Berth has no task sets. */
class DeploymentControllerTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "ECS")
    void theEcsControllerIsTaken(String type) {
        assertThatCode(() -> ServiceRules.checkDeploymentController(type)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
        "EXTERNAL, UnsupportedFeatureException, Berth does not support the EXTERNAL deployment controller yet; use ECS.",
        "CODE_DEPLOY, UnsupportedFeatureException, Berth does not support the CODE_DEPLOY deployment controller yet;"
                + " use ECS.",
        "BLUE, InvalidParameterException, 'deploymentController.type must be one of ECS, CODE_DEPLOY, EXTERNAL.'"})
    void theOthersAreRefused(String type, String code, String message) {
        assertThatThrownBy(() -> ServiceRules.checkDeploymentController(type)).isInstanceOf(EcsException.class)
                .hasMessage(message).extracting(e -> ((EcsException) e).code()).isEqualTo(code);
    }
}
