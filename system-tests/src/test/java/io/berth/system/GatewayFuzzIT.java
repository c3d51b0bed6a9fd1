package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 10,000 malformed or hostile requests, seeded so a failure can be replayed: every answer is a 4xx
 * with an ECS error body, never a 5xx, and the account they came from has nothing afterwards. Among
 * them, control characters in some member of every operation the AWS SDK knows, ECS, Application
 * Auto Scaling and ECR alike, each refused at the edge in the error format of its API.
 */
@ExtendWith(SharedStack.class)
class GatewayFuzzIT {

    static final int REQUESTS = 10_000;
    static final long SEED = 20261126L;
    static final String ACCOUNT = "999999999999";
    static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    static final String AAS = "AnyScaleFrontendService.";
    static final String ECR = "AmazonEC2ContainerRegistry_V20150921.";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    record Attack(String kind, String target, byte[] body, String authorization) {
    }

    final Random random = new Random(SEED);
    /** Every operation of the three APIs, as the SDK's clients name them; the control-character attacks go round them. */
    final List<String> operations = operationsOf(software.amazon.awssdk.services.ecs.EcsClient.class,
            software.amazon.awssdk.services.ecs.model.EcsRequest.class, ECS);
    final List<String> scalingOperations = operationsOf(
            software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient.class,
            software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingRequest.class, AAS);
    final List<String> registryOperations = operationsOf(software.amazon.awssdk.services.ecr.EcrClient.class,
            software.amazon.awssdk.services.ecr.model.EcrRequest.class, ECR);
    final java.util.Set<String> attacked = new java.util.TreeSet<>();
    int nextOperation;

    @Test
    void hostileRequestsGetClientErrorsAndChangeNothing() throws Exception {
        List<String> before = state();
        Map<String, Integer> byKind = new TreeMap<>();
        List<Supplier<Attack>> generators = List.of(this::unknownTarget, this::notJson, this::invalidUtf8,
                this::deepNesting, this::wrongTypes, this::hugeStrings, this::invalidValues, this::badSignature,
                this::missingResources, this::randomBytes, this::autoScaling, this::controlCharacters);
        for (int i = 0; i < REQUESTS; i++) {
            Attack attack = i % 500 == 499 ? oversized() : generators.get(random.nextInt(generators.size())).get();
            HttpResponse<byte[]> response = send(attack);
            String what = "request " + i + " (" + attack.kind() + ", " + attack.target() + ")";
            assertThat(response.statusCode()).as(what).isBetween(400, 499);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("__type").asText()).as(what + " __type").isNotBlank();
            if (attack.kind().equals("control characters")) {
                // The SDK knows operations newer than the gateway's table, which it calls unknown; the
                // one Application Auto Scaling operation Berth does not implement is refused first; and
                // a lone surrogate in a member's name is not even JSON to the parser.
                assertThat(body.path("__type").asText()).as(what).isIn(attack.target().startsWith(AAS)
                        ? "ValidationException" : "InvalidParameterException", "UnknownOperationException",
                        "UnsupportedFeatureException", "SerializationException");
            }
            assertThat(body.has("message") || body.has("Message")).as(what + " message").isTrue();
            assertThat(response.headers().firstValue("x-amzn-RequestId")).as(what).isPresent();
            byKind.merge(attack.kind(), 1, Integer::sum);
        }
        assertThat(byKind.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
        assertThat(byKind).hasSize(13);
        assertThat(attacked).as("operations attacked with control characters").hasSize(operations.size()
                + scalingOperations.size() + registryOperations.size()).hasSizeGreaterThan(120);
        assertThat(state()).isEqualTo(before);
    }

