package io.berth.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The two halves of Berth's history reads under {@code /v1}, whoever owns the resource: the
 * {@code asOf} parameter of "as of" reads, and the answer that lists a resource's events.
 */
public final class History {

    private History() {
    }

    /** {@code asOf} as given (ISO-8601), or now when it is left out. */
    public static Instant asOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw EcsErrors.invalidParameter("asOf must be an ISO-8601 instant such as 2026-11-26T08:00:00Z.");
        }
    }

    /** The answer for a resource of a cluster that has no history (or none yet at the instant asked). */
    public static EcsException notFound(String resourceType, String name, String cluster) {
        return new EcsException(EcsErrors.RESOURCE_NOT_FOUND, "The " + resourceType + " " + name
                + " was not found in cluster " + cluster + ".", 404);
    }

    /** {@code {"<member>": [...]}}: resources of a cluster as they were at one instant. */
    public static ObjectNode asOfList(String member, List<ObjectNode> resources) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.putArray(member).addAll(resources);
        return response;
    }

    /** {@code {"events": [...]}}: the envelopes oldest first, in their JSON form. */
    public static ObjectNode events(List<EventEnvelope> history) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode events = response.putArray("events");
        history.forEach(e -> events.add(EventJson.toJson(e)));
        return response;
    }
}
