package io.berth.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.events.BerthEvent;
import io.berth.events.ClusterEvent.ClusterCapacityProvidersPut;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionDeregistered;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionRegistered;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionTagsChanged;
import io.berth.events.Topics;
import io.berth.eventstore.AccountResets;
import io.berth.eventstore.Position;
import io.berth.gateway.routing.PendingPositions;
import io.berth.testsupport.TestPublisher;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's catalog through the real broker and database: kept from the cluster-service's
 * events as the owner shows them, awaited for the caller's own writes, and used by the scheduler's
 * commands and reads without a call to the owner (none runs in these tests).
 */
@QuarkusTest
class CatalogTest {

    private static final AtomicLong POSITIONS = new AtomicLong();

    @Inject
    Catalog catalog;

    @Inject
    PendingPositions pending;

    @Inject
    DataSource dataSource;

    @Inject
    AccountResets resets;

    @TestHTTPResource("/")
    URI endpoint;

    private final TestPublisher publisher = new TestPublisher();
    private final String account = String.valueOf(100_000_000_000L + (long) (Math.random() * 800_000_000_000L));
    private final Caller caller = new Caller(account, "eu-west-1");

    @AfterEach
    void close() {
        publisher.close();
    }

    private String arn(String resource) {
        return "arn:aws:ecs:eu-west-1:" + account + ":" + resource;
    }

    /** Publishes {@code event} as the cluster-service's relay does; its position. */
    private Position publish(String streamType, BerthEvent event) {
        EventEnvelope envelope = TestPublisher.envelope(streamType, event.partitionKey(), 1, account, event);
        long id = POSITIONS.incrementAndGet();
        publisher.publish(envelope, Map.of(Position.KAFKA_POSITION_HEADER, "cluster-service:" + id));
        return new Position(envelope.topic().topicName(), "cluster-service", envelope.partitionKey(), id);
    }

    private static ObjectNode definition(String arn, String family, int revision) {
        ObjectNode definition = EventJson.mapper().createObjectNode().put("taskDefinitionArn", arn)
                .put("family", family).put("revision", revision).put("status", "ACTIVE");
        definition.putArray("containerDefinitions").addObject().put("name", "app").put("image", "nginx");
        return definition;
    }

    @Test
    void aClusterIsShownAsItsEventsLeftIt() {
        String name = "c" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = arn("cluster/" + name);
        pending.written(caller, List.of(publish("cluster", new ClusterCreated(cluster, name, List.of(), List.of(),
                List.of(), List.of(new Tag("team", "a")), null, null))));

        assertThat(catalog.cluster(caller, name)).get().satisfies(c -> {
            assertThat(c.path("clusterArn").asText()).isEqualTo(cluster);
            assertThat(c.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(c.path("capacityProviders")).isEmpty();
        });

        pending.written(caller, List.of(publish("cluster", new ClusterCapacityProvidersPut(cluster,
                List.of("FARGATE", "FARGATE_SPOT"), List.of(new CapacityProviderStrategyItem("FARGATE", 1, 2))))));
        JsonNode put = catalog.cluster(caller, name).orElseThrow();
        assertThat(put.path("capacityProviders")).extracting(JsonNode::asText).containsExactly("FARGATE",
                "FARGATE_SPOT");
        assertThat(put.path("defaultCapacityProviderStrategy").path(0).path("base").asInt()).isEqualTo(2);

        pending.written(caller, List.of(publish("cluster", new ClusterDeleted(cluster))));
        assertThat(catalog.cluster(caller, name)).get().extracting(c -> c.path("status").asText())
                .isEqualTo("INACTIVE");
        assertThat(catalog.cluster(caller, "never-" + name)).isEmpty();
    }

    @Test
    void aClusterTheTableHeldBeforeItWasReadIsFoundThereAndThenFollowsItsEvents() throws Exception {
        String name = "r" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = arn("cluster/" + name);
        // As a gateway that applied the cluster's creation before it (re)started holds it: in the table only.
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into gateway_cluster (cluster_arn, status, capacity_providers, default_strategy)"
                        + " values (?, 'ACTIVE', '[\"FARGATE\"]', '[]')")) {
            s.setString(1, cluster);
            s.executeUpdate();
        }

