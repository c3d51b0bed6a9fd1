package io.berth.scaling.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"cpu50", "scale out at 9", "a", "Ünïcode-name_1.2", "name with (parens) & stuff"})
    void validNames(String name) {
        assertThat(Names.requirePolicyName(name)).isEqualTo(name);
        assertThat(Names.requireScheduledActionName(name)).isEqualTo(name);
    }

    @Test
    void twoHundredFiftySixCharactersAtMost() {
        assertThat(Names.requirePolicyName("x".repeat(256))).hasSize(256);
        assertThat(Names.requirePolicyName("😀".repeat(256))).hasSize(512);
        assertThatThrownBy(() -> Names.requirePolicyName("x".repeat(257))).isInstanceOf(ScalingValidationException.class)
                .hasMessage("PolicyName must have between 1 and 256 characters.");
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"        | ScheduledActionName must have between 1 and 256 characters.",
            "a:b         | \"ScheduledActionName must not contain ':', '/' or '|'.\"",
            "a/b         | \"ScheduledActionName must not contain ':', '/' or '|'.\"",
            "\"a|b\"     | \"ScheduledActionName must not contain ':', '/' or '|'.\"",
            "\" a\"      | ScheduledActionName must not start or end with a space.",
            "\"a \"      | ScheduledActionName must not start or end with a space.",
    })
    void invalidNames(String name, String message) {
        assertThatThrownBy(() -> Names.requireScheduledActionName(name)).isInstanceOf(ScalingValidationException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "control character {0}")
    @ValueSource(ints = {0, 9, 10, 13, 31, 127, 0x85})
    void controlCharacters(int c) {
        assertThatThrownBy(() -> Names.requirePolicyName("a" + (char) c + "b")).isInstanceOf(ScalingValidationException.class)
                .hasMessage("PolicyName must not contain control characters.");
    }

    @Test
    void aNameIsRequired() {
        assertThatThrownBy(() -> Names.requirePolicyName(null)).isInstanceOf(ScalingValidationException.class)
                .hasMessage("PolicyName is required.");
        assertThatThrownBy(() -> Names.requireName("\u00a0x", "Thing")).isInstanceOf(ScalingValidationException.class)
                .hasMessage("Thing must not start or end with a space.");
    }

    @Test
    void resourceIdNamesAnEcsService() {
        Names.EcsService service = Names.requireResourceId("service/default/web-app_2");

        assertThat(service).isEqualTo(new Names.EcsService("default", "web-app_2"));
        assertThat(service.resourceId()).isEqualTo("service/default/web-app_2");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"service/default", "service//web", "service/default/web/extra", "table/default/web",
        "service/def ault/web", "service/default/web.app", "cluster/default", "", " service/default/web"})
    void invalidResourceIds(String resourceId) {
        assertThatThrownBy(() -> Names.requireResourceId(resourceId)).isInstanceOf(ScalingValidationException.class)
                .hasMessage("ResourceId '" + resourceId + "' is not valid for ServiceNamespace ecs;"
                        + " use service/<cluster-name>/<service-name>.");
    }

    @Test
    void namesInAResourceIdHaveAtMost255Characters() {
        assertThat(Names.requireResourceId("service/" + "c".repeat(255) + "/s").cluster()).hasSize(255);
        assertThatThrownBy(() -> Names.requireResourceId("service/" + "c".repeat(256) + "/s"))
                .isInstanceOf(ScalingValidationException.class);
        assertThatThrownBy(() -> Names.requireResourceId(null)).isInstanceOf(ScalingValidationException.class)
                .hasMessage("ResourceId is required.");
    }

    @Test
    void scalableDimensionAndNamespace() {
        assertThat(Names.requireScalableDimension("ecs", "ecs:service:DesiredCount")).isEqualTo("ecs:service:DesiredCount");
        assertThatThrownBy(() -> Names.requireScalableDimension("ecs", "dynamodb:table:ReadCapacityUnits"))
                .isInstanceOf(ScalingValidationException.class)
                .hasMessage("ScalableDimension 'dynamodb:table:ReadCapacityUnits' is not supported for ServiceNamespace ecs;"
                        + " use ecs:service:DesiredCount.");
        assertThatThrownBy(() -> Names.requireScalableDimension("ecs", null)).isInstanceOf(ScalingValidationException.class)
                .hasMessage("ScalableDimension is required.");
        assertThatThrownBy(() -> Names.requireScalableDimension("dynamodb", "ecs:service:DesiredCount"))
                .isInstanceOf(ScalingValidationException.class)
                .hasMessage("ServiceNamespace 'dynamodb' is not supported; use ecs.");
        assertThatThrownBy(() -> Names.requireServiceNamespace(null)).isInstanceOf(ScalingValidationException.class)
                .hasMessage("ServiceNamespace is required.");
        assertThat(Names.requireServiceNamespace("ecs")).isEqualTo("ecs");
    }
}
