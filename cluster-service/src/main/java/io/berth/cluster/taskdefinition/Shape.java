package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON types of the ECS model, and the check that a request has them. The rules after this check
 * can cast without fear: fuzzers send every member in every type, and a ClassCastException would
 * surface as a 500 instead of the ClientException that names the member.
 */
sealed interface Shape permits Shape.Scalar, Shape.ListOf, Shape.MapOf, Shape.Struct {

    enum Scalar implements Shape {
        STRING("a string"),
        INTEGER("an integer"),
        BOOLEAN("a boolean"),
        /** Task {@code cpu} and {@code memory}: strings in the model, numbers from hand-written JSON. */
        STRING_OR_INTEGER("a string or an integer");

        final String expected;

        Scalar(String expected) {
            this.expected = expected;
        }
    }

    record ListOf(Shape element) implements Shape {
    }

    /** A JSON object with arbitrary keys, e.g. {@code dockerLabels}. */
    record MapOf(Shape value) implements Shape {
    }

    /** A model structure; members it does not name are left alone, so that newer clients pass. */
    record Struct(Map<String, Shape> members) implements Shape {
    }

    static ListOf listOf(Shape element) {
        return new ListOf(element);
    }

    static MapOf mapOf(Shape value) {
        return new MapOf(value);
    }

    /** {@code struct("name", STRING, "port", INTEGER)}. */
    static Struct struct(Object... namesAndShapes) {
        Map<String, Shape> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            members.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
        }
        // Insertion order, not Map.copyOf: with two wrong members the same one must be reported every run.
        return new Struct(Collections.unmodifiableMap(members));
    }

    /**
     * Checks {@code node} against {@code shape}, removing structure members that are JSON null (SDKs
     * never send them, but definitions copied from DescribeTaskDefinition output through other tools
     * do). A null inside a list or a map is a wrong type: there it cannot mean "absent".
     *
     * @param path where {@code node} is, as the message shows it, e.g. {@code containerDefinitions[0].cpu}
     * @throws io.berth.ecs.EcsException ClientException naming the path
     */
    static void check(JsonNode node, Shape shape, String path) {
        if (shape instanceof Scalar scalar) {
            checkScalar(node, scalar, path);
        } else if (shape instanceof ListOf list) {
            if (!node.isArray()) {
                throw wrongType(path, "a list");
            }
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), list.element(), path + "[" + i + "]");
            }
        } else if (shape instanceof MapOf map) {
            if (!node.isObject()) {
                throw wrongType(path, "an object");
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                check(field.getValue(), map.value(), path + "." + field.getKey());
            }
        } else if (shape instanceof Struct struct) {
            if (!node.isObject()) {
                throw wrongType(path, "an object");
            }
            ObjectNode object = (ObjectNode) node;
            for (Map.Entry<String, Shape> member : struct.members().entrySet()) {
                JsonNode value = object.get(member.getKey());
                if (value == null) {
                    continue;
                }
                if (value.isNull()) {
                    object.remove(member.getKey());
                    continue;
                }
                check(value, member.getValue(), path.isEmpty() ? member.getKey() : path + "." + member.getKey());
            }
        }
    }

    private static void checkScalar(JsonNode node, Scalar scalar, String path) {
        boolean integer = node.isIntegralNumber();
        boolean accepted = switch (scalar) {
            case STRING -> node.isTextual();
            case INTEGER -> integer;
            case BOOLEAN -> node.isBoolean();
            case STRING_OR_INTEGER -> node.isTextual() || integer;
        };
        if (!accepted) {
            throw wrongType(path, scalar.expected);
        }
        if (integer && scalar != Scalar.STRING_OR_INTEGER && !node.canConvertToInt()) {
            throw EcsErrors.clientException("Invalid value for '" + path + "': the number is out of range.");
        }
    }

    private static RuntimeException wrongType(String path, String expected) {
        return EcsErrors.clientException("Invalid type for '" + path + "': expected " + expected + ".");
    }
}