        assertThat(catalog.cluster(caller, name)).get().satisfies(c -> {
            assertThat(c.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(c.path("capacityProviders")).extracting(JsonNode::asText).containsExactly("FARGATE");
        });
        // What a caller does to the answer is not what the next caller is answered.
        ObjectNode answered = catalog.cluster(caller, name).orElseThrow();
        answered.put("status", "CHANGED");
        ((ArrayNode) answered.path("capacityProviders")).removeAll();
        assertThat(catalog.cluster(caller, name)).get().satisfies(c -> {
            assertThat(c.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(c.path("capacityProviders")).hasSize(1);
        });

        pending.written(caller, List.of(publish("cluster", new ClusterDeleted(cluster))));
        assertThat(catalog.cluster(caller, name)).get().satisfies(c -> {
            assertThat(c.path("status").asText()).isEqualTo("INACTIVE");
            assertThat(c.path("capacityProviders")).extracting(JsonNode::asText).containsExactly("FARGATE");
        });
    }

    @Test
    void aResetOfTheAccountForgetsItsClustersAndNoOtherAccounts() {
        String name = "x" + UUID.randomUUID().toString().substring(0, 8);
        pending.written(caller, List.of(publish("cluster", new ClusterCreated(arn("cluster/" + name), name,
                List.of(), List.of(), List.of(), List.of(), null, null))));
        String other = String.valueOf(Long.parseLong(account) + 1);
        Caller otherCaller = new Caller(other, "eu-west-1");
        String otherArn = "arn:aws:ecs:eu-west-1:" + other + ":cluster/" + name;
        EventEnvelope otherEnvelope = TestPublisher.envelope("cluster", otherArn, 1, other, new ClusterCreated(
                otherArn, name, List.of(), List.of(), List.of(), List.of(), null, null));
        long id = POSITIONS.incrementAndGet();
        publisher.publish(otherEnvelope, Map.of(Position.KAFKA_POSITION_HEADER, "cluster-service:" + id));
        pending.written(otherCaller, List.of(new Position(Topics.CLUSTER_EVENTS, "cluster-service", otherArn, id)));
        assertThat(catalog.cluster(caller, name)).isPresent();
        assertThat(catalog.cluster(otherCaller, name)).isPresent();

        resets.begin(account);
        resets.finish(account, List.of());

        assertThat(catalog.cluster(caller, name)).isEmpty();
        assertThat(catalog.cluster(otherCaller, name)).get().extracting(c -> c.path("status").asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void aReadWaitsUntilTheCatalogHasAppliedWhatTheCallerWrote() throws Exception {
        String name = "w" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = arn("cluster/" + name);
        long next = POSITIONS.get() + 1;
        // The owner answered the caller's CreateCluster with the position its event will have.
        pending.written(caller, List.of(new Position(Topics.CLUSTER_EVENTS, "cluster-service", cluster, next)));

        CompletableFuture<Optional<ObjectNode>> read = CompletableFuture.supplyAsync(
                () -> catalog.cluster(caller, name));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !read.isDone());
        publish("cluster", new ClusterCreated(cluster, name, List.of(), List.of(), List.of(), List.of(), null, null));

        assertThat(read.get(10, TimeUnit.SECONDS)).get().extracting(c -> c.path("status").asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void aFamilyNamesItsLatestActiveRevisionAndARevisionIsShownAsTheOwnerShowsIt() {
        String family = "f" + UUID.randomUUID().toString().substring(0, 8);
        String first = arn("task-definition/" + family + ":1");
        String second = arn("task-definition/" + family + ":2");
        TaskDefinitionRegistered one = new TaskDefinitionRegistered(first, family, 1, definition(first, family, 1),
                List.of(new Tag("k", "v")));
        publish("task-definition", one);
        // A redelivered event changes nothing.
        publish("task-definition", one);
        pending.written(caller, List.of(publish("task-definition", new TaskDefinitionRegistered(second, family, 2,
                definition(second, family, 2), List.of()))));

        assertThat(catalog.taskDefinition(caller, family)).get()
                .extracting(d -> d.path("taskDefinition").path("revision").asInt()).isEqualTo(2);
        ObjectNode byArn = catalog.taskDefinition(caller, first).orElseThrow();
        assertThat(byArn.path("taskDefinition")).isEqualTo(definition(first, family, 1));
        assertThat(byArn.path("tags").path(0).path("key").asText()).isEqualTo("k");

        Instant deregisteredAt = Instant.parse("2026-12-05T09:00:00Z");
        publish("task-definition", new TaskDefinitionTagsChanged(first, family, 1, List.of()));
        pending.written(caller, List.of(publish("task-definition", new TaskDefinitionDeregistered(second, family, 2,
                deregisteredAt))));
        assertThat(catalog.taskDefinition(caller, family)).get()
                .extracting(d -> d.path("taskDefinition").path("revision").asInt()).isEqualTo(1);
        assertThat(catalog.taskDefinition(caller, family + ":1").orElseThrow().path("tags")).isEmpty();
        JsonNode inactive = catalog.taskDefinition(caller, family + ":2").orElseThrow().path("taskDefinition");
        assertThat(inactive.path("status").asText()).isEqualTo("INACTIVE");
        assertThat(inactive.path("deregisteredAt").isNumber()).isTrue();

        assertThat(catalog.taskDefinition(caller, family + ":3")).isEmpty();
        assertThatThrownBy(() -> catalog.taskDefinition(caller,
                "arn:aws:ecs:eu-west-1:999999999999:task-definition/" + family + ":1"))
                .isInstanceOf(EcsException.class).hasMessage("Unable to describe task definition.");
    }

    @Test
    void theSchedulersCommandsAndReadsCheckTheClusterInTheCatalogWithoutAskingItsOwner() throws Exception {
        String name = "i" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = arn("cluster/" + name);
        publish("cluster", new ClusterCreated(cluster, name, List.of(), List.of(), List.of(), List.of(), null, null));
        pending.written(caller, List.of(publish("cluster", new ClusterDeleted(cluster))));

        // The cluster-service is unreachable here: asking it would answer ServerException.
        for (String operation : List.of("RunTask", "DescribeTasks", "ListTasks")) {
            HttpResponse<String> answer = ecs(operation, "{\"cluster\":\"" + name
                    + "\",\"taskDefinition\":\"web\",\"tasks\":[\"t\"]}");
            assertThat(answer.statusCode()).as(operation).isEqualTo(400);
            JsonNode error = EventJson.mapper().readTree(answer.body());
            assertThat(error.path("__type").asText()).as(operation).isEqualTo("ClusterNotFoundException");
            assertThat(error.path("message").asText()).isEqualTo("The referenced cluster was inactive.");
        }
    }

    @Test
    void aClusterIsAnsweredFromMemoryWithoutWaitingOnlyOnceTheCallersWritesAreKnownApplied() {
        String name = "h" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = arn("cluster/" + name);
        pending.written(caller, List.of(publish("cluster", new ClusterCreated(cluster, name, List.of(), List.of(),
                List.of(), List.of(), null, null))));
        assertThat(catalog.cluster(caller, name)).isPresent();

        assertThat(catalog.heldCluster(caller, name)).get().satisfies(c -> {
            assertThat(c.path("clusterArn").asText()).isEqualTo(cluster);
            assertThat(c.path("status").asText()).isEqualTo("ACTIVE");
        });
        assertThat(catalog.heldCluster(caller, "never-" + name)).isEmpty();

        // A write of the caller the catalog has not applied: the answer must wait, so it is not given from memory.
        pending.written(caller, List.of(new Position(Topics.CLUSTER_EVENTS, "cluster-service", cluster,
                POSITIONS.get() + 1_000_000)));
        assertThat(catalog.heldCluster(caller, name)).isEmpty();
    }

    @Test
    void aSchedulerReadOfAHeldActiveClusterGoesToTheSchedulerAndOneWhoseWritesAreNotAppliedStillWaits()
            throws Exception {
        String name = "s" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = arn("cluster/" + name);
        pending.written(caller, List.of(publish("cluster", new ClusterCreated(cluster, name, List.of(), List.of(),
                List.of(), List.of(), null, null))));
        assertThat(catalog.cluster(caller, name)).isPresent();

        // The check passed from memory, so the call went to the scheduler, which does not run here.
        HttpResponse<String> forwarded = ecs("DescribeTasks", "{\"cluster\":\"" + name + "\",\"tasks\":[\"t\"]}");
        assertThat(forwarded.statusCode()).isEqualTo(500);
        JsonNode error = EventJson.mapper().readTree(forwarded.body());
        assertThat(error.path("__type").asText()).isEqualTo("ServerException");
        assertThat(error.path("message").asText()).isEqualTo("The scheduler-service did not answer. Try again.");

        // Read your writes (ADR 0033): a write the catalog never applies is waited for, then shed as throttled.
        pending.written(caller, List.of(new Position(Topics.CLUSTER_EVENTS, "cluster-service", cluster,
                POSITIONS.get() + 1_000_000)));
        HttpResponse<String> waited = ecs("ListTasks", "{\"cluster\":\"" + name + "\"}");
        assertThat(waited.statusCode()).isEqualTo(400);
        assertThat(EventJson.mapper().readTree(waited.body()).path("__type").asText()).isEqualTo("ThrottlingException");
    }

    @Test
    void aClientsReadYourWritesHeaderIsNotTheGatewaysToWaitFor() throws Exception {
        String unapplied = Position.format(List.of(new Position(Topics.CLUSTER_EVENTS, "cluster-service",
                arn("cluster/x"), POSITIONS.get() + 1_000_000)));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeClusters")
                .header(Position.AWAIT_HEADER, unapplied)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        // Honoured, the header would have been waited for and shed as a ThrottlingException; dropped, the call
        // goes to the cluster-service, which does not run here.
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(EventJson.mapper().readTree(answer.body()).path("__type").asText()).isEqualTo("ServerException");
    }

    /** A cluster {@code name} and a family of one revision in the catalog, as RunTask needs them; the family. */
    private String catalogued(String name) {
        String cluster = arn("cluster/" + name);
        String family = "f" + name;
        String revision = arn("task-definition/" + family + ":1");
        // Both writes are awaited: the cluster's event is on another topic than the revision's, and a RunTask that
        // found no cluster in the catalog would ask the cluster-service, which does not run here.
        pending.written(caller, List.of(
                publish("cluster", new ClusterCreated(cluster, name, List.of(), List.of(), List.of(), List.of(), null,
                        null)),
                publish("task-definition", new TaskDefinitionRegistered(revision, family, 1,
                        definition(revision, family, 1), List.of()))));
        return family;
    }

    @Test
    void aCommandTheSchedulerDoesNotAnswerInTimeIsARetryableServerErrorNotA500() throws Exception {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        String family = catalogued(name);

        // No scheduler runs here: the command is sent and never answered.
        HttpResponse<String> answer = ecs("RunTask", "{\"cluster\":\"" + name + "\",\"taskDefinition\":\""
                + family + "\"}");

        assertThat(answer.statusCode()).isEqualTo(503);
        JsonNode error = EventJson.mapper().readTree(answer.body());
        assertThat(error.path("__type").asText()).isEqualTo("ServerException");
        assertThat(error.path("message").asText()).startsWith("The scheduler did not answer within");
    }

    private HttpResponse<String> ecs(String operation, String body) throws Exception {
        return HttpClient.newHttpClient().send(ecsRequest(endpoint, account, operation, body),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An ECS call of {@code account} to the gateway at {@code endpoint}, signed as the tests' callers sign. */
    static HttpRequest ecsRequest(URI endpoint, String account, String operation, String body) {
        return HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + account
                        + "/20261205/eu-west-1/ecs/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
