package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.JSON;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.assertClientException;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.ec2;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.fargate;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.json;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.kitchenSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.taskdefinition.TaskDefinitionRequests.Request;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests in shapes no SDK sends: every failure must be an EcsException (a ClientException naming the
 * member for a wrong type), never a NullPointerException, ClassCastException or the like.
 */
class HostileShapesTest {

    /** One of each JSON type, plus the numbers that break naive code. */
    private static final List<JsonNode> HOSTILE_VALUES = List.of(
            json("x"), json(""), json(0), json(-1), json(2_147_483_648L), json(new BigInteger("1" + "0".repeat(30))),
            json(1.5), json(new BigDecimal("1e400")), json(true), NullNode.instance, json(List.of()), json(List.of(1)),
            json(List.of("x")), json(Map.of()), json(Map.of("a", 1)), json(Map.of("name", List.of())));

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                arguments(named("containerDefinitions: [1]", ec2().with("containerDefinitions", List.of(1))),
                        "Invalid type for 'containerDefinitions[0]': expected an object."),
                arguments(named("containerDefinitions: {}", ec2().with("containerDefinitions", Map.of())),
                        "Invalid type for 'containerDefinitions': expected a list."),
                arguments(named("containerDefinitions: \"web\"", ec2().with("containerDefinitions", "web")),
                        "Invalid type for 'containerDefinitions': expected a list."),
                arguments(named("containerDefinitions: [null]", ec2().with("containerDefinitions",
                        JSON.createArrayNode().addNull())),
                        "Invalid type for 'containerDefinitions[0]': expected an object."),
                arguments(named("family: 7", ec2().with("family", 7)), "Invalid type for 'family': expected a string."),
                arguments(named("family: [\"web\"]", ec2().with("family", List.of("web"))),
                        "Invalid type for 'family': expected a string."),
                arguments(named("portMappings: \"x\"", ec2().container(c -> c.with("portMappings", "x"))),
                        "Invalid type for 'containerDefinitions[0].portMappings': expected a list."),
                arguments(named("portMappings: [80]", ec2().container(c -> c.with("portMappings", List.of(80)))),
                        "Invalid type for 'containerDefinitions[0].portMappings[0]': expected an object."),
                arguments(named("containerPort: \"80\"", ec2().container(c -> c.with("portMappings",
                        List.of(Map.of("containerPort", "80"))))),
                        "Invalid type for 'containerDefinitions[0].portMappings[0].containerPort': expected an"
                                + " integer."),
                arguments(named("hostPort: 2^31", ec2().container(c -> c.with("portMappings",
                        List.of(Map.of("containerPort", 80, "hostPort", 2_147_483_648L))))),
                        "Invalid value for 'containerDefinitions[0].portMappings[0].hostPort': the number is out of"
                                + " range."),
                arguments(named("memory: \"512\"", ec2().container(c -> c.with("memory", "512"))),
                        "Invalid type for 'containerDefinitions[0].memory': expected an integer."),
                arguments(named("memory: 512.5", ec2().container(c -> c.with("memory", 512.5))),
                        "Invalid type for 'containerDefinitions[0].memory': expected an integer."),
                arguments(named("memory: 10^30", ec2().container(c -> c.with("memory",
                        new BigInteger("1" + "0".repeat(30))))),
                        "Invalid value for 'containerDefinitions[0].memory': the number is out of range."),
                arguments(named("essential: \"true\"", ec2().container(c -> c.with("essential", "true"))),
                        "Invalid type for 'containerDefinitions[0].essential': expected a boolean."),
                arguments(named("dockerLabels: {a: 1}", ec2().container(c -> c.with("dockerLabels", Map.of("a", 1)))),
                        "Invalid type for 'containerDefinitions[0].dockerLabels.a': expected a string."),
                arguments(named("dockerLabels: {a: null}", ec2().container(c -> c.with("dockerLabels",
                        JSON.createObjectNode().putNull("a")))),
                        "Invalid type for 'containerDefinitions[0].dockerLabels.a': expected a string."),
                arguments(named("environment: [null]", ec2().container(c -> c.with("environment",
                        JSON.createArrayNode().addNull()))),
                        "Invalid type for 'containerDefinitions[0].environment[0]': expected an object."),
                arguments(named("command: [1]", ec2().container(c -> c.with("command", List.of(1)))),
                        "Invalid type for 'containerDefinitions[0].command[0]': expected a string."),
                arguments(named("healthCheck: [\"CMD\"]", ec2().container(c -> c.with("healthCheck", List.of("CMD")))),
                        "Invalid type for 'containerDefinitions[0].healthCheck': expected an object."),
                arguments(named("logConfiguration.options: []", ec2().container(c -> c.with("logConfiguration",
                        Map.of("logDriver", "awslogs", "options", List.of())))),
                        "Invalid type for 'containerDefinitions[0].logConfiguration.options': expected an object."),
                arguments(named("volumes: [\"data\"]", ec2().with("volumes", List.of("data"))),
                        "Invalid type for 'volumes[0]': expected an object."),
                arguments(named("efs port: \"2049\"", ec2().with("volumes", List.of(Map.of("name", "d",
                        "efsVolumeConfiguration", Map.of("fileSystemId", "fs-1", "transitEncryptionPort", "2049"))))),
                        "Invalid type for 'volumes[0].efsVolumeConfiguration.transitEncryptionPort': expected an"
                                + " integer."),
                arguments(named("tags: \"team=shop\"", ec2().with("tags", "team=shop")),
                        "Invalid type for 'tags': expected a list."),
                arguments(named("requiresCompatibilities: \"FARGATE\"", fargate().with("requiresCompatibilities",
                        "FARGATE")), "Invalid type for 'requiresCompatibilities': expected a list."),
                arguments(named("ephemeralStorage: 30", ec2().with("ephemeralStorage", 30)),
                        "Invalid type for 'ephemeralStorage': expected an object."),
                arguments(named("cpu: 1.5", ec2().with("cpu", 1.5)),
                        "Invalid type for 'cpu': expected a string or an integer."));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void namesTheMemberOfTheWrongType(Request request, String message) {
        assertClientException(request, message);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                arguments(named("negative container cpu", ec2().container(c -> c.with("cpu", -5)))),
                arguments(named("negative health check retries", ec2().container(c -> c.with("healthCheck",
                        Map.of("command", List.of("CMD", "true"), "retries", Integer.MIN_VALUE))))),
                arguments(named("huge memory", ec2().with("memory", Long.MAX_VALUE))),
                arguments(named("huge host port", ec2().container(c -> c.with("portMappings",
                        List.of(Map.of("containerPort", Integer.MAX_VALUE, "hostPort", Integer.MAX_VALUE)))))),
                arguments(named("cpu sum past the int range", ec2().with("cpu", "196608").containers(
                        TaskDefinitionRequests.container("a").with("cpu", Integer.MAX_VALUE),
                        TaskDefinitionRequests.container("b").with("cpu", Integer.MAX_VALUE)))),
                arguments(named("memory sum past the int range", ec2().with("memory", Integer.MAX_VALUE).containers(
                        TaskDefinitionRequests.container("a").without("memory").with("memoryReservation",
                                Integer.MAX_VALUE),
                        TaskDefinitionRequests.container("b").without("memory").with("memoryReservation", 6)))),
                arguments(named("range of huge numbers", ec2().container(c -> c.with("portMappings",
                        List.of(Map.of("containerPortRange", "99999-999999")))))),
                arguments(named("digits for a cpu", ec2().with("cpu", "9".repeat(5000)))),
                arguments(named("dependsOn on a nameless object", ec2().container(c -> c.with("dependsOn",
                        List.of(Map.of()))))),
                arguments(named("request as a description of itself", ec2().with("containerDefinitions",
                        List.of(Map.of("name", Map.of("name", "web")))))));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void rejectsValuesOutOfRangeWithAClientException(Request request) {
        assertThatThrownBy(() -> TaskDefinitionValidator.validate(request.build()))
                .isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.code()).isEqualTo(EcsErrors.CLIENT_EXCEPTION));
    }

    @Test
    void rejectsAnUnknownMemberNestedDeeperThanJsonAllowsWithAClientException() {
        ObjectNode request = ec2().build();
        JsonNode deep = json(List.of());
        for (int i = 0; i < 3000; i++) {
            deep = JSON.createArrayNode().add(deep);
        }
        request.set("futureMember", deep);

        assertThatThrownBy(() -> TaskDefinitionValidator.validate(request)).isInstanceOf(EcsException.class);
    }

    /** Every member the model names, wherever the kitchen sink has (or could have) it, in every JSON type. */
    @Test
    void reportsEveryWrongTypeAtEveryMemberByItsPath() {
        ObjectNode base = kitchenSink().build();
        List<Site> sites = new ArrayList<>();
        collect(RegisterTaskDefinitionShape.REQUEST, base, "", "", sites);
        assertThat(sites).hasSizeGreaterThan(300);

        for (Site site : sites) {
            for (JsonNode value : HOSTILE_VALUES) {
                ObjectNode request = base.deepCopy();
                site.put(request, value.deepCopy());
                String expected = typeError(site, value);
                try {
                    TaskDefinitionValidator.validate(request);
                    assertThat(expected).as("%s = %s", site.path(), value).isNull();
                } catch (EcsException e) {
                    if (expected != null) {
                        assertThat(e.getMessage()).as("%s = %s", site.path(), value).isEqualTo(expected);
                    }
                } catch (RuntimeException e) {
                    fail("%s = %s threw %s", site.path(), value, e);
                }
            }
        }
    }

    /** Random edits of valid requests, seeded so that a failure can be replayed. */
    @Test
    void survivesRandomEditsOfValidRequests() {
        Random random = new Random(20_240_611);
        List<String> vocabulary = new ArrayList<>(memberNames(RegisterTaskDefinitionShape.REQUEST, new TreeSet<>()));
        List<ObjectNode> bases = List.of(kitchenSink().build(), ec2().build(), fargate().build());
        int accepted = 0;
        int rejected = 0;
        for (int run = 0; run < 4000; run++) {
            ObjectNode request = bases.get(random.nextInt(bases.size())).deepCopy();
            int edits = 1 + random.nextInt(3);
            for (int i = 0; i < edits; i++) {
                edit(request, random, vocabulary);
            }
            ObjectNode sent = request.deepCopy();
            try {
                ObjectNode registered = TaskDefinitionValidator.validate(request);
                accepted++;
                assertThat(TaskDefinitionValidator.validate(registered.deepCopy())).as("run %d: %s", run, sent)
                        .isEqualTo(registered);
            } catch (EcsException e) {
                rejected++;
                assertThat(e.code()).as("run %d: %s", run, sent)
                        .isIn(EcsErrors.CLIENT_EXCEPTION, EcsErrors.INVALID_PARAMETER);
                assertThat(e.getMessage()).as("run %d: %s", run, sent).isNotBlank();
            } catch (RuntimeException e) {
                fail("run %d threw %s for %s", run, e, sent);
            }
            assertThat(request).as("run %d left the request alone", run).isEqualTo(sent);
        }
        assertThat(accepted).isGreaterThan(100);
        assertThat(rejected).isGreaterThan(1000);
    }

    /** A place a member can be: in {@code parent} (a JSON pointer) under {@code key} or at {@code index}. */
    private record Site(String parent, String key, int index, String path, Shape shape, boolean inStruct) {

        void put(ObjectNode request, JsonNode value) {
            JsonNode container = request.at(parent);
            if (key != null) {
                ((ObjectNode) container).set(key, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }
    }

    private static void collect(Shape shape, JsonNode node, String pointer, String path, List<Site> sites) {
        if (shape instanceof Shape.Struct struct) {
            for (Map.Entry<String, Shape> member : struct.members().entrySet()) {
                String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                sites.add(new Site(pointer, member.getKey(), -1, memberPath, member.getValue(), true));
                JsonNode value = node.get(member.getKey());
                if (value != null) {
                    collect(member.getValue(), value, pointer + "/" + escape(member.getKey()), memberPath, sites);
                }
            }
        } else if (shape instanceof Shape.ListOf list) {
            for (int i = 0; i < node.size(); i++) {
                sites.add(new Site(pointer, null, i, path + "[" + i + "]", list.element(), false));
                collect(list.element(), node.get(i), pointer + "/" + i, path + "[" + i + "]", sites);
            }
        } else if (shape instanceof Shape.MapOf map && node.size() > 0) {
            String key = node.fieldNames().next();
            sites.add(new Site(pointer, key, -1, path + "." + key, map.value(), false));
        }
    }

    /** The message the shape check must give for {@code value} at {@code site}, or null if it passes it. */
    private static String typeError(Site site, JsonNode value) {
        if (value.isNull()) {
            return site.inStruct() ? null : wrongType(site.path(), expected(site.shape()));
        }
        Shape shape = site.shape();
        if (shape instanceof Shape.Scalar scalar) {
            boolean integral = value.isIntegralNumber();
            boolean accepted = switch (scalar) {
                case STRING -> value.isTextual();
                case INTEGER -> integral;
                case BOOLEAN -> value.isBoolean();
                case STRING_OR_INTEGER -> value.isTextual() || integral;
            };
            if (!accepted) {
                return wrongType(site.path(), expected(shape));
            }
            if (integral && scalar == Shape.Scalar.INTEGER && !value.canConvertToInt()) {
                return "Invalid value for '" + site.path() + "': the number is out of range.";
            }
            return null;
        }
        boolean accepted = shape instanceof Shape.ListOf ? value.isArray() : value.isObject();
        return accepted ? null : wrongType(site.path(), expected(shape));
    }

    private static String expected(Shape shape) {
        if (shape instanceof Shape.Scalar scalar) {
            return scalar.expected;
        }
        return shape instanceof Shape.ListOf ? "a list" : "an object";
    }

    private static String wrongType(String path, String expected) {
        return "Invalid type for '" + path + "': expected " + expected + ".";
    }

    private static Set<String> memberNames(Shape shape, Set<String> names) {
        if (shape instanceof Shape.Struct struct) {
            struct.members().forEach((name, member) -> {
                names.add(name);
                memberNames(member, names);
            });
        } else if (shape instanceof Shape.ListOf list) {
            memberNames(list.element(), names);
        } else if (shape instanceof Shape.MapOf map) {
            memberNames(map.value(), names);
        }
        return names;
    }

    /** Replaces, removes, duplicates or adds one node somewhere in the request. */
    private static void edit(ObjectNode request, Random random, List<String> vocabulary) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(request, containers);
        ContainerNode<?> target = (ContainerNode<?>) containers.get(random.nextInt(containers.size()));
        JsonNode value = random.nextInt(4) == 0
                ? randomStructure(random, vocabulary, 2)
                : HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())).deepCopy();
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            boolean existing = !names.isEmpty() && random.nextBoolean();
            String name = existing ? names.get(random.nextInt(names.size()))
                    : vocabulary.get(random.nextInt(vocabulary.size()));
            switch (random.nextInt(3)) {
                case 0 -> object.remove(name);
                default -> object.set(name, value);
            }
        } else if (target instanceof ArrayNode array) {
            int size = array.size();
            switch (random.nextInt(4)) {
                case 0 -> array.add(value);
                case 1 -> {
                    if (size > 0) {
                        array.add(array.get(random.nextInt(size)).deepCopy());
                    }
                }
                case 2 -> {
                    if (size > 0) {
                        array.remove(random.nextInt(size));
                    }
                }
                default -> {
                    if (size > 0) {
                        array.set(random.nextInt(size), value);
                    }
                }
            }
        }
    }

    private static JsonNode randomStructure(Random random, List<String> vocabulary, int depth) {
        if (depth == 0 || random.nextBoolean()) {
            return HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())).deepCopy();
        }
        if (random.nextBoolean()) {
            ArrayNode array = JSON.createArrayNode();
            for (int i = random.nextInt(3); i > 0; i--) {
                array.add(randomStructure(random, vocabulary, depth - 1));
            }
            return array;
        }
        ObjectNode object = JSON.createObjectNode();
        for (int i = random.nextInt(3); i > 0; i--) {
            String name = vocabulary.get(random.nextInt(vocabulary.size()));
            object.set(name, randomStructure(random, vocabulary, depth - 1));
        }
        return object;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collectContainers(child, containers));
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
