package io.berth.gateway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testsupport.Scrape;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway's API calls in {@code /q/metrics}: every face on {@code POST /} recorded under the
 * operation its {@code X-Amz-Target} names, not the path, and a target that names none under
 * {@code unknown}, whatever text it held.
 */
@QuarkusTest
class GatewayMetricsTest {

    private static final String CALLS = "berth_api_requests_seconds_count";

    @TestHTTPResource("/")
    URI endpoint;

    private int post(String target, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void eachCallIsCountedUnderItsApiAndOperation() throws Exception {
        Map<String, String> ecsRefused = Map.of("api", "ecs", "operation", "ListClusters", "status", "400",
                "error", "SerializationException");
        Map<String, String> ecrRefused = Map.of("api", "ecr", "operation", "DescribeRepositories", "status", "400",
                "error", "SerializationException");
        Map<String, String> unknown = Map.of("api", "ecs", "operation", "unknown", "error", "UnknownOperationException");
        Scrape before = Scrape.now();

        assertThat(post("AmazonEC2ContainerServiceV20141113.ListClusters", "[not json")).isEqualTo(400);
        assertThat(post("AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "[")).isEqualTo(400);
        assertThat(post("AmazonEC2ContainerServiceV20141113.Made/Up\"Name", "{}")).isEqualTo(400);

        Scrape after = Scrape.now();
        assertThat(after.sum(CALLS, ecsRefused) - before.sum(CALLS, ecsRefused)).isEqualTo(1);
        assertThat(after.sum(CALLS, ecrRefused) - before.sum(CALLS, ecrRefused)).isEqualTo(1);
        assertThat(after.sum(CALLS, unknown) - before.sum(CALLS, unknown)).isEqualTo(1);
        assertThat(after.samples(CALLS, Map.of("api", "root"))).as("POST / is not counted twice under its path")
                .isEmpty();
    }
}
