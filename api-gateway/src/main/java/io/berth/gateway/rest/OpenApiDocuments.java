package io.berth.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Merges OpenAPI documents into the one that describes Berth's REST API on the gateway: the
 * {@code /v1} paths of each owner (the owners' internal {@code /ecs} and {@code /aas} endpoints are
 * not public), their component schemas, and the gateway's own paths.
 */
public final class OpenApiDocuments {

    static final String PUBLIC_PREFIX = "/v1/";

    private OpenApiDocuments() {
    }

    /**
     * One document: {@code gateway} as the base (its info and its own paths, without its
     * catch-all {@code /v1/{path}} proxy), then each owner's public paths and schemas; a path or
     * schema named twice keeps its first description.
     */
    public static ObjectNode merge(JsonNode gateway, List<JsonNode> owners) {
        ObjectNode merged = EventJson.mapper().createObjectNode();
        merged.put("openapi", gateway.path("openapi").asText("3.0.3"));
        ObjectNode info = merged.putObject("info");
        info.put("title", "Berth REST API");
        info.put("version", gateway.path("info").path("version").asText("0.1.0"));
        info.put("description", "Berth's resources beyond the ECS API, served through the gateway (the ECS endpoint);"
                + " each is answered by the service that owns it. The caller's account and region come from a"
                + " SigV4 Authorization header, as on the ECS endpoint.");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode schemas = merged.putObject("components").putObject("schemas");
        copy(gateway, paths, schemas, true);
        for (JsonNode owner : owners) {
            copy(owner, paths, schemas, false);
        }
        return merged;
    }

    private static void copy(JsonNode document, ObjectNode paths, ObjectNode schemas, boolean gateway) {
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            boolean proxy = path.getKey().startsWith("/v1/{path");
            // Every service, the gateway too, takes its part of a reset on /internal (ADR 0034): not public.
            boolean internal = path.getKey().startsWith("/internal/");
            boolean wanted = gateway ? !proxy && !internal : path.getKey().startsWith(PUBLIC_PREFIX);
            if (wanted && !paths.has(path.getKey())) {
                paths.set(path.getKey(), path.getValue());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("components").path("schemas").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            if (!schemas.has(schema.getKey())) {
                schemas.set(schema.getKey(), schema.getValue());
            }
        }
    }
}
