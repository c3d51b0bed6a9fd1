package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * Tasks through the whole stack with the AWS SDK for Java v2: a simulated fleet launched through
 * the gateway's REST API, RunTask placed by the scheduler, run by the hosted agents, followed with
 * the SDK's waiters, stopped, listed with the paginator.
 */
@ExtendWith(SharedStack.class)
class TasksSdkIT {

    static final String ACCOUNT = "123456789013";
    static EcsClient ecs;

    @BeforeAll
    static void connect() {
        ecs = EcsSdkIT.client(ACCOUNT, Region.EU_WEST_1);
    }

    @AfterAll
    static void disconnect() {
        ecs.close();
    }

    /** POST to Berth's REST API as the caller the SDK signs for with {@code account} in eu-west-1. */
    static String rest(String account, String path, String body) throws IOException, InterruptedException {
        return restAs(authorization(account), path, body);
    }

    /** The same, for the caller that {@code authorization} signs as. */
    static String restAs(String authorization, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:8080" + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** GET from Berth's REST API as that caller; the answer's JSON. */
    static JsonNode get(String account, String path)
            throws IOException, InterruptedException {
        return getAs(authorization(account), path);
    }

    /** The same, for the caller that {@code authorization} signs as. */
    static JsonNode getAs(String authorization, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:8080" + path))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    static String authorization(String account) {
        return authorization(account, "eu-west-1");
    }

    static String authorization(String account, String region) {
        return "AWS4-HMAC-SHA256 Credential=" + account + "/20261126/" + region + "/ecs/aws4_request,"
                + " SignedHeaders=host, Signature=0";
    }

    /** Waits until the scheduler can place on {@code count} instances of the cluster (its events are async). */
    static void awaitCapacity(String account, String cluster, int count) {
        awaitCapacityAs(authorization(account), cluster, count);
    }

    /** The same, for the caller that {@code authorization} signs as. */
    static void awaitCapacityAs(String authorization, String cluster, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://localhost:8080/v1/clusters/" + cluster + "/capacity"))
                        .header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body().split("containerInstanceArn", -1).length - 1 == count);
    }

    @Test
    void tasksArePlacedRunAndStoppedOnASimulatedFleet() throws Exception {
        ecs.createCluster(r -> r.clusterName("run"));
        rest(ACCOUNT, "/v1/clusters/run/fleet", "{\"instanceType\":\"m5.large\",\"count\":4}");
        String definition = ecs.registerTaskDefinition(r -> r.family("worker").containerDefinitions(
                ContainerDefinition.builder().name("main").image("busybox").memory(512).cpu(256)
                        .portMappings(PortMapping.builder().containerPort(8080).hostPort(0).build()).build()))
                .taskDefinition().taskDefinitionArn();

        awaitCapacity(ACCOUNT, "run", 4);
        RunTaskResponse run = ecs.runTask(r -> r.cluster("run")
                .taskDefinition("worker").count(6).startedBy("sdk-test")
                .placementStrategy(s -> s.type(PlacementStrategyType.SPREAD).field("instanceId"))
                .overrides(o -> o.containerOverrides(c -> c.name("main").environment(
                        KeyValuePair.builder().name("MODE").value("batch").build()))));
        assertThat(run.failures()).isEmpty();
        assertThat(run.tasks()).allSatisfy(t -> {
            assertThat(t.taskDefinitionArn()).isEqualTo(definition);
            assertThat(t.lastStatus()).isIn("PENDING", "RUNNING");
            assertThat(t.desiredStatus()).isEqualTo("RUNNING");
            assertThat(t.group()).isEqualTo("family:worker");
            assertThat(t.overrides().containerOverrides()).singleElement()
                    .satisfies(o -> assertThat(o.environment()).hasSize(1));
        });
        assertThat(run.tasks().stream().map(Task::containerInstanceArn).distinct()).hasSize(4);
        List<String> arns = run.tasks().stream().map(Task::taskArn).toList();

        ecs.waiter().waitUntilTasksRunning(r -> r.cluster("run").tasks(arns));
        List<Task> running = ecs.describeTasks(r -> r.cluster("run").tasks(arns)).tasks();
        assertThat(running).allSatisfy(t -> {
            assertThat(t.lastStatus()).isEqualTo("RUNNING");
            assertThat(t.startedAt()).isNotNull();
            assertThat(t.containers().get(0).networkBindings()).singleElement()
                    .satisfies(b -> assertThat(b.hostPort()).isBetween(32768, 60999));
        });
        assertThat(ecs.listTasksPaginator(r -> r.cluster("run").maxResults(4)).taskArns().stream().toList())
                .containsExactlyInAnyOrderElementsOf(arns);
        assertThat(ecs.listTasks(r -> r.cluster("run").startedBy("sdk-test")).taskArns()).hasSize(6);

        ecs.tagResource(r -> r.resourceArn(arns.get(1)).tags(Tag.builder().key("team").value("sdk").build()));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(arns.get(1))).tags()).extracting(Tag::key)
                .containsExactly("team");
        String instance = running.get(1).containerInstanceArn();
        ecs.tagResource(r -> r.resourceArn(instance).tags(Tag.builder().key("rack").value("r7").build()));
        ecs.untagResource(r -> r.resourceArn(arns.get(1)).tagKeys("team"));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(arns.get(1))).tags()).isEmpty();
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(instance)).tags()).extracting(Tag::value)
                .containsExactly("r7");

        Task stopped = ecs.stopTask(r -> r.cluster("run").task(arns.get(0)).reason("enough")).task();
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.USER_INITIATED);
        ecs.waiter().waitUntilTasksStopped(r -> r.cluster("run").tasks(arns.get(0)));
        assertThat(ecs.listTasks(r -> r.cluster("run").desiredStatus(DesiredStatus.STOPPED)).taskArns())
                .containsExactly(arns.get(0));
        assertThat(ecs.describeContainerInstances(r -> r.cluster("run").containerInstances(
                running.get(1).containerInstanceArn())).containerInstances().get(0).runningTasksCount()).isPositive();
    }

    @Test
    void runTaskAnswersAsEcsWhenItCanNotPlace() throws Exception {
        ecs.createCluster(r -> r.clusterName("empty"));
        ecs.registerTaskDefinition(r -> r.family("huge").containerDefinitions(ContainerDefinition.builder()
                .name("main").image("busybox").memory(100_000).build()));

        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("empty").taskDefinition("huge")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("No Container Instances were found in your cluster.");
        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("nowhere").taskDefinition("huge")))
                .isInstanceOf(ClusterNotFoundException.class);

        rest(ACCOUNT, "/v1/clusters/empty/fleet", "{\"instanceType\":\"t3.small\"}");
        awaitCapacity(ACCOUNT, "empty", 1);
        RunTaskResponse tooBig = ecs.runTask(r -> r.cluster("empty").taskDefinition("huge").count(2));
        assertThat(tooBig.tasks()).isEmpty();
        assertThat(tooBig.failures()).hasSize(2).allSatisfy(f -> assertThat(f.reason()).isEqualTo("RESOURCE:MEMORY"));

        ecs.registerTaskDefinition(r -> r.family("small").containerDefinitions(ContainerDefinition.builder()
                .name("main").image("busybox").memory(64).build()));
        RunTaskResponse first = ecs.runTask(r -> r.cluster("empty").taskDefinition("small").clientToken("once"));
        RunTaskResponse replay = ecs.runTask(r -> r.cluster("empty").taskDefinition("small").clientToken("once"));
        assertThat(replay.tasks()).extracting(Task::taskArn).isEqualTo(first.tasks().stream().map(Task::taskArn)
                .toList());
    }
}