    /** Everything the fuzzed account could have changed, as text. */
    List<String> state() throws IOException, InterruptedException {
        List<String> state = new ArrayList<>();
        for (String operation : List.of("ListClusters", "ListTaskDefinitionFamilies", "DescribeCapacityProviders",
                "ListAccountSettings", "ListTaskDefinitions")) {
            HttpResponse<byte[]> response = send(new Attack("read", ECS + operation,
                    "{}".getBytes(StandardCharsets.UTF_8), authorization()));
            assertThat(response.statusCode()).as(operation).isEqualTo(200);
            state.add(new String(response.body(), StandardCharsets.UTF_8));
        }
        for (String operation : List.of("DescribeScalableTargets", "DescribeScalingPolicies",
                "DescribeScheduledActions")) {
            HttpResponse<byte[]> response = send(new Attack("read", AAS + operation,
                    "{\"ServiceNamespace\":\"ecs\"}".getBytes(StandardCharsets.UTF_8), authorization()));
            assertThat(response.statusCode()).as(operation).isEqualTo(200);
            state.add(new String(response.body(), StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> repositories = send(new Attack("read", ECR + "DescribeRepositories",
                "{}".getBytes(StandardCharsets.UTF_8), authorization()));
        assertThat(repositories.statusCode()).as("DescribeRepositories").isEqualTo(200);
        state.add(new String(repositories.body(), StandardCharsets.UTF_8));
        return state;
    }

    HttpResponse<byte[]> send(Attack attack) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:8080/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(attack.body()));
        if (attack.target() != null) {
            request.header("X-Amz-Target", attack.target());
        }
        if (attack.authorization() != null) {
            request.header("Authorization", attack.authorization());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String authorization() {
        return "AWS4-HMAC-SHA256 Credential=" + ACCOUNT + "/20261126/us-east-1/ecs/aws4_request, "
                + "SignedHeaders=host, Signature=0";
    }

    static final List<String> WRITES = List.of("CreateCluster", "RegisterTaskDefinition", "CreateCapacityProvider",
            "PutAccountSetting", "UpdateClusterSettings", "PutClusterCapacityProviders", "TagResource",
            "DeleteCluster", "DeregisterTaskDefinition", "DeleteTaskDefinitions", "UpdateCapacityProvider",
            "DeleteCapacityProvider", "PutAccountSettingDefault", "DeleteAccountSetting", "UpdateCluster");

    String write() {
        return ECS + WRITES.get(random.nextInt(WRITES.size()));
    }

    Attack attack(String kind, String target, String body) {
        return new Attack(kind, target, body.getBytes(StandardCharsets.UTF_8), authorization());
    }

    Attack unknownTarget() {
        String[] targets = {ECS + "Launch" + random.nextInt(1000), "AmazonEC2ContainerServiceV20141113", "",
                "ecs.CreateCluster", ECS.toLowerCase() + "createcluster", ECS + "CreateCluster ".repeat(3),
                "x".repeat(5000)};
        return attack("unknown target", targets[random.nextInt(targets.length)], "{}");
    }

    Attack notJson() {
        String[] bodies = {"{", "}", "[]", "[{}]", "null", "42", "\"CreateCluster\"", "{\"clusterName\":}",
                "{\"clusterName\":\"a\",}", "{'clusterName':'a'}", "{\"a\":1}{\"b\":2}", "tru", "{\"a\" 1}"};
        return attack("not a JSON object", write(), bodies[random.nextInt(bodies.length)]);
    }

    Attack invalidUtf8() {
        byte[] body = "{\"clusterName\":\"xx\"}".getBytes(StandardCharsets.UTF_8);
        body[16] = (byte) (0x80 + random.nextInt(64));
        body[17] = (byte) 0xFF;
        return new Attack("invalid UTF-8", write(), body, authorization());
    }

    Attack deepNesting() {
        int depth = 1000 + random.nextInt(5000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return attack("deep nesting", write(), "{\"clusterName\":" + open.repeat(depth) + "1"
                + close.repeat(depth) + "}");
    }

    Attack wrongTypes() {
        String[] values = {"1", "true", "[]", "{}", "[1,2]", "\"s\"", "-1.5e300", "[{\"key\":1}]"};
        String value = values[random.nextInt(values.length)];
        String[][] cases = {
                {"CreateCluster", "{\"clusterName\":" + value.replace("\"s\"", "1") + "}"},
                {"CreateCluster", "{\"clusterName\":\"fz\",\"tags\":\"" + value + "\"}"},
                {"CreateCluster", "{\"clusterName\":\"fz\",\"settings\":7}"},
                {"RegisterTaskDefinition", "{\"family\":\"fz\",\"containerDefinitions\":" + value.replace("[{", "[{\"x\":")
                        .replace("[]", "7") + "}"},
                {"RegisterTaskDefinition", "{\"family\":" + value.replace("\"s\"", "[]") + ",\"containerDefinitions\":[]}"},
                {"CreateCapacityProvider", "{\"name\":\"fz\",\"autoScalingGroupProvider\":" + value.replace("{}", "7") + "}"},
                {"PutAccountSetting", "{\"name\":" + value.replace("\"s\"", "3") + ",\"value\":\"enabled\"}"},
                {"DeleteTaskDefinitions", "{\"taskDefinitions\":" + value.replace("[]", "5").replace("[1,2]", "3") + "}"}};
        String[] chosen = cases[random.nextInt(cases.length)];
        return attack("wrong types", ECS + chosen[0], chosen[1]);
    }

    Attack hugeStrings() {
        String huge = "a".repeat(256 + random.nextInt(100_000));
        String[][] cases = {
                {"CreateCluster", "{\"clusterName\":\"" + huge + "\"}"},
                {"RegisterTaskDefinition", "{\"family\":\"" + huge + "\",\"containerDefinitions\":[{\"name\":\"a\","
                        + "\"image\":\"b\",\"memory\":64}]}"},
                {"CreateCapacityProvider", "{\"name\":\"" + huge + "\",\"autoScalingGroupProvider\":"
                        + "{\"autoScalingGroupArn\":\"a\"}}"},
                {"CreateCluster", "{\"clusterName\":\"fz\",\"tags\":[{\"key\":\"" + huge + "\",\"value\":\"v\"}]}"}};
        String[] chosen = cases[random.nextInt(cases.length)];
        return attack("huge strings", ECS + chosen[0], chosen[1]);
    }

    Attack invalidValues() {
        String[][] cases = {
                {"CreateCluster", "{\"clusterName\":\"has space\"}"},
                {"CreateCluster", "{\"clusterName\":\"ok\",\"tags\":[{\"key\":\"aws:x\",\"value\":\"v\"}]}"},
                {"CreateCluster", "{\"clusterName\":\"ok\",\"settings\":[{\"name\":\"containerInsights\","
                        + "\"value\":\"loud\"}]}"},
                {"CreateCluster", "{\"clusterName\":\"ok\",\"capacityProviders\":[\"nope\"]}"},
                {"RegisterTaskDefinition", "{\"family\":\"fz\",\"containerDefinitions\":[]}"},
                {"RegisterTaskDefinition", "{\"family\":\"fz\",\"containerDefinitions\":[{\"name\":\"a\"}]}"},
                {"RegisterTaskDefinition", "{\"family\":\"fz\",\"requiresCompatibilities\":[\"FARGATE\"],"
                        + "\"networkMode\":\"awsvpc\",\"cpu\":\"" + (1 + random.nextInt(100)) + "\",\"memory\":\"512\","
                        + "\"containerDefinitions\":[{\"name\":\"a\",\"image\":\"b\"}]}"},
                {"CreateCapacityProvider", "{\"name\":\"ecs-x\",\"autoScalingGroupProvider\":{\"autoScalingGroupArn\":\"a\"}}"},
                {"PutAccountSetting", "{\"name\":\"turbo\",\"value\":\"enabled\"}"},
                {"PutAccountSetting", "{\"name\":\"containerInsights\",\"value\":\"" + random.nextInt() + "\"}"},
                {"ListClusters", "{\"maxResults\":" + (101 + random.nextInt(1000)) + "}"},
                {"ListClusters", "{\"nextToken\":\"" + Long.toHexString(random.nextLong()) + "\"}"},
                {"DescribeClusters", "{\"include\":[\"EVERYTHING\"]}"}};
        String[] chosen = cases[random.nextInt(cases.length)];
        return attack("invalid values", ECS + chosen[0], chosen[1]);
    }

    Attack badSignature() {
        String[] headers = {"Basic Zm9vOmJhcg==", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=x",
                "AWS4-HMAC-SHA256 Credential=k/20261126/NOT-A-REGION/ecs/aws4_request"};
        return new Attack("bad signature", write(), "{}".getBytes(StandardCharsets.UTF_8),
                headers[random.nextInt(headers.length)]);
    }

    Attack missingResources() {
        String[][] cases = {
                {"DeleteCluster", "{\"cluster\":\"never-" + random.nextInt(1000) + "\"}"},
                {"UpdateClusterSettings", "{\"cluster\":\"never\",\"settings\":[{\"name\":\"containerInsights\","
                        + "\"value\":\"enabled\"}]}"},
                {"DeregisterTaskDefinition", "{\"taskDefinition\":\"never:1\"}"},
                {"DeleteCapacityProvider", "{\"capacityProvider\":\"never\"}"},
                {"TagResource", "{\"resourceArn\":\"arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/never\","
                        + "\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}"},
                {"DeleteAccountSetting", "{\"name\":\"awsvpcTrunking\"}"}};
        String[] chosen = cases[random.nextInt(cases.length)];
        return attack("missing resources", ECS + chosen[0], chosen[1]);
    }

    Attack randomBytes() {
        byte[] body = new byte[1 + random.nextInt(2000)];
        random.nextBytes(body);
        body[0] = (byte) '{';
        return new Attack("random bytes", write(), body, authorization());
    }

    /** Application Auto Scaling requests no target of the fuzzed account could satisfy. */
    Attack autoScaling() {
        String key = "\"ServiceNamespace\":\"ecs\",\"ScalableDimension\":\"ecs:service:DesiredCount\","
                + "\"ResourceId\":\"service/fz/web\"";
        String huge = "p".repeat(257 + random.nextInt(5000));
        String[] values = {"1", "true", "[]", "{}", "\"s\"", "-1.5e300", "null", "1e400"};
        String value = values[random.nextInt(values.length)];
        String[][] cases = {
                {"RegisterScalableTarget", "{" + key + ",\"MinCapacity\":1,\"MaxCapacity\":2}"},
                {"RegisterScalableTarget", "{" + key + ",\"MinCapacity\":" + value + ",\"MaxCapacity\":2}"},
                {"RegisterScalableTarget", "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"" + huge + "\","
                        + "\"ScalableDimension\":\"ecs:service:DesiredCount\"}"},
                {"RegisterScalableTarget", "{\"ServiceNamespace\":" + value + "}"},
                {"DescribeScalableTargets", "{\"ServiceNamespace\":\"ecs\",\"MaxResults\":"
                        + (value.equals("null") ? "0" : value.equals("1") ? "51" : value) + "}"},
                {"DescribeScalingActivities", "{\"ServiceNamespace\":\"ecs\",\"NextToken\":\""
                        + Long.toHexString(random.nextLong()) + "\"}"},
                {"PutScalingPolicy", "{" + key + ",\"PolicyName\":\"p\",\"PolicyType\":\"TargetTrackingScaling\","
                        + "\"TargetTrackingScalingPolicyConfiguration\":{\"TargetValue\":" + value + "}}"},
                {"PutScalingPolicy", "{" + key + ",\"PolicyName\":\"p\",\"PolicyType\":\"StepScaling\","
                        + "\"StepScalingPolicyConfiguration\":{\"AdjustmentType\":\"ChangeInCapacity\","
                        + "\"StepAdjustments\":[{\"MetricIntervalLowerBound\":" + value + ",\"ScalingAdjustment\":1}]}}"},
                {"PutScalingPolicy", "{" + key + ",\"PolicyName\":\"" + huge + "\"}"},
                {"PutScheduledAction", "{" + key + ",\"ScheduledActionName\":\"s\",\"Schedule\":\"cron("
                        + random.nextInt(99) + " * * * " + value + ")\",\"StartTime\":" + value + "}"},
                {"DeleteScheduledAction", "{" + key + ",\"ScheduledActionName\":\"never\"}"},
                {"TagResource", "{\"ResourceARN\":\"arn:aws:application-autoscaling:us-east-1:" + ACCOUNT
                        + ":scalable-target/never\",\"Tags\":" + value + "}"},
                {"GetPredictiveScalingForecast", "{}"},
                {"Scale" + random.nextInt(100), "{}"}};
        String[] chosen = cases[random.nextInt(cases.length)];
        return attack("auto scaling", AAS + chosen[0], chosen[1]);
    }

    /**
     * One member of a request holds a control character (or a lone surrogate): at the top, in a list,
     * in a nested object, or in a member's name, in whichever member the operation reads.
     */
    Attack controlCharacters() {
        List<String> all = new ArrayList<>(operations);
        all.addAll(scalingOperations);
        all.addAll(registryOperations);
        String target = all.get(nextOperation++ % all.size());
        attacked.add(target);
        int[] refused = {0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f, 0x85, 0x9f, 0xd800};
        String bad = "a" + String.format("\\u%04x", refused[random.nextInt(refused.length)]) + "b";
        String[] members = {"cluster", "task", "service", "taskDefinition", "containerInstance", "family",
                "clusterName", "serviceName", "resourceArn", "name", "ServiceNamespace", "ResourceId", "PolicyName",
                "repositoryName", "registryId"};
        String member = members[random.nextInt(members.length)];
        String body = switch (random.nextInt(4)) {
            case 0 -> "{\"" + member + "\":\"" + bad + "\"}";
            case 1 -> "{\"" + member + "\":\"ok\",\"tasks\":[\"x\",\"" + bad + "\"]}";
            case 2 -> "{\"tags\":[{\"key\":\"k\",\"value\":\"" + bad + "\"}],\"" + member + "\":\"ok\"}";
            default -> "{\"" + bad + "\":\"" + member + "\"}";
        };
        return attack("control characters", target, body);
    }

    /** The operations of an SDK client: its methods that take one of the service's requests and answer a response. */
    static List<String> operationsOf(Class<?> client, Class<?> requestType, String targetPrefix) {
        return java.util.Arrays.stream(client.getMethods())
                .filter(m -> m.getParameterCount() == 1 && requestType.isAssignableFrom(m.getParameterTypes()[0])
                        && m.getReturnType().getSimpleName().endsWith("Response"))
                .map(m -> targetPrefix + Character.toUpperCase(m.getName().charAt(0)) + m.getName().substring(1))
                .distinct().sorted().toList();
    }

    Attack oversized() {
        byte[] body = new byte[1024 * 1024 + 1 + random.nextInt(1024)];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return new Attack("oversized body", write(), body, authorization());
    }
}
