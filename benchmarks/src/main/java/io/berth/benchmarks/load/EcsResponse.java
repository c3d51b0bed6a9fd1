package io.berth.benchmarks.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** What the server answered: the HTTP status and the body as text. */
public record EcsResponse(int status, String body) {

    /** Whether the status is 2xx. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON; a missing node when it is empty or not JSON, so that callers can just {@code path(...)}. */
    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
