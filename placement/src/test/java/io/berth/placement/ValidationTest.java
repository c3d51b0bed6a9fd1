package io.berth.placement;

import io.berth.ecs.EcsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ValidationTest {

    @ParameterizedTest(name = "strategy {0} {1} is rejected")
    @CsvSource(nullValues = "-", value = {
            "pack,    cpu",
            "-,       cpu",
            "binpack, -",
            "binpack, disk",
            "binpack, attribute:ecs.instance-type",
            "spread,  -",
            "spread,  attribute:",
            "spread,  zone",
            "Spread,  instanceId",
    })
    void badStrategyTypeOrField(String type, String field) {
        EcsException e = catchThrowableOfType(EcsException.class, () -> Strategy.of(type, field));

        assertThat(e.code()).isEqualTo("InvalidParameterException");
    }

    @ParameterizedTest(name = "strategy {0} {1} reads as {2}")
    @CsvSource(nullValues = "-", value = {
            "binpack, cpu,                     binpack cpu",
            "binpack, MEMORY,                  binpack memory",
            "spread,  host,                    spread instanceId",
            "spread,  instanceId,              spread instanceId",
            "spread,  attribute:ecs.os-type,   spread attribute:ecs.os-type",
            "random,  -,                       random",
    })
    void goodStrategies(String type, String field, String expected) {
        assertThat(Strategy.of(type, field).describe()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} strategies → accepted {1}")
    @CsvSource({"5, true", "6, false"})
    void atMostFiveStrategies(int n, boolean accepted) {
        PlacementRequest.Builder b = PlacementRequest.builder();
        for (int i = 0; i < n; i++) {
            b.strategy("random", null);
        }

        if (accepted) {
            assertThat(b.build().strategies()).hasSize(n);
        } else {
            assertThatThrownBy(b::build).isInstanceOf(EcsException.class)
                    .extracting("code").isEqualTo("InvalidParameterException");
        }
    }

    @ParameterizedTest(name = "{0} constraints → accepted {1}")
    @CsvSource({"10, true", "11, false"})
    void atMostTenConstraints(int n, boolean accepted) {
        PlacementRequest.Builder b = PlacementRequest.builder();
        for (int i = 0; i < n; i++) {
            b.constraint("memberOf", "attribute:rack == r" + i);
        }

        if (accepted) {
            assertThat(b.build().constraints()).hasSize(n);
        } else {
            assertThatThrownBy(b::build).isInstanceOf(EcsException.class)
                    .extracting("code").isEqualTo("InvalidParameterException");
        }
    }

    @ParameterizedTest(name = "constraint {0} ''{1}'' is rejected")
    @CsvSource(nullValues = "-", value = {
            "distinctInstance, attribute:rack == r1",
            "memberOf,         -",
            "memberOf,         ''",
            "sameInstance,     -",
    })
    void badConstraints(String type, String expression) {
        EcsException e = catchThrowableOfType(EcsException.class, () -> Constraint.of(type, expression));

        assertThat(e.code()).isEqualTo("InvalidParameterException");
    }

    @ParameterizedTest(name = "memberOf ''{0}'' fails with the query language's own error")
    @ValueSource(strings = {"attribute:rack between r1", "colour == red", "attribute:rack == r1 and"})
    void unknownMemberOfSyntax(String expression) {
        EcsException fromQueryLanguage = catchThrowableOfType(EcsException.class,
                () -> io.berth.cql.ClusterQuery.parse(expression));
        EcsException fromConstraint = catchThrowableOfType(EcsException.class,
                () -> Constraint.of("memberOf", expression));

        assertThat(fromQueryLanguage).isNotNull();
        assertThat(fromConstraint.code()).isEqualTo("InvalidParameterException");
        assertThat(fromConstraint).hasMessage(fromQueryLanguage.getMessage());
    }

    @Test
    void memberOfExpressionOfMoreThan2000CharactersIsRejected() {
        String expression = "attribute:rack == " + "r".repeat(2000);

        assertThatThrownBy(() -> Constraint.of("memberOf", expression)).isInstanceOf(EcsException.class);
    }

    @ParameterizedTest(name = "count {0} → accepted {1}")
    @CsvSource({"0, false", "1, true", "10, true", "11, false"})
    void countBetweenOneAndTen(int count, boolean accepted) {
        PlacementRequest.Builder b = PlacementRequest.builder().count(count);

        if (accepted) {
            assertThat(b.build().count()).isEqualTo(count);
        } else {
            assertThatThrownBy(b::build).isInstanceOf(EcsException.class);
        }
    }

    @Test
    void noStrategiesWithAnExplicitInstanceList() {
        assertThatThrownBy(() -> PlacementRequest.builder().instance("x").strategy("random", null).build())
                .isInstanceOf(EcsException.class);
    }
}
