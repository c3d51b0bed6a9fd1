package io.berth.benchmarks.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One call of the ECS JSON 1.1 protocol: the operation named in {@code X-Amz-Target} and the JSON
 * object sent as the body, already serialized so that a request never changes once made.
 */
public record EcsRequest(String operation, String body) {

    public EcsRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(body, "body");
        if (operation.isBlank()) {
            throw new IllegalArgumentException("operation is blank");
        }
    }

    /** A request whose body is the given JSON object, serialized now. */
    public static EcsRequest of(String operation, ObjectNode body) {
        return new EcsRequest(operation, body.toString());
    }
}
