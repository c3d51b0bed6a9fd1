package io.berth.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.RequestText;
import io.berth.events.EventJson;
import io.berth.gateway.routing.AasOperations;
import io.berth.gateway.routing.ApiFace;
import io.berth.gateway.routing.EcsOperations;
import io.berth.gateway.routing.LogsOperations;
import io.berth.gateway.routing.Owner;
import io.berth.gateway.routing.OwnerClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.UUID;

/**
 * What the console shows, read the way the API reads it: ECS, Application Auto Scaling and
 * CloudWatch Logs operations from the owner each face names, and {@code /v1} resources from their
 * owners, always as the caller, so a page holds exactly what that account's API calls would.
 */
@ApplicationScoped
public class ConsoleReads {

    private final OwnerClient owners;

    public ConsoleReads(OwnerClient owners) {
        this.owners = owners;
    }

    /** A request body for an operation. */
    public static ObjectNode body() {
        return EventJson.mapper().createObjectNode();
    }

    public JsonNode ecs(String operation, ObjectNode request, Caller caller) {
        return operation(EcsOperations.FACE, operation, request, caller);
    }

    public JsonNode autoScaling(String operation, ObjectNode request, Caller caller) {
        return operation(AasOperations.FACE, operation, request, caller);
    }

    public JsonNode logs(String operation, ObjectNode request, Caller caller) {
        return operation(LogsOperations.FACE, operation, request, caller);
    }

    /** A {@code /v1} resource (path without {@code /v1/}, query included) from the owner that serves it. */
    public JsonNode rest(Owner owner, String path, Caller caller) {
        return answerOf(owners.exchange(owner, "GET", "/v1/" + path, null, caller, UUID.randomUUID(), true),
                owner.serviceName());
    }

    private JsonNode operation(ApiFace face, String operation, ObjectNode request, Caller caller) {
        Owner owner = face.ownerOf(operation).orElseThrow(() -> new IllegalStateException(
                face.title() + " " + operation + " has no owner"));
        refuseControlCharacters(RequestText.firstViolation(request));
        byte[] body = request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return answerOf(owners.forward(owner, face, operation, body, caller, UUID.randomUUID()),
                owner.serviceName());
    }

    /** The console checks what it sends as the API's edge does (ADR 0024): no owner sees a control character. */
    static void refuseControlCharacters(java.util.Optional<RequestText.Violation> violation) {
        violation.ifPresent(v -> {
            throw new ConsoleException(400, v.message());
        });
    }

    private static JsonNode answerOf(OwnerClient.Answer answer, String serviceName) {
        if (answer.status() == 0) {
            throw new ConsoleException(503, "The " + serviceName + " did not answer. Reload the page to try again.");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(answer.body());
        } catch (IOException e) {
            throw new ConsoleException(502, "The " + serviceName + " answered something that is not JSON.");
        }
        if (answer.status() >= 400) {
            String message = json.path("message").asText(json.path("Message").asText("status " + answer.status()));
            throw new ConsoleException(answer.status() >= 500 ? 502 : answer.status(), message);
        }
        return json;
    }
}
