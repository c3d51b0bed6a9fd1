package io.berth.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.Caller;
import io.berth.events.BerthEvent;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.Topics;
import io.berth.eventstore.Position;
import io.berth.gateway.routing.PendingPositions;
import io.berth.testsupport.TestPublisher;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's `mixed` collapse, through the real HTTP edge, broker and database: more calls of one
 * account at once than the gateway has workers, each waiting in the catalog for the account's last
 * write (ADR 0033). The catalog's consumers must still get a thread to apply that write; on the
 * workers' pool they queued behind the very calls waiting for them, and every wait ran out.
 */
@QuarkusTest
@TestProfile(CatalogUnderLoadTest.FewWorkers.class)
class CatalogUnderLoadTest {

    /** The stack runs 64 workers (ADR 0037); eight are filled with fewer calls, the same way. */
    public static class FewWorkers implements QuarkusTestProfile {

        static final int WORKERS = 8;

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", String.valueOf(WORKERS));
        }
    }

    @Inject
    PendingPositions pending;

    @TestHTTPResource("/")
    URI endpoint;

    private final TestPublisher publisher = new TestPublisher();
    private final String account = String.valueOf(100_000_000_000L + (long) (Math.random() * 800_000_000_000L));

    @AfterEach
    void close() {
        publisher.close();
    }

    private void publish(String streamType, BerthEvent event, long position) {
        EventEnvelope envelope = TestPublisher.envelope(streamType, event.partitionKey(), 1, account, event);
        publisher.publish(envelope, Map.of(Position.KAFKA_POSITION_HEADER, "cluster-service:" + position));
    }

    @Test
    void callsWaitingForTheirCallersWriteOnEveryWorkerAllAnswerOnceTheCatalogAppliesIt() {
        String name = "l" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = "arn:aws:ecs:eu-west-1:" + account + ":cluster/" + name;
        publish("cluster", new ClusterCreated(cluster, name, List.of(), List.of(), List.of(), List.of(), null, null),
                1);
        // The owner answered the caller's DeleteCluster with the position its event will have.
        pending.written(new Caller(account, "eu-west-1"),
                List.of(new Position(Topics.CLUSTER_EVENTS, "cluster-service", cluster, 2)));

        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 3 * FewWorkers.WORKERS)
                .mapToObj(i -> http.sendAsync(CatalogTest.ecsRequest(endpoint, account, "DescribeTasks",
                        "{\"cluster\":\"" + name + "\",\"tasks\":[\"t" + i + "\"]}"), HttpResponse.BodyHandlers.ofString()))
                .toList();
        // Every worker holds a call waiting for the deletion; the others queue for a worker.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> calls.stream().noneMatch(CompletableFuture::isDone));
        publish("cluster", new ClusterDeleted(cluster), 2);

        // Each is answered from the catalog once the deletion is applied there; a wait that ran out
        // first would be a ThrottlingException instead.
        await().atMost(Duration.ofSeconds(20)).until(() -> calls.stream().allMatch(CompletableFuture::isDone));
        assertThat(calls).allSatisfy(call -> {
            HttpResponse<String> answer = call.join();
            JsonNode error = EventJson.mapper().readTree(answer.body());
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(error.path("__type").asText()).isEqualTo("ClusterNotFoundException");
            assertThat(error.path("message").asText()).isEqualTo("The referenced cluster was inactive.");
        });
    }
}
