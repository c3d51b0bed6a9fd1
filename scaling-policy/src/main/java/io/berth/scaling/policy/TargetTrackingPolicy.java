package io.berth.scaling.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A target tracking policy's configuration ({@code TargetTrackingScalingPolicyConfiguration},
 * reference §3.8). The constructor validates, so every instance is one AAS would accept; defaults
 * are filled in. {@link TargetTracking} evaluates it.
 *
 * @param targetValue the metric value to hold; finite and within AWS's positive range
 *     [{@value #MIN_TARGET_VALUE}, {@value #MAX_TARGET_VALUE}]
 * @param predefinedMetricType one of {@link #ECS_PREDEFINED_METRICS}, or null for a customized metric
 * @param resourceLabel the target group for {@code ALBRequestCountPerTarget}
 *     ({@code app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>}), otherwise null
 * @param customizedMetric the {@code CustomizedMetricSpecification} object as given, or null for a
 *     predefined metric
 * @param scaleOutCooldown seconds, 0..{@value #MAX_COOLDOWN}, default {@value #DEFAULT_COOLDOWN}
 * @param scaleInCooldown seconds, 0..{@value #MAX_COOLDOWN}, default {@value #DEFAULT_COOLDOWN}
 * @param disableScaleIn true when the policy never scales in
 */
public record TargetTrackingPolicy(double targetValue, String predefinedMetricType, String resourceLabel,
        JsonNode customizedMetric, int scaleOutCooldown, int scaleInCooldown, boolean disableScaleIn) {

    /** The request member this record is read from; error messages start with it. */
    public static final String MEMBER = "TargetTrackingScalingPolicyConfiguration";
    public static final int DEFAULT_COOLDOWN = 300;
    /** One year; AWS documents no upper bound for ECS, and larger values are surely mistakes. */
    public static final int MAX_COOLDOWN = 31_536_000;
    public static final double MIN_TARGET_VALUE = 8.515920e-109;
    public static final double MAX_TARGET_VALUE = 6.174542e+109;

    public static final String CPU = "ECSServiceAverageCPUUtilization";
    public static final String MEMORY = "ECSServiceAverageMemoryUtilization";
    public static final String ALB_REQUEST_COUNT_PER_TARGET = "ALBRequestCountPerTarget";
    public static final String CPU_HIGH_RESOLUTION = "ECSServiceAverageCPUUtilizationHighResolution";
    public static final String MEMORY_HIGH_RESOLUTION = "ECSServiceAverageMemoryUtilizationHighResolution";
    public static final Set<String> ECS_PREDEFINED_METRICS =
            Set.of(CPU, MEMORY, ALB_REQUEST_COUNT_PER_TARGET, CPU_HIGH_RESOLUTION, MEMORY_HIGH_RESOLUTION);
    /** What {@link #metricType()} answers for a customized metric. */
    public static final String CUSTOMIZED = "Customized";

    private static final String PREDEFINED = MEMBER + ".PredefinedMetricSpecification";
    private static final String CUSTOM = MEMBER + ".CustomizedMetricSpecification";
    private static final Pattern TARGET_GROUP_LABEL = Pattern.compile("app/[^/]+/[^/]+/targetgroup/[^/]+/[^/]+");
    private static final List<String> STATISTICS = List.of("Average", "Minimum", "Maximum", "SampleCount", "Sum");

    public TargetTrackingPolicy {
        if (!Double.isFinite(targetValue) || targetValue < MIN_TARGET_VALUE || targetValue > MAX_TARGET_VALUE) {
            throw new ScalingValidationException(MEMBER + ".TargetValue must be a number between 8.515920e-109 and 6.174542e+109.");
        }
        if ((predefinedMetricType == null) == (customizedMetric == null)) {
            throw new ScalingValidationException(MEMBER + " must have exactly one of PredefinedMetricSpecification"
                    + " and CustomizedMetricSpecification.");
        }
        if (predefinedMetricType != null) {
            checkPredefined(predefinedMetricType, resourceLabel);
        } else {
            if (resourceLabel != null) {
                throw new ScalingValidationException(PREDEFINED + ".ResourceLabel needs a PredefinedMetricSpecification.");
            }
            customizedMetric = customizedMetric.deepCopy();
            checkCustomized(Members.of(customizedMetric, CUSTOM));
        }
        checkCooldown(scaleOutCooldown, MEMBER + ".ScaleOutCooldown");
        checkCooldown(scaleInCooldown, MEMBER + ".ScaleInCooldown");
    }

    /** A policy on a predefined metric, with the default cooldowns and scale-in enabled. */
    public static TargetTrackingPolicy predefined(double targetValue, String predefinedMetricType) {
        return new TargetTrackingPolicy(targetValue, predefinedMetricType, null, null,
                DEFAULT_COOLDOWN, DEFAULT_COOLDOWN, false);
    }

    /** Reads the request member {@value #MEMBER} as the API spells it. */
    public static TargetTrackingPolicy parse(JsonNode configuration) {
        Members config = Members.of(configuration, MEMBER);
        double target = config.require("TargetValue", config.number("TargetValue"));
        Members predefined = config.object("PredefinedMetricSpecification");
        String type = null;
        String label = null;
        if (predefined != null) {
            type = predefined.require("PredefinedMetricType", predefined.string("PredefinedMetricType"));
            label = predefined.string("ResourceLabel");
        }
        JsonNode customized = config.node("CustomizedMetricSpecification");
        Integer out = config.integer("ScaleOutCooldown");
        Integer in = config.integer("ScaleInCooldown");
        Boolean disable = config.bool("DisableScaleIn");
        return new TargetTrackingPolicy(target, type, label, customized,
                out == null ? DEFAULT_COOLDOWN : out, in == null ? DEFAULT_COOLDOWN : in,
                disable != null && disable);
    }

    /** The configuration as DescribeScalingPolicies shows it: defaults filled in, absent members left out. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("TargetValue", targetValue);
        if (predefinedMetricType != null) {
            ObjectNode spec = json.putObject("PredefinedMetricSpecification");
            spec.put("PredefinedMetricType", predefinedMetricType);
            if (resourceLabel != null) {
                spec.put("ResourceLabel", resourceLabel);
            }
        } else {
            json.set("CustomizedMetricSpecification", customizedMetric.deepCopy());
        }
        json.put("ScaleOutCooldown", scaleOutCooldown);
        json.put("ScaleInCooldown", scaleInCooldown);
        json.put("DisableScaleIn", disableScaleIn);
        return json;
    }

    /** The record keeps its own copy; callers get one too, so that nobody can change the policy. */
    @Override
    public JsonNode customizedMetric() {
        return customizedMetric == null ? null : customizedMetric.deepCopy();
    }

    /** The predefined metric type, or {@value #CUSTOMIZED}. */
    public String metricType() {
        return predefinedMetricType != null ? predefinedMetricType : CUSTOMIZED;
    }

    public boolean isPredefined() {
        return predefinedMetricType != null;
    }

    public boolean usesMetric(String metricType) {
        return metricType().equals(metricType);
    }

    /** The 20-second metrics; the caller feeds their datapoints per 20-second period. */
    public boolean isHighResolution() {
        return CPU_HIGH_RESOLUTION.equals(predefinedMetricType) || MEMORY_HIGH_RESOLUTION.equals(predefinedMetricType);
    }

    private static void checkPredefined(String type, String label) {
        if (!ECS_PREDEFINED_METRICS.contains(type)) {
            throw new ScalingValidationException(PREDEFINED + ".PredefinedMetricType '" + type
                    + "' is not a metric of ServiceNamespace ecs; use one of " + String.join(", ",
                    List.of(CPU, MEMORY, ALB_REQUEST_COUNT_PER_TARGET, CPU_HIGH_RESOLUTION, MEMORY_HIGH_RESOLUTION)) + ".");
        }
        if (ALB_REQUEST_COUNT_PER_TARGET.equals(type)) {
            if (label == null) {
                throw new ScalingValidationException(PREDEFINED + ".ResourceLabel is required for "
                        + ALB_REQUEST_COUNT_PER_TARGET + ".");
            }
            if (label.length() > 1023 || !TARGET_GROUP_LABEL.matcher(label).matches()) {
                throw new ScalingValidationException(PREDEFINED + ".ResourceLabel must be"
                        + " app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>.");
            }
        } else if (label != null) {
            throw new ScalingValidationException(PREDEFINED + ".ResourceLabel is only allowed with "
                    + ALB_REQUEST_COUNT_PER_TARGET + ".");
        }
    }

    /**
     * Only the shape: either {@code Metrics} (metric math) or a single metric with
     * {@code MetricName}, {@code Namespace} and {@code Statistic}. Whether the metric exists is
     * CloudWatch's business.
     */
    private static void checkCustomized(Members spec) {
        List<JsonNode> metrics = spec.list("Metrics");
        if (metrics != null) {
            if (metrics.isEmpty()) {
                throw new ScalingValidationException(spec.path("Metrics") + " must have at least one metric.");
            }
            for (String single : List.of("MetricName", "Namespace", "Statistic")) {
                if (spec.has(single)) {
                    throw new ScalingValidationException(spec.path(single) + " can not be used together with Metrics.");
                }
            }
            for (int i = 0; i < metrics.size(); i++) {
                Members.of(metrics.get(i), spec.path("Metrics") + "[" + i + "]");
            }
            return;
        }
        spec.require("MetricName", spec.string("MetricName"));
        spec.require("Namespace", spec.string("Namespace"));
        String statistic = spec.require("Statistic", spec.string("Statistic"));
        if (!STATISTICS.contains(statistic)) {
            throw new ScalingValidationException(spec.path("Statistic") + " must be one of " + String.join(", ", STATISTICS) + ".");
        }
        spec.string("Unit");
        List<JsonNode> dimensions = spec.list("Dimensions");
        if (dimensions != null) {
            for (int i = 0; i < dimensions.size(); i++) {
                Members dimension = Members.of(dimensions.get(i), spec.path("Dimensions") + "[" + i + "]");
                dimension.require("Name", dimension.string("Name"));
                dimension.require("Value", dimension.string("Value"));
            }
        }
    }

    static void checkCooldown(int seconds, String path) {
        if (seconds < 0 || seconds > MAX_COOLDOWN) {
            throw new ScalingValidationException(path + " must be between 0 and " + MAX_COOLDOWN + " seconds.");
        }
    }
}
