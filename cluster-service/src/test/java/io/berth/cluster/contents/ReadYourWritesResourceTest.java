package io.berth.cluster.contents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.Topics;
import io.berth.eventstore.Position;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.TestPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Read your writes at an owner's edge (ADR 0033), with the real broker: a write the gateway sends
 * is answered with its positions, and a read that follows another owner's write is answered only
 * once this service's counters have applied it.
 */
@QuarkusTest
class ReadYourWritesResourceTest {

    EcsCalls ecs = EcsCalls.newAccount();
    TestPublisher publisher = new TestPublisher();

    @AfterEach
    void close() {
        publisher.close();
    }

    private RequestSpecification asCaller() {
        return given().contentType(ContentType.JSON).header("X-Berth-Account", ecs.account())
                .header("X-Berth-Region", ecs.region());
    }

    @Test
    void aWriteNamesItsPositionsAndAReadWaitsUntilTheWriteItFollowsIsApplied() throws Exception {
        String cluster = ecs.arn("cluster/ryw");
        String written = asCaller().header("X-Berth-Request-Id", UUID.randomUUID().toString())
                .body("{\"clusterName\":\"ryw\"}").post("/ecs/CreateCluster")
                .then().statusCode(200).extract().header(Position.WRITTEN_HEADER);
        assertThat(Position.parse(written)).singleElement().satisfies(p -> {
            assertThat(p.topic()).isEqualTo(Topics.CLUSTER_EVENTS);
            assertThat(p.key()).isEqualTo(cluster);
            assertThat(p.position()).isPositive();
        });

        String instance = ecs.arn("container-instance/ryw/0123456789abcdef0123456789abcdef");
        String agentService = "agent-service-" + UUID.randomUUID();
        Position registration = new Position(Topics.CONTAINER_INSTANCE_EVENTS, agentService, cluster, 1);
        CompletableFuture<Integer> counted = describedAfter(registration, "ryw", "registeredContainerInstancesCount");
        publisher.publish(TestPublisher.envelope("container-instance", instance, 1, ecs.account(),
                new InstanceRegistered(cluster, instance, "i-1", null, List.of(), List.of(), null, List.of())),
                Map.of(Position.KAFKA_POSITION_HEADER, agentService + ":1"));

        assertThat(counted.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void aReadThatFollowsAPlacementCountsTheTaskInItsFirstAnswer() throws Exception {
        // The counters apply a placement some time after the agent-service has it (a fetch wait on the task
        // topics makes that longer, ADR 0060): the read that follows a RunTask waits for it (ADR 0033).
        asCaller().header("X-Berth-Request-Id", UUID.randomUUID().toString())
                .body("{\"clusterName\":\"ryw-placed\"}").post("/ecs/CreateCluster").then().statusCode(200);
        String cluster = ecs.arn("cluster/ryw-placed");
        String task = ecs.arn("task/ryw-placed/00112233445566778899aabbccddeeff");
        String scheduler = "scheduler-service-" + UUID.randomUUID();
        Position placement = new Position(Topics.TASK_EVENTS, scheduler, cluster, 1);
        CompletableFuture<Integer> pending = describedAfter(placement, "ryw-placed", "pendingTasksCount");
        publisher.publish(TestPublisher.envelope("task", task, 1, ecs.account(), new TaskPlaced(cluster, task,
                ecs.arn("task-definition/job:1"), ecs.arn("container-instance/ryw-placed/0123"), "family:job", null,
                "EC2", null, 0, 128, List.of(), null, null, List.of(), null)),
                Map.of(Position.KAFKA_POSITION_HEADER, scheduler + ":1"));

        assertThat(pending.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void aReadWhoseEarlierWriteNeverArrivesIsThrottledAsAnOverloadedEcsThrottles() {
        Position never = new Position(Topics.CONTAINER_INSTANCE_EVENTS, "nobody", ecs.arn("cluster/none"), 1);

        asCaller().header(Position.AWAIT_HEADER, Position.format(List.of(never)))
                .body("{\"clusters\":[\"none\"]}").post("/ecs/DescribeClusters")
                .then().statusCode(400).header("x-amzn-ErrorType", "ThrottlingException")
                .body("__type", org.hamcrest.Matchers.equalTo("ThrottlingException"))
                .body("message", org.hamcrest.Matchers.startsWith("Rate exceeded."))
                .body("message", containsString("Try again"));
    }

    /** A DescribeClusters of {@code cluster} that waits for {@code awaited}, answering its {@code count}. */
    private CompletableFuture<Integer> describedAfter(Position awaited, String cluster, String count) {
        return CompletableFuture.supplyAsync(() -> asCaller()
                .header(Position.AWAIT_HEADER, Position.format(List.of(awaited)))
                .body("{\"clusters\":[\"" + cluster + "\"]}").post("/ecs/DescribeClusters")
                .then().statusCode(200).extract().path("clusters[0]." + count));
    }
}
