package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads members of a request that {@link Shape#check} has passed, so the types are known and absent
 * members come back as null or empty instead of as NullNode/MissingNode.
 */
final class Members {

    private Members() {
    }

    static String text(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value == null ? null : value.textValue();
    }

    /** Null-safe: the immutable collections of {@code List.of}/{@code Set.of} throw on contains(null). */
    static boolean isOneOf(String value, Collection<String> allowed) {
        return value != null && allowed.contains(value);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static Integer integer(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value == null ? null : value.intValue();
    }

    static boolean bool(JsonNode object, String member, boolean absent) {
        JsonNode value = object.get(member);
        return value == null ? absent : value.booleanValue();
    }

    static ObjectNode object(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value == null ? null : (ObjectNode) value;
    }

    /** The list, or a detached empty one when absent. */
    static ArrayNode list(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value == null ? JsonNodeFactory.instance.arrayNode() : (ArrayNode) value;
    }

    static boolean isNonEmptyList(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value != null && value.size() > 0;
    }

    /** The elements of a list of structures. */
    static List<ObjectNode> objects(JsonNode object, String member) {
        List<ObjectNode> objects = new ArrayList<>();
        list(object, member).forEach(element -> objects.add((ObjectNode) element));
        return objects;
    }

    static List<String> texts(JsonNode object, String member) {
        List<String> texts = new ArrayList<>();
        list(object, member).forEach(element -> texts.add(element.textValue()));
        return texts;
    }

    /** Adds an empty list where DescribeTaskDefinition always shows one. */
    static void defaultEmptyList(ObjectNode object, String member) {
        if (!object.has(member)) {
            object.putArray(member);
        }
    }
}
