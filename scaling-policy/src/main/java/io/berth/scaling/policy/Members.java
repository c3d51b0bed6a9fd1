package io.berth.scaling.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of one JSON object of an AAS request, read with their types checked. Every error names
 * the member by its path from the request member, e.g.
 * {@code TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType}.
 * A JSON {@code null} counts as absent, as it does for the AWS JSON protocol.
 */
final class Members {

    private final JsonNode object;
    private final String path;

    private Members(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /** The object at {@code path}, which must be present. */
    static Members of(JsonNode node, String path) {
        if (absent(node)) {
            throw required(path);
        }
        if (!node.isObject()) {
            throw new ScalingValidationException(path + " must be an object.");
        }
        return new Members(node, path);
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static ScalingValidationException required(String path) {
        return new ScalingValidationException(path + " is required.");
    }

    String path() {
        return path;
    }

    String path(String name) {
        return path + "." + name;
    }

    boolean has(String name) {
        return !absent(object.get(name));
    }

    /** The member's node, or null when absent. */
    JsonNode node(String name) {
        JsonNode node = object.get(name);
        return absent(node) ? null : node;
    }

    Double number(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw mustBe(name, "a number");
        }
        return node.doubleValue();
    }

    Integer integer(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw mustBe(name, "an integer");
        }
        return node.intValue();
    }

    String string(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw mustBe(name, "a string");
        }
        return node.textValue();
    }

    Boolean bool(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw mustBe(name, "a boolean");
        }
        return node.booleanValue();
    }

    /** The member object, or null when absent. */
    Members object(String name) {
        JsonNode node = node(name);
        return node == null ? null : of(node, path(name));
    }

    /** The elements of the member list, or null when absent. */
    List<JsonNode> list(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw mustBe(name, "a list");
        }
        List<JsonNode> elements = new ArrayList<>();
        node.forEach(elements::add);
        return elements;
    }

    <T> T require(String name, T value) {
        if (value == null) {
            throw required(path(name));
        }
        return value;
    }

    private ScalingValidationException mustBe(String name, String what) {
        return new ScalingValidationException(path(name) + " must be " + what + ".");
    }
}
