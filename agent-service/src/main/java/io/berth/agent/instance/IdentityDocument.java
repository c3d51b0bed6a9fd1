package io.berth.agent.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.EcsErrors;
import io.berth.events.EventJson;
import java.util.Optional;

/**
 * The EC2 instance identity document an agent sends with RegisterContainerInstance, as the
 * instance metadata service returns it (pretty-printed JSON). An agent that may not read it (an
 * external instance, {@code ECS_DISABLE_INSTANCE_IDENTITY_DOCUMENT}) sends an empty string.
 */
record IdentityDocument(String instanceId, String instanceType, String availabilityZone, String imageId,
        String architecture) {

    static final IdentityDocument NONE = new IdentityDocument(null, null, null, null, null);

    static IdentityDocument parse(String document) {
        if (document == null || document.isBlank()) {
            return NONE;
        }
        JsonNode parsed;
        try {
            parsed = EventJson.mapper().readTree(document);
        } catch (JsonProcessingException e) {
            throw EcsErrors.invalidParameter("instanceIdentityDocument is not valid JSON.");
        }
        if (parsed == null || !parsed.isObject()) {
            throw EcsErrors.invalidParameter("instanceIdentityDocument must be a JSON object.");
        }
        return new IdentityDocument(text(parsed, "instanceId"), text(parsed, "instanceType"),
                text(parsed, "availabilityZone"), text(parsed, "imageId"), text(parsed, "architecture"));
    }

    Optional<String> type() {
        return Optional.ofNullable(instanceType);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
