package io.berth.scaling.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valid configurations with one member replaced by a random JSON value (or removed): the parsers
 * either accept the result or throw {@link ScalingValidationException} naming a member — never
 * another exception. Accepted configurations survive their own round trip.
 */
class ParseFuzzTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> TARGET_TRACKING = List.of(
            "{'TargetValue': 50, 'PredefinedMetricSpecification': {'PredefinedMetricType': 'ALBRequestCountPerTarget',"
                    + " 'ResourceLabel': 'app/a/1/targetgroup/t/2'}, 'ScaleOutCooldown': 60, 'ScaleInCooldown': 60,"
                    + " 'DisableScaleIn': false}",
            "{'TargetValue': 0.5, 'CustomizedMetricSpecification': {'MetricName': 'm', 'Namespace': 'n',"
                    + " 'Statistic': 'Sum', 'Unit': 'Count', 'Dimensions': [{'Name': 'a', 'Value': 'b'}]}}",
            "{'TargetValue': 7, 'CustomizedMetricSpecification': {'Metrics': [{'Id': 'a', 'Expression': 'x'}]}}");
    private static final List<String> STEP = List.of(
            "{'AdjustmentType': 'PercentChangeInCapacity', 'StepAdjustments': [{'MetricIntervalUpperBound': 0,"
                    + " 'ScalingAdjustment': -10}, {'MetricIntervalLowerBound': 0, 'ScalingAdjustment': 20}],"
                    + " 'MinAdjustmentMagnitude': 2, 'Cooldown': 60, 'MetricAggregationType': 'Maximum'}",
            "{'AdjustmentType': 'ExactCapacity', 'StepAdjustments': [{'MetricIntervalLowerBound': 0,"
                    + " 'MetricIntervalUpperBound': 10, 'ScalingAdjustment': 3}, {'MetricIntervalLowerBound': 10,"
                    + " 'ScalingAdjustment': 6}]}");

    @ParameterizedTest(name = "seed {0}: 3,000 mutated TargetTrackingScalingPolicyConfigurations")
    @ValueSource(longs = {1, 2, 3})
    void targetTracking(long seed) {
        fuzz(new Random(seed), TARGET_TRACKING, TargetTrackingPolicy::parse, p -> TargetTrackingPolicy.parse(p.toJson()).equals(p),
                TargetTrackingPolicy.MEMBER);
    }

    @ParameterizedTest(name = "seed {0}: 3,000 mutated StepScalingPolicyConfigurations")
    @ValueSource(longs = {4, 5, 6})
    void stepScaling(long seed) {
        fuzz(new Random(seed), STEP, StepScalingPolicy::parse, p -> StepScalingPolicy.parse(p.toJson()).equals(p),
                StepScalingPolicy.MEMBER);
    }

    private static <T> void fuzz(Random random, List<String> seeds, Function<JsonNode, T> parse,
            Function<T, Boolean> roundTrips, String member) {
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            JsonNode config = Json.of(seeds.get(random.nextInt(seeds.size())));
            int mutations = 1 + random.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                config = mutate(random, config);
            }
            T parsed;
            try {
                parsed = parse.apply(config);
            } catch (ScalingValidationException e) {
                assertThat(e.getMessage()).as(config.toString()).startsWith(member);
                refused++;
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError(config + " threw " + e, e);
            }
            accepted++;
            assertThat(roundTrips.apply(parsed)).as(config.toString()).isTrue();
        }
        assertThat(accepted).as("some mutations are harmless").isPositive();
        assertThat(refused).as("most are not").isGreaterThan(accepted);
    }

    /** Replaces or removes one node somewhere in the tree, or replaces the whole tree. */
    private static JsonNode mutate(Random random, JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty() || random.nextInt(20) == 0) {
            return randomValue(random);
        }
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode) {
            ObjectNode object = (ObjectNode) container;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || random.nextInt(8) == 0 ? "Unknown" + random.nextInt(3)
                    : names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                object.remove(name);
            } else {
                object.set(name, randomValue(random));
            }
        } else {
            ArrayNode array = (ArrayNode) container;
            if (array.isEmpty() || random.nextInt(4) == 0) {
                array.add(randomValue(random));
            } else {
                array.set(random.nextInt(array.size()), randomValue(random));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                collect(it.next(), containers);
            }
        }
    }

    private static JsonNode randomValue(Random random) {
        switch (random.nextInt(16)) {
            case 0: return JSON.nullNode();
            case 1: return JSON.booleanNode(random.nextBoolean());
            case 2: return JSON.numberNode(random.nextInt(2000) - 1000);
            case 3: return JSON.numberNode(random.nextGaussian() * 100);
            case 4: return JSON.numberNode(new BigInteger("123456789012345678901234567890"));
            case 5: return JSON.numberNode(new BigDecimal("1e400"));
            case 6: return JSON.numberNode(Long.MAX_VALUE);
            case 7: return JSON.numberNode(-0.0);
            case 8: return JSON.textNode(List.of("", "Average", "ChangeInCapacity", "ECSServiceAverageCPUUtilization",
                    "50", "null").get(random.nextInt(6)));
            case 9: return JSON.arrayNode();
            case 10: return JSON.objectNode();
            case 11: return Json.of("[{'MetricIntervalLowerBound': 0, 'ScalingAdjustment': 1}]");
            case 12: return Json.of("{'PredefinedMetricType': 'ECSServiceAverageMemoryUtilization'}");
            case 13: return JSON.numberNode(random.nextInt(400));
            case 14: return JSON.missingNode();
            default: return JSON.objectNode().setAll(Map.of("MetricName", JSON.textNode("x"), "Namespace", JSON.textNode("y"),
                    "Statistic", JSON.textNode("Average")));
        }
    }
}
