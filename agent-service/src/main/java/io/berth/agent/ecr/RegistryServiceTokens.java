package io.berth.agent.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.RegistryCredentials;
import io.berth.ecs.Caller;
import io.berth.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * GetAuthorizationToken asked of its owner, the registry-service, as the ECS agent asks ECR: on the owner's
 * internal path (ADR 0007), as the account and region of the role that pulls. Produces the docker runtime's
 * {@link RegistryCredentials}.
 */
@ApplicationScoped
public class RegistryServiceTokens {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI operation;

    public RegistryServiceTokens(@ConfigProperty(name = "berth.agent.registry-service-url") URI registryService) {
        this.operation = registryService.resolve("/ecr/GetAuthorizationToken");
    }

    @Produces
    @ApplicationScoped
    RegistryCredentials ecrPullCredentials() {
        return new EcrPullCredentials(this::get, Clock.systemUTC());
    }

    JsonNode get(Caller caller, String registryId) {
        String body = EventJson.mapper().createObjectNode().set("registryIds",
                EventJson.mapper().createArrayNode().add(registryId)).toString();
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(operation).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header(Caller.ACCOUNT_HEADER, caller.account())
                    .header(Caller.REGION_HEADER, caller.region())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryCredentials.Unavailable("RequestError: send request failed caused by: Post \""
                    + operation + "\": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryCredentials.Unavailable("RequestError: interrupted while asking " + operation);
        }
        JsonNode answer;
        try {
            answer = EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new RegistryCredentials.Unavailable("ServerException: GetAuthorizationToken answered HTTP "
                    + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() != 200) {
            throw new RegistryCredentials.Unavailable(answer.path("__type").asText("ServerException") + ": "
                    + answer.path("message").asText("HTTP " + response.statusCode()));
        }
        return answer.path("authorizationData");
    }
}
