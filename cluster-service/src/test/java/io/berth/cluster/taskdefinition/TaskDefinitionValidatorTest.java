package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.assertClientException;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.assertRejected;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.container;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.ec2;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.fargate;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.json;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.kitchenSink;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.taskdefinition.TaskDefinitionRequests.Request;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The task-level members, the output as a whole, and what passes through untouched. */
class TaskDefinitionValidatorTest {

    private static final List<Object> EMPTY = List.of();

    @Test
    void normalisesTheSmallestEc2DefinitionAsDescribeTaskDefinitionShowsIt() {
        ObjectNode expected = (ObjectNode) json(Map.of(
                "family", "web",
                "containerDefinitions", List.of(Map.of(
                        "name", "web", "image", "nginx:1.27", "memory", 256, "essential", true, "cpu", 0,
                        "portMappings", EMPTY, "environment", EMPTY, "mountPoints", EMPTY, "volumesFrom", EMPTY)),
                "networkMode", "bridge",
                "volumes", EMPTY,
                "placementConstraints", EMPTY,
                "compatibilities", List.of("EC2", "EXTERNAL"),
                "requiresAttributes", EMPTY));

        assertThat(validate(ec2())).isEqualTo(expected);
    }

    @Test
    void normalisesAFargateDefinition() {
        ObjectNode expected = (ObjectNode) json(Map.of(
                "family", "web",
                "containerDefinitions", List.of(Map.of(
                        "name", "web", "image", "nginx:1.27", "memory", 256, "essential", true, "cpu", 0,
                        "portMappings", EMPTY, "environment", EMPTY, "mountPoints", EMPTY, "volumesFrom", EMPTY)),
                "requiresCompatibilities", List.of("FARGATE"),
                "networkMode", "awsvpc",
                "cpu", "256",
                "memory", "512",
                "volumes", EMPTY,
                "placementConstraints", EMPTY,
                "compatibilities", List.of("EC2", "FARGATE"),
                "requiresAttributes", List.of(Map.of("name", "ecs.capability.task-eni"))));

        assertThat(validate(fargate().with("cpu", "0.25 vCPU").with("memory", "0.5GB"))).isEqualTo(expected);
    }

    static Stream<Arguments> validRequests() {
        return Stream.of(
                arguments(named("smallest EC2", ec2())),
                arguments(named("Fargate", fargate())),
                arguments(named("every member", kitchenSink())),
                arguments(named("Windows", ec2().with("runtimePlatform",
                        Map.of("operatingSystemFamily", "WINDOWS_SERVER_2022_CORE")))));
    }

    /** Re-registering a description (the usual way to make a new revision) must give it back unchanged. */
    @ParameterizedTest
    @MethodSource("validRequests")
    void acceptsItsOwnOutputAndReturnsItUnchanged(Request request) {
        ObjectNode registered = validate(request);

        assertThat(TaskDefinitionValidator.validate(registered.deepCopy())).isEqualTo(registered);
    }

    @ParameterizedTest
    @MethodSource("validRequests")
    void leavesTheRequestAlone(Request request) {
        ObjectNode sent = request.build();
        ObjectNode copy = sent.deepCopy();

        TaskDefinitionValidator.validate(sent);

        assertThat(sent).isEqualTo(copy);
    }

