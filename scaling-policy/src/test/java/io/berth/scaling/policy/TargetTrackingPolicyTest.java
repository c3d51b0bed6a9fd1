package io.berth.scaling.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTrackingPolicyTest {

    private static final String CPU = "{'PredefinedMetricType':'ECSServiceAverageCPUUtilization'}";
    private static final String LABEL = "app/my-alb/778d41231b141a0f/targetgroup/my-tg/943f017f100becff";

    private static TargetTrackingPolicy parse(String json) {
        return TargetTrackingPolicy.parse(Json.of(json));
    }

    @Test
    void defaultsAreFilledIn() {
        TargetTrackingPolicy policy = parse("{'TargetValue': 75, 'PredefinedMetricSpecification': " + CPU + "}");

        assertThat(policy).isEqualTo(new TargetTrackingPolicy(75.0, TargetTrackingPolicy.CPU, null, null, 300, 300, false));
        assertThat(policy.metricType()).isEqualTo("ECSServiceAverageCPUUtilization");
        assertThat(policy.isPredefined()).isTrue();
        assertThat(policy.usesMetric(TargetTrackingPolicy.CPU)).isTrue();
        assertThat(policy.usesMetric(TargetTrackingPolicy.MEMORY)).isFalse();
        assertThat(policy.isHighResolution()).isFalse();
    }

    @Test
    void everyMemberIsRead() {
        TargetTrackingPolicy policy = parse("{'TargetValue': 1000.5, 'PredefinedMetricSpecification':"
                + " {'PredefinedMetricType':'ALBRequestCountPerTarget','ResourceLabel':'" + LABEL + "'},"
                + " 'ScaleOutCooldown': 60, 'ScaleInCooldown': 0, 'DisableScaleIn': true}");

        assertThat(policy).isEqualTo(new TargetTrackingPolicy(1000.5, "ALBRequestCountPerTarget", LABEL, null, 60, 0, true));
    }

    @Test
    void toJsonIsWhatDescribeShows() {
        TargetTrackingPolicy policy = parse("{'TargetValue': 75, 'PredefinedMetricSpecification': " + CPU + "}");

        assertThat(policy.toJson()).isEqualTo(Json.of("{'TargetValue': 75.0, 'PredefinedMetricSpecification': " + CPU
                + ", 'ScaleOutCooldown': 300, 'ScaleInCooldown': 300, 'DisableScaleIn': false}"));
        assertThat(policy.toJson().toString()).doesNotContain("null").doesNotContain("ResourceLabel");
    }

    @Test
    void jsonRoundTrips() {
        String json = "{'TargetValue': 42.5, 'CustomizedMetricSpecification': {'MetricName':'Queue','Namespace':'App',"
                + "'Statistic':'Average','Dimensions':[{'Name':'Q','Value':'jobs'}],'Unit':'Count'},"
                + " 'ScaleOutCooldown': 30, 'ScaleInCooldown': 600, 'DisableScaleIn': true}";
        TargetTrackingPolicy policy = parse(json);

        assertThat(policy.toJson()).isEqualTo(Json.of(json));
        assertThat(TargetTrackingPolicy.parse(policy.toJson())).isEqualTo(policy);
        assertThat(policy.metricType()).isEqualTo(TargetTrackingPolicy.CUSTOMIZED);
    }

    @Test
    void theCustomizedMetricIsKeptAsGivenAndCannotBeChangedFromOutside() {
        ObjectNode config = (ObjectNode) Json.of("{'TargetValue': 5, 'CustomizedMetricSpecification':"
                + " {'Metrics':[{'Id':'m1','Expression':'a/b','ReturnData':true}]}}");
        TargetTrackingPolicy policy = TargetTrackingPolicy.parse(config);

        ((ObjectNode) config.get("CustomizedMetricSpecification")).put("MetricName", "changed");
        ((ObjectNode) policy.customizedMetric()).put("MetricName", "changed too");

        assertThat(policy.customizedMetric()).isEqualTo(Json.of("{'Metrics':[{'Id':'m1','Expression':'a/b','ReturnData':true}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ECSServiceAverageCPUUtilizationHighResolution", "ECSServiceAverageMemoryUtilizationHighResolution"})
    void highResolutionMetrics(String type) {
        assertThat(TargetTrackingPolicy.predefined(50, type).isHighResolution()).isTrue();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{}                                                                  | TargetTrackingScalingPolicyConfiguration.TargetValue is required.",
            "{'TargetValue': null, 'PredefinedMetricSpecification': $CPU}         | TargetTrackingScalingPolicyConfiguration.TargetValue is required.",
            "{'TargetValue': '50', 'PredefinedMetricSpecification': $CPU}         | TargetTrackingScalingPolicyConfiguration.TargetValue must be a number.",
            "{'TargetValue': true, 'PredefinedMetricSpecification': $CPU}         | TargetTrackingScalingPolicyConfiguration.TargetValue must be a number.",
            "{'TargetValue': 0, 'PredefinedMetricSpecification': $CPU}            | TargetTrackingScalingPolicyConfiguration.TargetValue must be a number between 8.515920e-109 and 6.174542e+109.",
            "{'TargetValue': -5, 'PredefinedMetricSpecification': $CPU}           | TargetTrackingScalingPolicyConfiguration.TargetValue must be a number between 8.515920e-109 and 6.174542e+109.",
            "{'TargetValue': 1e110, 'PredefinedMetricSpecification': $CPU}        | TargetTrackingScalingPolicyConfiguration.TargetValue must be a number between 8.515920e-109 and 6.174542e+109.",
            "{'TargetValue': 1e400, 'PredefinedMetricSpecification': $CPU}        | TargetTrackingScalingPolicyConfiguration.TargetValue must be a number between 8.515920e-109 and 6.174542e+109.",
            "{'TargetValue': 50}                                                 | TargetTrackingScalingPolicyConfiguration must have exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': $CPU, 'CustomizedMetricSpecification': {'MetricName':'a','Namespace':'b','Statistic':'Sum'}} | TargetTrackingScalingPolicyConfiguration must have exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': 'CPU'}         | TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification must be an object.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': {}}            | TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType is required.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': {'PredefinedMetricType': 7}} | TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType must be a string.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': {'PredefinedMetricType': 'ALBRequestCountPerTarget'}} | TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel is required for ALBRequestCountPerTarget.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': {'PredefinedMetricType': 'ALBRequestCountPerTarget', 'ResourceLabel': 'my-tg'}} | TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel must be app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': {'PredefinedMetricType': 'ECSServiceAverageCPUUtilization', 'ResourceLabel': 'x'}} | TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel is only allowed with ALBRequestCountPerTarget.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': $CPU, 'ScaleOutCooldown': -1}     | TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown must be between 0 and 31536000 seconds.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': $CPU, 'ScaleInCooldown': 31536001} | TargetTrackingScalingPolicyConfiguration.ScaleInCooldown must be between 0 and 31536000 seconds.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': $CPU, 'ScaleInCooldown': 1.5}     | TargetTrackingScalingPolicyConfiguration.ScaleInCooldown must be an integer.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': $CPU, 'ScaleInCooldown': '300'}   | TargetTrackingScalingPolicyConfiguration.ScaleInCooldown must be an integer.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': $CPU, 'ScaleOutCooldown': 99999999999} | TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown must be an integer.",
            "{'TargetValue': 50, 'PredefinedMetricSpecification': $CPU, 'DisableScaleIn': 'true'}   | TargetTrackingScalingPolicyConfiguration.DisableScaleIn must be a boolean.",
            "{'TargetValue': 50, 'CustomizedMetricSpecification': []}            | TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification must be an object.",
            "{'TargetValue': 50, 'CustomizedMetricSpecification': {'Namespace':'b','Statistic':'Sum'}} | TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.MetricName is required.",
            "{'TargetValue': 50, 'CustomizedMetricSpecification': {'MetricName':'a','Statistic':'Sum'}} | TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Namespace is required.",
            "{'TargetValue': 50, 'CustomizedMetricSpecification': {'MetricName':'a','Namespace':'b','Statistic':'p99'}} | TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Statistic must be one of Average, Minimum, Maximum, SampleCount, Sum.",
            "{'TargetValue': 50, 'CustomizedMetricSpecification': {'MetricName':'a','Namespace':'b','Statistic':'Sum','Dimensions':[{'Name':'x'}]}} | TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Dimensions[0].Value is required.",
            "{'TargetValue': 50, 'CustomizedMetricSpecification': {'Metrics':[]}} | TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Metrics must have at least one metric.",
            "{'TargetValue': 50, 'CustomizedMetricSpecification': {'Metrics':[{}], 'MetricName':'a'}} | TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.MetricName can not be used together with Metrics.",
            "{'TargetValue': 50, 'CustomizedMetricSpecification': {'Metrics':[5]}} | TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Metrics[0] must be an object.",
            "{'TargetValue': 50, 'CustomizedMetricSpecification': {'MetricName':'a','Namespace':'b','Statistic':'Sum'}, 'PredefinedMetricSpecification': {'ResourceLabel': 'x', 'PredefinedMetricType': null}} | TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType is required.",
    })
    void rejectsWithTheMemberNamed(String json, String message) {
        assertThatThrownBy(() -> parse(json.replace("$CPU", CPU)))
                .isInstanceOf(ScalingValidationException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DynamoDBReadCapacityUtilization", "ECSServiceAverageCpuUtilization", ""})
    void onlyEcsMetrics(String type) {
        assertThatThrownBy(() -> TargetTrackingPolicy.predefined(50, type))
                .isInstanceOf(ScalingValidationException.class)
                .hasMessageStartingWith("TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification"
                        + ".PredefinedMetricType '" + type + "' is not a metric of ServiceNamespace ecs");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"null", "[]", "5", "'text'"})
    void theConfigurationMustBeAnObject(String json) {
        JsonNode node = Json.of(json);
        assertThatThrownBy(() -> TargetTrackingPolicy.parse(node)).isInstanceOf(ScalingValidationException.class)
                .hasMessageStartingWith("TargetTrackingScalingPolicyConfiguration ");
        assertThatThrownBy(() -> TargetTrackingPolicy.parse(null)).isInstanceOf(ScalingValidationException.class)
                .hasMessage("TargetTrackingScalingPolicyConfiguration is required.");
    }

    @Test
    void theTargetValueRangeIsInclusive() {
        assertThat(TargetTrackingPolicy.predefined(8.515920e-109, TargetTrackingPolicy.CPU).targetValue()).isEqualTo(8.515920e-109);
        assertThat(TargetTrackingPolicy.predefined(6.174542e+109, TargetTrackingPolicy.CPU).targetValue()).isEqualTo(6.174542e+109);
        assertThatThrownBy(() -> TargetTrackingPolicy.predefined(Double.NaN, TargetTrackingPolicy.CPU))
                .isInstanceOf(ScalingValidationException.class);
    }

    @Test
    void explicitNullsAreAbsent() {
        TargetTrackingPolicy policy = parse("{'TargetValue': 50, 'PredefinedMetricSpecification': " + CPU
                + ", 'CustomizedMetricSpecification': null, 'ScaleOutCooldown': null, 'DisableScaleIn': null}");

        assertThat(policy.scaleOutCooldown()).isEqualTo(300);
        assertThat(policy.disableScaleIn()).isFalse();
    }

    @Test
    void integralDoublesAreIntegers() {
        assertThat(parse("{'TargetValue': 50, 'PredefinedMetricSpecification': " + CPU + ", 'ScaleOutCooldown': 60.0}")
                .scaleOutCooldown()).isEqualTo(60);
    }
}
