package io.berth.scaling.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.CHANGE_IN_CAPACITY;
import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.EXACT_CAPACITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The step rules of §3.8, one case per rule. Steps are {@code lo..hi:adjustment}, {@code _} = open. */
class StepBoundsTest {

    private static final String STEPS = "StepScalingPolicyConfiguration.StepAdjustments";

    @ParameterizedTest(name = "valid: {0}")
    @ValueSource(strings = {
            "0.._:1",
            "_..0:-1",
            "0..10:1 10..20:2 20.._:3",
            "20.._:3 0..10:1 10..20:2",
            "_..-10:-2 -10..0:-1",
            "_..-10:-2 -10..0:-1 0..10:1 10.._:2",
            "5.._:1",
            "_..-5:-1",
            "-10.5..0:-1 _..-10.5:-3",
            "_..10:1 10.._:2",
    })
    void accepted(String steps) {
        assertThat(Steps.policy(CHANGE_IN_CAPACITY, steps).stepAdjustments()).hasSize(steps.split(" ").length);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "_.._:1                  | [0] must have a MetricIntervalLowerBound or a MetricIntervalUpperBound.",
            "0..10:1 10.._:2 _.._:3  | [2] must have a MetricIntervalLowerBound or a MetricIntervalUpperBound.",
            "10..0:1 _..0:2          | [0].MetricIntervalLowerBound must be less than its MetricIntervalUpperBound.",
            "5..5:1                  | [0].MetricIntervalLowerBound must be less than its MetricIntervalUpperBound.",
            "_..-10:-1 _..0:-2       | can have only one step adjustment without a MetricIntervalLowerBound.",
            "0..10:1 10.._:2 20.._:3 | can have only one step adjustment without a MetricIntervalUpperBound.",
            "0..10:1 5.._:2          | must not overlap.",
            "0..10:1 0..5:2 10.._:3  | must not overlap.",
            "_..0:-1 -5..10:1        | must not overlap.",
            "0..10:1 20.._:2         | must not leave a gap between 10.0 and 20.0.",
            "_..-10:-1 -5..0:1       | must not leave a gap between -10.0 and -5.0.",
            "-10..0:-1               | with a negative MetricIntervalLowerBound need a step adjustment without a MetricIntervalLowerBound.",
            "-10..0:-1 0.._:1        | with a negative MetricIntervalLowerBound need a step adjustment without a MetricIntervalLowerBound.",
            "0..10:1                 | with a positive MetricIntervalUpperBound need a step adjustment without a MetricIntervalUpperBound.",
            "_..0:-1 0..10:1         | with a positive MetricIntervalUpperBound need a step adjustment without a MetricIntervalUpperBound.",
    })
    void rejected(String steps, String message) {
        assertThatThrownBy(() -> Steps.policy(CHANGE_IN_CAPACITY, steps))
                .isInstanceOf(ScalingValidationException.class).hasMessage(STEPS + (message.startsWith("[") ? "" : " ") + message);
    }

    @ParameterizedTest(name = "ExactCapacity {0}")
    @CsvSource({"0, true", "7, true", "-1, false"})
    void exactCapacityIsNotNegative(int adjustment, boolean valid) {
        String steps = "0.._:" + adjustment;
        if (valid) {
            assertThat(Steps.policy(EXACT_CAPACITY, steps).stepAdjustments()).hasSize(1);
        } else {
            assertThatThrownBy(() -> Steps.policy(EXACT_CAPACITY, steps)).isInstanceOf(ScalingValidationException.class)
                    .hasMessage(STEPS + "[0].ScalingAdjustment must be at least 0 for AdjustmentType ExactCapacity.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN})
    void boundsAreFinite(double bound) {
        assertThatThrownBy(() -> StepScalingPolicy.of(CHANGE_IN_CAPACITY, new StepAdjustment(null, bound, 1)))
                .isInstanceOf(ScalingValidationException.class)
                .hasMessage(STEPS + "[0].MetricIntervalUpperBound must be a finite number.");
    }
}
