package io.berth.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reading of an ECS request body. A member of the wrong JSON type is the client's error
 * ({@code SerializationException} naming the member), never a server error.
 */
public final class EcsRequest {

    public static final String SERIALIZATION_EXCEPTION = "SerializationException";

    private final ObjectNode body;

    private EcsRequest(ObjectNode body) {
        this.body = body;
    }

    public static EcsRequest of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new EcsRequest(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
        if (!body.isObject()) {
            throw new EcsException(SERIALIZATION_EXCEPTION, "The request body must be a JSON object.");
        }
        return new EcsRequest((ObjectNode) body);
    }

    public ObjectNode body() {
        return body;
    }

    public boolean has(String member) {
        JsonNode value = body.get(member);
        return value != null && !value.isNull();
    }

    public Optional<String> string(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(member, "a string");
        }
        return Optional.of(value.asText());
    }

    public String requiredString(String member) {
        return string(member).filter(s -> !s.isBlank()).orElseThrow(() -> EcsErrors.missing(member));
    }

    public Optional<Integer> integer(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(member, "an integer");
        }
        return Optional.of(value.asInt());
    }

    /** A number member (JSON integer or fraction) as a double. */
    public Optional<Double> number(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw wrongType(member, "a number");
        }
        return Optional.of(value.asDouble());
    }

    /** A timestamp member as the JSON 1.1 protocol sends it: epoch seconds, with a fraction. */
    public Optional<java.time.Instant> timestamp(String member) {
        Optional<Double> seconds = number(member);
        if (seconds.isPresent() && Math.abs(seconds.get()) > 32_503_680_000d) {
            throw wrongType(member, "a timestamp before the year 3000");
        }
        return seconds.map(s -> java.time.Instant.ofEpochMilli(Math.round(s * 1000)));
    }

    public Optional<Boolean> bool(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw wrongType(member, "a boolean");
        }
        return Optional.of(value.asBoolean());
    }

    /** The strings of a list member; empty when the member is absent. */
    public List<String> strings(String member) {
        List<String> strings = new ArrayList<>();
        for (JsonNode item : list(member)) {
            if (!item.isTextual()) {
                throw wrongType(member, "a list of strings");
            }
            strings.add(item.asText());
        }
        return strings;
    }

    /**
     * The {@code include} list of a Describe operation, each item one of {@code valid}; an item
     * that is not is an InvalidParameterException naming the valid values.
     */
    public java.util.Set<String> include(String... valid) {
        List<String> allowed = List.of(valid);
        java.util.Set<String> included = new java.util.LinkedHashSet<>();
        for (String item : strings("include")) {
            if (!allowed.contains(item)) {
                throw EcsErrors.invalidParameter("Invalid value '" + item + "' for include. " + (allowed.size() == 1
                        ? "The valid value is " + allowed.get(0) : "Valid values are " + String.join(", ",
                                allowed.subList(0, allowed.size() - 1)) + " and " + allowed.get(allowed.size() - 1))
                        + ".");
            }
            included.add(item);
        }
        return included;
    }

    /** The objects of a list member; empty when the member is absent. */
    public List<EcsRequest> objects(String member) {
        List<EcsRequest> objects = new ArrayList<>();
        for (JsonNode item : list(member)) {
            if (!item.isObject()) {
                throw wrongType(member, "a list of objects");
            }
            objects.add(new EcsRequest((ObjectNode) item));
        }
        return objects;
    }

    public Optional<EcsRequest> object(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw wrongType(member, "an object");
        }
        return Optional.of(new EcsRequest((ObjectNode) value));
    }

    private List<JsonNode> list(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(member, "a list");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    private static EcsException wrongType(String member, String expected) {
        return new EcsException(SERIALIZATION_EXCEPTION, "Member '" + member + "' must be " + expected + ".");
    }
}