    @Test
    void rejectsANullRequest() {
        assertThatThrownBy(() -> TaskDefinitionValidator.validate(null))
                .isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.code()).isEqualTo(EcsErrors.CLIENT_EXCEPTION));
    }

    @Test
    void passesEveryMemberItDoesNotNormaliseThroughUnchanged() {
        Request request = kitchenSink();
        ObjectNode sent = request.build();

        ObjectNode registered = validate(request);

        for (String member : List.of("taskRoleArn", "executionRoleArn", "pidMode", "ipcMode", "runtimePlatform",
                "ephemeralStorage", "enableFaultInjection", "inferenceAccelerators", "placementConstraints",
                "proxyConfiguration", "volumes", "requiresCompatibilities")) {
            assertThat(registered.get(member)).as(member).isEqualTo(sent.get(member));
        }
        ObjectNode app = (ObjectNode) registered.at("/containerDefinitions/0");
        ObjectNode sentApp = (ObjectNode) sent.at("/containerDefinitions/0");
        sentApp.fieldNames().forEachRemaining(member -> {
            if (!member.equals("portMappings")) {
                assertThat(app.get(member)).as(member).isEqualTo(sentApp.get(member));
            }
        });
    }

    @Test
    void keepsMembersItDoesNotKnow() {
        ObjectNode registered = validate(ec2()
                .with("someFutureMember", Map.of("enabled", true))
                .container(c -> c.with("someFutureSetting", List.of(1, 2))));

        assertThat(registered.get("someFutureMember")).isEqualTo(json(Map.of("enabled", true)));
        assertThat(registered.at("/containerDefinitions/0/someFutureSetting")).isEqualTo(json(List.of(1, 2)));
    }

    @Test
    void dropsNullMembersAsIfAbsent() {
        ObjectNode registered = validate(ec2()
                .with("ipcMode", NullNode.instance)
                .with("cpu", NullNode.instance)
                .container(c -> c.with("entryPoint", NullNode.instance).with("essential", NullNode.instance)));

        assertThat(registered.has("ipcMode")).isFalse();
        assertThat(registered.has("cpu")).isFalse();
        assertThat(registered.at("/containerDefinitions/0").has("entryPoint")).isFalse();
        assertThat(registered.at("/containerDefinitions/0/essential").booleanValue()).isTrue();
    }

    /** A copied DescribeTaskDefinition output carries what the registry and this validator set. */
    @Test
    void dropsAndRecomputesWhatOnlyADescriptionShows() {
        ObjectNode registered = validate(ec2()
                .with("taskDefinitionArn", "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3")
                .with("revision", 3)
                .with("status", "ACTIVE")
                .with("registeredAt", 1_700_000_000.5)
                .with("registeredBy", "arn:aws:iam::123456789012:user/me")
                .with("deregisteredAt", 1_700_000_001)
                .with("compatibilities", List.of("FARGATE"))
                .with("requiresAttributes", List.of(Map.of("name", "made-up"))));

        assertThat(registered.has("taskDefinitionArn")).isFalse();
        assertThat(registered.has("revision")).isFalse();
        assertThat(registered.has("status")).isFalse();
        assertThat(registered.has("registeredAt")).isFalse();
        assertThat(registered.has("registeredBy")).isFalse();
        assertThat(registered.has("deregisteredAt")).isFalse();
        assertThat(registered.get("compatibilities")).isEqualTo(json(List.of("EC2", "EXTERNAL")));
        assertThat(registered.get("requiresAttributes")).isEqualTo(json(EMPTY));
    }

    @Test
    void validatesTagsButLeavesThemOutOfTheDefinition() {
        ObjectNode registered = validate(ec2().with("tags", List.of(Map.of("key", "team", "value", "shop"))));

        assertThat(registered.has("tags")).isFalse();
    }

    static Stream<Arguments> families() {
        return Stream.of(
                arguments(named("missing", ec2().without("family")), "Family can not be blank."),
                arguments(named("empty", ec2().with("family", "")), "Family can not be blank."),
                arguments(named("blank", ec2().with("family", "  ")), "Family can not be blank."),
                arguments(named("space", ec2().with("family", "my family")), "Family contains invalid characters."),
                arguments(named("colon", ec2().with("family", "web:1")), "Family contains invalid characters."),
                arguments(named("256 characters", ec2().with("family", "f".repeat(256))),
                        "Family can have up to 255 characters."));
    }

    @ParameterizedTest
    @MethodSource("families")
    void rejectsAFamilyOutsideTheNameRule(Request request, String message) {
        assertClientException(request, message);
    }

    @Test
    void acceptsAFamilyOf255Characters() {
        assertThat(validate(ec2().with("family", "F_-9".repeat(63) + "abc")).get("family").asText()).hasSize(255);
    }

    static Stream<Arguments> containerCounts() {
        List<TaskDefinitionRequests.Container> eleven = new ArrayList<>();
        IntStream.range(0, 11).forEach(i -> eleven.add(container("c" + i)));
        return Stream.of(
                arguments(named("missing", ec2().without("containerDefinitions")), "Container list cannot be empty."),
                arguments(named("empty", ec2().with("containerDefinitions", EMPTY)), "Container list cannot be empty."),
                arguments(named("eleven", ec2().containers(eleven.toArray(TaskDefinitionRequests.Container[]::new))),
                        "Too many containers. A task definition can have at most 10."));
    }

    @ParameterizedTest
    @MethodSource("containerCounts")
    void needsOneToTenContainers(Request request, String message) {
        assertClientException(request, message);
    }

    @Test
    void acceptsTenContainers() {
        Request request = ec2();
        for (int i = 1; i < 10; i++) {
            request = request.plus(container("c" + i));
        }

        assertThat(validate(request).get("containerDefinitions")).hasSize(10);
    }

    static Stream<Arguments> networkModes() {
        return Stream.of(
                arguments(named("omitted on Linux", ec2()), "bridge"),
                arguments(named("bridge", ec2().with("networkMode", "bridge")), "bridge"),
                arguments(named("host", ec2().with("networkMode", "host")), "host"),
                arguments(named("awsvpc", ec2().with("networkMode", "awsvpc")), "awsvpc"),
                arguments(named("none", ec2().with("networkMode", "none")), "none"),
                arguments(named("omitted on Windows", ec2().with("runtimePlatform",
                        Map.of("operatingSystemFamily", "WINDOWS_SERVER_2019_FULL"))), null),
                arguments(named("awsvpc on Windows", ec2().with("networkMode", "awsvpc").with("runtimePlatform",
                        Map.of("operatingSystemFamily", "WINDOWS_SERVER_2019_FULL"))), "awsvpc"));
    }

    @ParameterizedTest
    @MethodSource("networkModes")
    void echoesTheNetworkMode(Request request, String expected) {
        ObjectNode registered = validate(request);

        assertThat(registered.has("networkMode") ? registered.get("networkMode").asText() : null).isEqualTo(expected);
    }

    static Stream<Arguments> requiresCompatibilities() {
        return Stream.of(
                arguments(named("omitted", ec2()), null),
                arguments(named("EC2", ec2().with("requiresCompatibilities", List.of("EC2"))), List.of("EC2")),
                arguments(named("EXTERNAL and EC2", ec2().with("requiresCompatibilities", List.of("EXTERNAL", "EC2"))),
                        List.of("EXTERNAL", "EC2")),
                arguments(named("MANAGED_INSTANCES",
                        ec2().with("requiresCompatibilities", List.of("MANAGED_INSTANCES"))),
                        List.of("MANAGED_INSTANCES")));
    }

    @ParameterizedTest
    @MethodSource("requiresCompatibilities")
    void echoesRequiresCompatibilitiesOnlyWhenGiven(Request request, List<String> expected) {
        ObjectNode registered = validate(request);

        assertThat(registered.get("requiresCompatibilities")).isEqualTo(expected == null ? null : json(expected));
    }

    static Stream<Arguments> taskSettings() {
        String windows = "WINDOWS_SERVER_2022_FULL";
        return Stream.of(
                arguments(named("unknown launch type", ec2().with("requiresCompatibilities", List.of("EC2", "LAMBDA"))),
                        "Invalid 'requiresCompatibilities' setting for task. Valid values: EC2, FARGATE, EXTERNAL,"
                                + " MANAGED_INSTANCES."),
                arguments(named("lower-case launch type", ec2().with("requiresCompatibilities", List.of("fargate"))),
                        "Invalid 'requiresCompatibilities' setting for task. Valid values: EC2, FARGATE, EXTERNAL,"
                                + " MANAGED_INSTANCES."),
                arguments(named("unknown network mode", ec2().with("networkMode", "nat")),
                        "Invalid 'networkMode' setting for task. Valid values: bridge, host, awsvpc, none."),
                arguments(named("bridge on Windows", ec2().with("networkMode", "bridge")
                                .with("runtimePlatform", Map.of("operatingSystemFamily", windows))),
                        "Invalid 'networkMode' setting for task. Windows containers support the default network mode"
                                + " (omit networkMode) or awsvpc."),
                arguments(named("pidMode", ec2().with("pidMode", "container")),
                        "Invalid 'pidMode' setting for task. Valid values: host, task."),
                arguments(named("ipcMode", ec2().with("ipcMode", "shareable")),
                        "Invalid 'ipcMode' setting for task. Valid values: host, task, none."),
                arguments(named("CPU architecture", ec2().with("runtimePlatform", Map.of("cpuArchitecture", "x86_64"))),
                        "Invalid 'runtimePlatform' setting for task. Valid values: X86_64, ARM64."),
                arguments(named("operating system", ec2().with("runtimePlatform",
                        Map.of("operatingSystemFamily", "MACOS"))),
                        "Invalid 'runtimePlatform' setting for task. Valid values: LINUX, WINDOWS_SERVER_2016_FULL,"
                                + " WINDOWS_SERVER_2019_FULL, WINDOWS_SERVER_2019_CORE, WINDOWS_SERVER_2004_CORE,"
                                + " WINDOWS_SERVER_20H2_CORE, WINDOWS_SERVER_2022_FULL, WINDOWS_SERVER_2022_CORE,"
                                + " WINDOWS_SERVER_2025_FULL, WINDOWS_SERVER_2025_CORE."),
                arguments(named("20 GiB of ephemeral storage", ec2().with("ephemeralStorage", Map.of("sizeInGiB", 20))),
                        "Invalid 'ephemeralStorage' setting for task. sizeInGiB must be between 21 and 200."),
                arguments(named("201 GiB of ephemeral storage",
                        ec2().with("ephemeralStorage", Map.of("sizeInGiB", 201))),
                        "Invalid 'ephemeralStorage' setting for task. sizeInGiB must be between 21 and 200."),
                arguments(named("ephemeral storage without size", ec2().with("ephemeralStorage", Map.of())),
                        "Invalid 'ephemeralStorage' setting for task. sizeInGiB must be between 21 and 200."),
                arguments(named("proxy type", ec2().with("proxyConfiguration",
                        Map.of("type", "ISTIO", "containerName", "web"))),
                        "Invalid 'proxyConfiguration' setting for task. The type must be APPMESH."),
                arguments(named("proxy container unknown", ec2().with("proxyConfiguration",
                        Map.of("type", "APPMESH", "containerName", "envoy"))),
                        "Invalid 'proxyConfiguration' setting for task. Container 'envoy' does not exist in this task"
                                + " definition."),
                arguments(named("proxy container missing", ec2().with("proxyConfiguration", Map.of("type", "APPMESH"))),
                        "Invalid 'proxyConfiguration' setting for task. containerName should not be null or empty."));
    }

    @ParameterizedTest
    @MethodSource("taskSettings")
    void rejectsTaskSettingsOutsideTheirValues(Request request, String message) {
        assertClientException(request, message);
    }

    static Stream<Arguments> validTaskSettings() {
        return Stream.of(
                arguments(named("pidMode host", ec2().with("pidMode", "host"))),
                arguments(named("ipcMode task", ec2().with("ipcMode", "task"))),
                arguments(named("ARM64", ec2().with("runtimePlatform", Map.of("cpuArchitecture", "ARM64")))),
                arguments(named("21 GiB", ec2().with("ephemeralStorage", Map.of("sizeInGiB", 21)))),
                arguments(named("200 GiB", ec2().with("ephemeralStorage", Map.of("sizeInGiB", 200)))),
                arguments(named("App Mesh proxy", ec2().with("proxyConfiguration", Map.of("type", "APPMESH",
                        "containerName", "web", "properties", List.of(Map.of("name", "AppPorts", "value", "80")))))));
    }

    @ParameterizedTest
    @MethodSource("validTaskSettings")
    void acceptsTaskSettingsWithinTheirValues(Request request) {
        ObjectNode sent = request.build();

        ObjectNode registered = validate(request);

        sent.fieldNames().forEachRemaining(member -> {
            if (!member.equals("containerDefinitions")) {
                assertThat(registered.get(member)).as(member).isEqualTo(sent.get(member));
            }
        });
    }

    static Stream<Arguments> placementConstraints() {
        List<Object> eleven = new ArrayList<>();
        IntStream.range(0, 11).forEach(i -> eleven.add(Map.of("type", "memberOf", "expression", "attribute:a" + i)));
        String invalid = "Invalid 'placementConstraints' setting for task. ";
        return Stream.of(
                arguments(named("eleven", ec2().with("placementConstraints", eleven)),
                        invalid + "A task definition can have at most 10 placement constraints."),
                arguments(named("distinctInstance", ec2().with("placementConstraints",
                        List.of(Map.of("type", "distinctInstance")))),
                        invalid + "distinctInstance is not supported in a task definition; give it to RunTask or"
                                + " CreateService."),
                arguments(named("a strategy", ec2().with("placementConstraints",
                        List.of(Map.of("type", "spread", "expression", "attribute:x")))),
                        invalid + "The type must be memberOf."),
                arguments(named("no type", ec2().with("placementConstraints", List.of(Map.of("expression", "x")))),
                        invalid + "The type must be memberOf."),
                arguments(named("no expression", ec2().with("placementConstraints",
                        List.of(Map.of("type", "memberOf")))),
                        invalid + "A memberOf constraint needs an expression."),
                arguments(named("blank expression", ec2().with("placementConstraints",
                        List.of(Map.of("type", "memberOf", "expression", " ")))),
                        invalid + "A memberOf constraint needs an expression."),
                arguments(named("2001 characters", ec2().with("placementConstraints",
                        List.of(Map.of("type", "memberOf", "expression", "x".repeat(2001))))),
                        invalid + "An expression can have up to 2000 characters."));
    }

    @ParameterizedTest
    @MethodSource("placementConstraints")
    void acceptsOnlyMemberOfConstraints(Request request, String message) {
        assertClientException(request, message);
    }

    @Test
    void leavesTheExpressionOfAConstraintToThePlacementEngine() {
        List<Object> constraints = new ArrayList<>();
        IntStream.range(0, 10).forEach(i -> constraints.add(
                Map.of("type", "memberOf", "expression", "(( not even CQL " + i)));

        ObjectNode registered = validate(ec2().with("placementConstraints", constraints));

        assertThat(registered.get("placementConstraints")).isEqualTo(json(constraints));
    }

    static Stream<Arguments> tags() {
        List<Object> fiftyOne = new ArrayList<>();
        IntStream.range(0, 51).forEach(i -> fiftyOne.add(Map.of("key", "k" + i, "value", "v")));
        return Stream.of(
                arguments(named("51 tags", ec2().with("tags", fiftyOne)),
                        "Too many tags: a resource can have at most 50 tags."),
                arguments(named("no key", ec2().with("tags", List.of(Map.of("value", "v")))),
                        "Invalid tag key: a key must have 1 to 128 characters."),
                arguments(named("empty key", ec2().with("tags", List.of(Map.of("key", "", "value", "v")))),
                        "Invalid tag key: a key must have 1 to 128 characters."),
                arguments(named("129 characters", ec2().with("tags", List.of(Map.of("key", "k".repeat(129))))),
                        "Invalid tag key: a key must have 1 to 128 characters."),
                arguments(named("aws: prefix", ec2().with("tags", List.of(Map.of("key", "aws:team", "value", "v")))),
                        "Invalid tag key 'aws:team': the prefix 'aws:' is reserved."),
                arguments(named("AWS: prefix", ec2().with("tags", List.of(Map.of("key", "AwS:team", "value", "v")))),
                        "Invalid tag key 'AwS:team': the prefix 'aws:' is reserved."),
                arguments(named("hash in key", ec2().with("tags", List.of(Map.of("key", "a#b", "value", "v")))),
                        "Invalid tag key 'a#b': use letters, numbers, spaces and the characters + - = . _ : / @."),
                arguments(named("257 characters", ec2().with("tags",
                        List.of(Map.of("key", "team", "value", "v".repeat(257))))),
                        "Invalid tag value for key 'team': a value can have up to 256 letters, numbers, spaces and"
                                + " the characters + - = . _ : / @."),
                arguments(named("duplicate key", ec2().with("tags", List.of(Map.of("key", "team", "value", "a"),
                        Map.of("key", "team", "value", "b")))),
                        "Duplicate tag key 'team'."));
    }

    @ParameterizedTest
    @MethodSource("tags")
    void rejectsTagsAsTagResourceDoes(Request request, String message) {
        assertRejected(request, EcsErrors.INVALID_PARAMETER, message);
    }

    @Test
    void acceptsFiftyTagsAtTheirLongest() {
        List<Object> fifty = new ArrayList<>();
        // Limits count characters: "é" is one, whatever its encoding.
        IntStream.range(0, 49).forEach(i -> fifty.add(Map.of(
                "key", String.format("%03d", i) + "é".repeat(125),
                "value", "ü @+=.:/_-".repeat(25) + "x".repeat(6))));
        fifty.add(Map.of("key", "aws-team", "value", ""));

        assertThat(validate(ec2().with("tags", fifty)).has("tags")).isFalse();
    }

    @Test
    void rejectsARequestOver64KiB() {
        Map<String, Object> labels = new LinkedHashMap<>();
        IntStream.range(0, 70).forEach(i -> labels.put("label" + i, "x".repeat(1000)));

        assertThatThrownBy(() -> validate(ec2().container(c -> c.with("dockerLabels", labels))))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo(EcsErrors.CLIENT_EXCEPTION);
                    assertThat(e.getMessage()).matches(
                            "The task definition is \\d+ bytes long; the maximum is 65536 bytes \\(64 KiB\\)\\.");
                });
    }

    @Test
    void acceptsARequestJustUnder64KiB() {
        ObjectNode smallest = ec2().container(c -> c.with("dockerLabels", Map.of("l", ""))).build();
        int room = TaskDefinitionValidator.MAX_SIZE_BYTES - smallest.toString().length();

        ObjectNode registered = validate(ec2().container(c -> c.with("dockerLabels", Map.of("l", "x".repeat(room)))));

        assertThat(registered.at("/containerDefinitions/0/dockerLabels/l").asText()).hasSize(room);
        assertClientException(ec2().container(c -> c.with("dockerLabels", Map.of("l", "x".repeat(room + 1)))),
                "The task definition is 65537 bytes long; the maximum is 65536 bytes (64 KiB).");
    }
}
