package io.berth.gateway.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventJson;
import io.berth.gateway.routing.EcsOperations;
import io.berth.gateway.routing.Owner;
import io.berth.gateway.routing.OwnerClient;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How an owner's failure reaches the client: always in the API's error format, with a message that says what to do. */
class OwnerFailureTest {

    @Test
    void anOwnersUnexpectedFailureIsAServerExceptionThatSaysWhichServiceFailedAndToTryAgain() throws Exception {
        // What Quarkus answers for an exception no mapper took, e.g. a JDBC call on a connection the server ended.
        byte[] quarkusError = "{\"details\":\"Error id 8705a883-1, org.hibernate.exception.GenericJDBCException\"}"
                .getBytes(StandardCharsets.UTF_8);

        Response answered = JsonApiEndpoint.respond(EcsOperations.FACE, Owner.CLUSTER_SERVICE,
                new OwnerClient.Answer(500, quarkusError, "application/json"));

        assertThat(answered.getStatus()).isEqualTo(500);
        JsonNode body = body(answered);
        assertThat(body.path("__type").asText()).isEqualTo("ServerException");
        assertThat(body.path("message").asText())
                .isEqualTo("The cluster-service failed to answer (HTTP 500). Try again.");
    }

    @Test
    void anOwnersOwnErrorKeepsItsTypeAndMessage() throws Exception {
        byte[] refused = "{\"__type\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}"
                .getBytes(StandardCharsets.UTF_8);

        Response answered = JsonApiEndpoint.respond(EcsOperations.FACE, Owner.CLUSTER_SERVICE,
                new OwnerClient.Answer(400, refused, "application/json"));

        assertThat(answered.getStatus()).isEqualTo(400);
        assertThat(body(answered).path("message").asText()).isEqualTo("Cluster not found.");
    }

    private static JsonNode body(Response answered) throws Exception {
        Object entity = answered.getEntity();
        return entity instanceof byte[] bytes ? EventJson.mapper().readTree(bytes)
                : EventJson.mapper().readTree(String.valueOf(entity));
    }
}
