package io.berth.registry.distribution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsException;
import io.berth.events.EventJson;
import io.berth.registry.EcrErrors;
import io.berth.registry.blob.BlobException;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Errors as the registry API spells them: {@code {"errors": [{"code", "message", "detail"}]}}, which
 * docker shows as {@code <code, lower case>: <message>}. ECR's errors map to the codes ECR's
 * registry answers with.
 */
final class RegistryErrors {

    static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    static final String API_VERSION = "registry/2.0";

    /** The registry code and HTTP status of each ECR error a registry request can meet. */
    private static final Map<String, Object[]> FROM_ECR = Map.of(
            EcrErrors.REPOSITORY_NOT_FOUND, new Object[] {"NAME_UNKNOWN", 404},
            EcrErrors.LAYERS_NOT_FOUND, new Object[] {"MANIFEST_BLOB_UNKNOWN", 400},
            EcrErrors.REFERENCED_IMAGES_NOT_FOUND, new Object[] {"MANIFEST_BLOB_UNKNOWN", 400},
            EcrErrors.IMAGE_TAG_ALREADY_EXISTS, new Object[] {"TAG_INVALID", 400},
            "ImageDigestDoesNotMatchException", new Object[] {"DIGEST_INVALID", 400},
            EcrErrors.INVALID_PARAMETER, new Object[] {"MANIFEST_INVALID", 400},
            EcrErrors.IMAGE_NOT_FOUND, new Object[] {"MANIFEST_UNKNOWN", 404},
            EcrErrors.LIMIT_EXCEEDED, new Object[] {"TOOMANYREQUESTS", 429});

    private RegistryErrors() {
    }

    static Response of(int status, String code, String message) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message).putNull("detail");
        return Response.status(status).type("application/json").header(API_VERSION_HEADER, API_VERSION)
                .entity(body.toString()).build();
    }

    static Response of(EcsException e) {
        Object[] mapped = FROM_ECR.getOrDefault(e.code(), new Object[] {"UNSUPPORTED", 400});
        return of((Integer) mapped[1], (String) mapped[0], e.getMessage());
    }

    static Response of(BlobException e) {
        Response response = of(e.status(), e.code(), e.getMessage());
        if (e.range() >= 0) {
            return Response.fromResponse(response).header("Range", "0-" + Math.max(0, e.range() - 1)).build();
        }
        return response;
    }
}
