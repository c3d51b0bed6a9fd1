package io.berth.benchmarks.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** What the stack scenarios say to a running stack: ECS calls, the /v1 REST API and the live event stream. */
final class StackClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;

    StackClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    JsonNode ecs(String operation, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(ecsRequest(operation, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(operation + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** An ECS call that does not wait: the answer's body, or the failure. */
    CompletableFuture<JsonNode> ecsAsync(String operation, String body) {
        return http.sendAsync(ecsRequest(operation, body), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(operation + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private HttpRequest ecsRequest(String operation, String body) {
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    void post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Launches {@code count} simulated m5.large instances in {@code cluster} and waits until placement sees them. */
    private static final int FLEET_CHUNK = 200;

    void fleet(String cluster, int count) throws IOException, InterruptedException {
        // 200 at a time: each request registers its instances one by one and must answer within the
        // gateway's 30 s, also on a loaded stack.
        for (int launched = 0; launched < count; launched += FLEET_CHUNK) {
            post("/v1/clusters/" + cluster + "/fleet", "{\"instanceType\":\"m5.large\",\"count\":"
                    + Math.min(FLEET_CHUNK, count - launched) + "}");
        }
        while (get("/v1/clusters/" + cluster + "/capacity").path("instances").size() < count) {
            Thread.sleep(50);
        }
    }

    /**
     * Follows {@code GET /v1/events?<query>} on a thread of its own, handing each event's envelope
     * and the moment it arrived (System.nanoTime) to {@code sink}, until the JVM exits.
     */
    void follow(String query, EventSink sink) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/v1/events?" + query))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The event stream answered " + response.statusCode());
        }
        Thread reader = new Thread(() -> read(response.body(), sink), "event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    interface EventSink {
        void accept(JsonNode envelope, long arrivedNanos);
    }

    private static void read(InputStream stream, EventSink sink) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    long arrived = System.nanoTime();
                    sink.accept(JSON.readTree(line.substring(5).trim()), arrived);
                }
            }
        } catch (IOException e) {
            System.err.println("The event stream ended: " + e.getMessage());
        }
    }
}
