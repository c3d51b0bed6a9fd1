package io.berth.scaling.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.OptionalInt;

import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.CHANGE_IN_CAPACITY;
import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.EXACT_CAPACITY;
import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link StepScalingPolicy#desiredCapacity}: which step, and how its adjustment applies (§3.8). */
class StepCapacityTest {

    private static String desired(StepScalingPolicy policy, int current, double delta) {
        OptionalInt desired = policy.desiredCapacity(current, delta);
        return desired.isPresent() ? String.valueOf(desired.getAsInt()) : "none";
    }

    @ParameterizedTest(name = "above the threshold, delta {0} → {1}")
    @CsvSource({"0, 6", "5, 6", "9.999, 6", "10, 7", "19.5, 7", "20, 8", "1e300, 8", "Infinity, 8", "-0.001, none", "NaN, none"})
    void aboveTheThresholdTheLowerBoundIsInclusive(double delta, String expected) {
        StepScalingPolicy policy = Steps.policy(CHANGE_IN_CAPACITY, "0..10:1 10..20:2 20.._:3");

        assertThat(desired(policy, 5, delta)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "below the threshold, delta {0} → {1}")
    @CsvSource({"-0.5, 4", "-9.999, 4", "-10, 3", "-10.001, 3", "-1e300, 3", "0, 4", "0.001, none"})
    void belowTheThresholdTheUpperBoundIsInclusive(double delta, String expected) {
        StepScalingPolicy policy = Steps.policy(CHANGE_IN_CAPACITY, "_..-10:-2 -10..0:-1");

        assertThat(desired(policy, 5, delta)).isEqualTo(expected);
    }

    @Test
    void atTheThresholdAStepStartingThereWins() {
        StepScalingPolicy policy = Steps.policy(CHANGE_IN_CAPACITY, "_..0:-1 0.._:1");

        assertThat(desired(policy, 5, 0)).isEqualTo("6");
        assertThat(desired(policy, 5, -0.0)).isEqualTo("6");
        assertThat(desired(policy, 5, -0.1)).isEqualTo("4");
    }

    @ParameterizedTest(name = "{0} × {1}% → {2}")
    @CsvSource({
            "23, -29, 17",   // −6.67 rounds toward zero: −6 (§3.8)
            "10, 25, 12",    // 2.5 rounds down: 2
            "10, 19, 11",    // 1.9 rounds down: 1
            "3, 10, 4",      // 0.3 is between 0 and 1: 1
            "3, -10, 2",     // −0.3 is between −1 and 0: −1
            "10, 10, 11",    // exactly 1
            "10, -10, 9",    // exactly −1
            "10, -19, 9",    // −1.9 rounds toward zero: −1
            "200, 50, 300",
            "7, 0, 7",
            "0, 50, 0",      // nothing to take a percent of
            "4, -150, 0",    // −6: never below zero
    })
    void percentRounding(int current, int percent, int expected) {
        StepScalingPolicy policy = Steps.policy(PERCENT_CHANGE_IN_CAPACITY, "0.._:" + percent);

        assertThat(policy.desiredCapacity(current, 1)).hasValue(expected);
    }

    @ParameterizedTest(name = "{0} × {1}%, MinAdjustmentMagnitude {2} → {3}")
    @CsvSource({
            "4, 25, 2, 6",     // the AWS example: 25% of 4 is 1, raised to 2
            "4, -25, 2, 2",
            "100, 25, 2, 125", // above the minimum: unchanged
            "0, 50, 2, 2",     // from zero the magnitude still applies, in the direction of the percent
            "3, 10, 1, 4",
            "10, 0, 3, 10",    // a 0% step changes nothing
    })
    void minAdjustmentMagnitude(int current, int percent, int magnitude, int expected) {
        StepScalingPolicy policy = new StepScalingPolicy(PERCENT_CHANGE_IN_CAPACITY,
                List.of(new StepAdjustment(0.0, null, percent)), magnitude, 300, null);

        assertThat(policy.desiredCapacity(current, 1)).hasValue(expected);
    }

    @ParameterizedTest(name = "ExactCapacity {1} from {0}")
    @CsvSource({"5, 0", "5, 5", "5, 12", "0, 3"})
    void exactCapacityIgnoresTheCurrentCapacity(int current, int exact) {
        StepScalingPolicy policy = Steps.policy(EXACT_CAPACITY, "0.._:" + exact);

        assertThat(policy.desiredCapacity(current, 3)).hasValue(exact);
    }

    @Test
    void changeInCapacityNeitherOverflowsNorGoesNegative() {
        assertThat(Steps.policy(CHANGE_IN_CAPACITY, "0.._:" + Integer.MAX_VALUE).desiredCapacity(Integer.MAX_VALUE, 1))
                .hasValue(Integer.MAX_VALUE);
        assertThat(Steps.policy(CHANGE_IN_CAPACITY, "_..0:-10").desiredCapacity(3, -1)).hasValue(0);
        assertThat(Steps.policy(PERCENT_CHANGE_IN_CAPACITY, "0.._:" + Integer.MAX_VALUE).desiredCapacity(Integer.MAX_VALUE, 1))
                .hasValue(Integer.MAX_VALUE);
    }

    @Test
    void aNegativeCurrentCapacityIsABug() {
        assertThatThrownBy(() -> Steps.policy(CHANGE_IN_CAPACITY, "0.._:1").desiredCapacity(-1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepForNamesTheStep() {
        StepScalingPolicy policy = Steps.policy(CHANGE_IN_CAPACITY, "0..10:1 10.._:2");

        assertThat(policy.stepFor(10)).contains(Steps.step("10.._:2"));
        assertThat(policy.stepFor(-1)).isEmpty();
    }
}
