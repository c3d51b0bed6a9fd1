package io.berth.scaling.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.CHANGE_IN_CAPACITY;
import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepScalingPolicyTest {

    private static StepScalingPolicy parse(String json) {
        return StepScalingPolicy.parse(Json.of(json));
    }

    @Test
    void defaultsAreFilledIn() {
        StepScalingPolicy policy = parse("{'AdjustmentType':'ChangeInCapacity','StepAdjustments':"
                + "[{'MetricIntervalLowerBound':0,'ScalingAdjustment':1}]}");

        assertThat(policy).isEqualTo(new StepScalingPolicy(CHANGE_IN_CAPACITY,
                List.of(new StepAdjustment(0.0, null, 1)), null, 300, StepScalingPolicy.MetricAggregationType.AVERAGE));
        assertThat(policy.toJson()).isEqualTo(Json.of("{'AdjustmentType':'ChangeInCapacity','StepAdjustments':"
                + "[{'MetricIntervalLowerBound':0.0,'ScalingAdjustment':1}],'Cooldown':300,'MetricAggregationType':'Average'}"));
    }

    @Test
    void everyMemberRoundTrips() {
        String json = "{'AdjustmentType':'PercentChangeInCapacity','StepAdjustments':["
                + "{'MetricIntervalUpperBound':-10.0,'ScalingAdjustment':-30},"
                + "{'MetricIntervalLowerBound':-10.0,'MetricIntervalUpperBound':0.0,'ScalingAdjustment':-10}],"
                + "'MinAdjustmentMagnitude':2,'Cooldown':120,'MetricAggregationType':'Maximum'}";
        StepScalingPolicy policy = parse(json);

        assertThat(policy.adjustmentType()).isEqualTo(PERCENT_CHANGE_IN_CAPACITY);
        assertThat(policy.minAdjustmentMagnitude()).isEqualTo(2);
        assertThat(policy.cooldown()).isEqualTo(120);
        assertThat(policy.metricAggregationType()).isEqualTo(StepScalingPolicy.MetricAggregationType.MAXIMUM);
        assertThat(policy.toJson()).isEqualTo(Json.of(json));
        assertThat(StepScalingPolicy.parse(policy.toJson())).isEqualTo(policy);
    }

    @Test
    void stepsKeepTheOrderGiven() {
        StepScalingPolicy policy = Steps.policy(CHANGE_IN_CAPACITY, "10.._:3 0..10:1");

        assertThat(policy.stepAdjustments()).containsExactly(Steps.step("10.._:3"), Steps.step("0..10:1"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'StepAdjustments':[{'MetricIntervalLowerBound':0,'ScalingAdjustment':1}]} | StepScalingPolicyConfiguration.AdjustmentType is required.",
            "{'AdjustmentType':'ChangeInCapacityX','StepAdjustments':[]}                | StepScalingPolicyConfiguration.AdjustmentType must be one of ChangeInCapacity, PercentChangeInCapacity, ExactCapacity.",
            "{'AdjustmentType':3,'StepAdjustments':[]}                                  | StepScalingPolicyConfiguration.AdjustmentType must be a string.",
            "{'AdjustmentType':'ChangeInCapacity'}                                      | StepScalingPolicyConfiguration.StepAdjustments is required.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':{}}                 | StepScalingPolicyConfiguration.StepAdjustments must be a list.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':[]}                 | StepScalingPolicyConfiguration.StepAdjustments must have at least one step adjustment.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':[7]}                | StepScalingPolicyConfiguration.StepAdjustments[0] must be an object.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':0}]} | StepScalingPolicyConfiguration.StepAdjustments[0].ScalingAdjustment is required.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':0,'ScalingAdjustment':1.5}]} | StepScalingPolicyConfiguration.StepAdjustments[0].ScalingAdjustment must be an integer.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':'0','ScalingAdjustment':1}]} | StepScalingPolicyConfiguration.StepAdjustments[0].MetricIntervalLowerBound must be a number.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':1e999,'ScalingAdjustment':1}]} | StepScalingPolicyConfiguration.StepAdjustments[0].MetricIntervalLowerBound must be a finite number.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':0,'ScalingAdjustment':1}],'MinAdjustmentMagnitude':1} | StepScalingPolicyConfiguration.MinAdjustmentMagnitude is only allowed with AdjustmentType PercentChangeInCapacity.",
            "{'AdjustmentType':'PercentChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':0,'ScalingAdjustment':1}],'MinAdjustmentMagnitude':0} | StepScalingPolicyConfiguration.MinAdjustmentMagnitude must be at least 1.",
            "{'AdjustmentType':'PercentChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':0,'ScalingAdjustment':1}],'MinAdjustmentMagnitude':'2'} | StepScalingPolicyConfiguration.MinAdjustmentMagnitude must be an integer.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':0,'ScalingAdjustment':1}],'Cooldown':-1} | StepScalingPolicyConfiguration.Cooldown must be between 0 and 31536000 seconds.",
            "{'AdjustmentType':'ChangeInCapacity','StepAdjustments':[{'MetricIntervalLowerBound':0,'ScalingAdjustment':1}],'MetricAggregationType':'Sum'} | StepScalingPolicyConfiguration.MetricAggregationType must be one of Average, Minimum, Maximum.",
            "[]                                                                         | StepScalingPolicyConfiguration must be an object.",
    })
    void rejectsWithTheMemberNamed(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ScalingValidationException.class).hasMessage(message);
    }

    @Test
    void atMostTwentySteps() {
        assertThat(Steps.policy(CHANGE_IN_CAPACITY, contiguous(20)).stepAdjustments()).hasSize(20);

        assertThatThrownBy(() -> Steps.policy(CHANGE_IN_CAPACITY, contiguous(21)))
                .isInstanceOf(ScalingValidationException.class)
                .hasMessage("StepScalingPolicyConfiguration.StepAdjustments can have at most 20 step adjustments.");
    }

    /** {@code count} valid steps: open below 0, one per unit, open above. */
    private static String contiguous(int count) {
        StringBuilder steps = new StringBuilder("_..0:-1");
        for (int i = 0; i < count - 2; i++) {
            steps.append(' ').append(i).append("..").append(i + 1).append(":1");
        }
        return steps.append(' ').append(count - 2).append(".._:2").toString();
    }

    @Test
    void missingMembersOfTheRecordAreRequired() {
        assertThatThrownBy(() -> new StepScalingPolicy(null, List.of(Steps.step("0.._:1")), null, 300, null))
                .isInstanceOf(ScalingValidationException.class).hasMessage("StepScalingPolicyConfiguration.AdjustmentType is required.");
        assertThatThrownBy(() -> new StepScalingPolicy(CHANGE_IN_CAPACITY, null, null, 300, null))
                .isInstanceOf(ScalingValidationException.class).hasMessage("StepScalingPolicyConfiguration.StepAdjustments is required.");
    }
}
