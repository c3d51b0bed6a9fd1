package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a Prometheus scraping the stack reads: every service's {@code /q/metrics} on its own port,
 * and an AWS CLI call counted under its operation both at the gateway and at the owner it went to.
 */
@ExtendWith(SharedStack.class)
class MetricsIT {

    static final Map<String, Integer> PORTS = Map.of("api-gateway", 8080, "cluster-service", 8081,
            "scheduler-service", 8082, "agent-service", 8083, "scaling-service", 8084, "registry-service", 8085,
            "logs-service", 8086);

    static List<String> scrape(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/q/metrics")).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("/q/metrics on port %d", port).isEqualTo(200);
        return response.body().lines().filter(line -> !line.startsWith("#")).toList();
    }

    /** The samples of {@code metric} whose labels include every one of {@code labels} ({@code name="value"}). */
    static List<String> samples(List<String> scrape, String metric, String... labels) {
        return scrape.stream().filter(line -> line.startsWith(metric + "{"))
                .filter(line -> List.of(labels).stream().allMatch(line::contains)).toList();
    }

    @Test
    void everyServiceServesItsMetricsAndACliCallIsCountedWhereItWent() throws Exception {
        AwsCliIT.Run created = AwsCliIT.aws("ecs", "create-cluster", "--cluster-name", "metered");
        assertThat(created.exit()).as(created.err()).isZero();

        for (Map.Entry<String, Integer> service : PORTS.entrySet()) {
            List<String> scrape = scrape(service.getValue());
            assertThat(scrape).as(service.getKey()).anyMatch(line -> line.startsWith("jvm_memory_used_bytes"))
                    .anyMatch(line -> line.startsWith("berth_outbox_pending"));
        }
        String createCluster = "operation=\"CreateCluster\"";
        assertThat(samples(scrape(8080), "berth_api_requests_seconds_count", "api=\"ecs\"", createCluster,
                "status=\"200\"")).as("at the gateway").isNotEmpty();
        assertThat(samples(scrape(8081), "berth_api_requests_seconds_count", "api=\"ecs\"", createCluster,
                "status=\"200\"")).as("at the cluster-service").isNotEmpty();
    }
}
