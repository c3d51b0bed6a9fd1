package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway describes the whole /v1 API, every owner's part, in one OpenAPI document with a Swagger UI. */
@ExtendWith(SharedStack.class)
class RestApiIT {

    @Test
    void oneDocumentDescribesEveryOwnersResources() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> document = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:8080/v1/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode paths = new ObjectMapper().readTree(document.body()).path("paths");
        assertThat(paths.fieldNames()).toIterable().contains(
                "/v1/events",
                "/v1/clusters/{cluster}/fleet",
                "/v1/clusters/{cluster}/tasks/{task}/placement",
                "/v1/clusters/{cluster}/tasks/{task}",
                "/v1/clusters/{cluster}/services/{service}/events",
                "/v1/clusters/{cluster}",
                "/v1/clusters/{cluster}/services/{service}/metrics",
                "/v1/scaling/alarm-notifications")
                .noneMatch(p -> p.startsWith("/ecs/") || p.startsWith("/aas/"));

        HttpResponse<String> ui = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:8080/q/swagger-ui/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
    }
}
