package io.berth.agent.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ContainerInstanceEvent.AgentConnectionChanged;
import io.berth.events.EventJson;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.events.Topics;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.Scrape;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TestPublisher;
import io.berth.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tasks placed on this service's instances run and report, through the real broker and database:
 * hosted simulated agents, the process runtime with a real process, and external agents that
 * report through SubmitTaskStateChange; the instances' remaining resources follow.
 */
@QuarkusTest
class TaskExecutionTest {

    private static final String HANDOFFS = "berth_agent_handoff_seconds_count";

    EcsCalls ecs = EcsCalls.newAccount();
    String cluster = ecs.arn("cluster/work");
    TestPublisher publisher = new TestPublisher();
    TopicProbe reports = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.TASK_STATE_EVENTS);

    @BeforeEach
    void clusterExists() {
        publisher.publish(TestPublisher.envelope("cluster", cluster, 1, ecs.account(), new ClusterCreated(cluster,
                "work", List.of(), List.of(), List.of(), List.of(), null, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> ecs.call("ListContainerInstances",
                "{\"cluster\":\"work\"}").extract().statusCode() == 200);
    }

    @AfterEach
    void close() {
        publisher.close();
        reports.close();
    }

    private List<String> launch(String body) {
        return given().contentType(ContentType.JSON).header("X-Berth-Account", ecs.account())
                .header("X-Berth-Region", "eu-west-1").body(body)
                .when().post("/v1/clusters/work/fleet").then().statusCode(200)
                .extract().jsonPath().getList("containerInstanceArns", String.class);
    }

    private static ObjectNode definition(String... command) {
        ObjectNode definition = EventJson.mapper().createObjectNode();
        definition.put("family", "job").put("revision", 1).put("networkMode", "bridge");
        ObjectNode container = definition.putArray("containerDefinitions").addObject()
                .put("name", "main").put("image", "busybox").put("memory", 128).put("essential", true);
        ArrayNode argv = container.putArray("command");
        for (String arg : command) {
            argv.add(arg);
        }
        container.putArray("portMappings").addObject().put("containerPort", 8080).put("hostPort", 0);
        return definition;
    }

    private String place(String instance, ObjectNode definition, int hostPort) {
        String task = ecs.arn("task/work/" + UUID.randomUUID().toString().replace("-", ""));
        publisher.publish(TestPublisher.envelope("task", task, 1, ecs.account(), new TaskPlaced(cluster, task,
                ecs.arn("task-definition/job:1"), instance, "family:job", null, "EC2", null, 0, 128,
                List.of(new NetworkBinding("0.0.0.0", 8080, hostPort, "tcp")), definition, null, List.of(), null)));
        return task;
    }

    /** An instance whose agent is outside Berth: it reports through the API. */
    private String registerExternal() {
        return ecs.ok("RegisterContainerInstance", """
                {"cluster":"work","totalResources":[{"name":"CPU","type":"INTEGER","integerValue":1024},
                 {"name":"MEMORY","type":"INTEGER","integerValue":1000}]}""")
                .extract().path("containerInstance.containerInstanceArn");
    }

    private void awaitPending(String instance, int tasks) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ecs.ok("DescribeContainerInstances",
                "{\"cluster\":\"work\",\"containerInstances\":[\"" + instance + "\"]}")
                .body("containerInstances[0].pendingTasksCount", equalTo(tasks)));
    }

    private List<TaskStateReported> reportsOf(String task) {
        return reports.poll(e -> e.payload() instanceof TaskStateReported r && r.taskArn().equals(task)).stream()
                .map(e -> (TaskStateReported) e.payload()).toList();
    }

    private TaskStateReported awaitReport(String task, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> reportsOf(task).stream()
                .filter(r -> r.lastStatus().equals(status)).findFirst().orElse(null), r -> r != null);
    }

    @Test
    void aSimulatedFleetRunsTasksThroughTheLifecycleAndStopsThemOnRequest() {
        List<String> fleet = launch("{\"instanceType\":\"m5.large\",\"count\":3}");
        assertThat(fleet).hasSize(3);
        ecs.ok("DescribeContainerInstances", "{\"cluster\":\"work\",\"containerInstances\":[\"" + fleet.get(0)
                + "\"]}")
                .body("containerInstances[0].registeredResources.find { it.name == 'CPU' }.integerValue",
                        equalTo(2048))
                .body("containerInstances[0].attributes.find { it.name == 'ecs.instance-type' }.value",
                        equalTo("m5.large"));

        Scrape before = Scrape.now();
        String task = place(fleet.get(0), definition("serve"), 40001);
        TaskStateReported running = awaitReport(task, "RUNNING");
        assertThat(running.containers()).singleElement().satisfies(c ->
                assertThat(c.networkBindings()).extracting(NetworkBinding::hostPort).containsExactly(40001));
        // The agent's own part of the task's way: placement to runtime, and RUNNING to its report's commit.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Scrape after = Scrape.now();
            for (String step : List.of(HandOffMetrics.TO_RUNTIME, HandOffMetrics.REPORT)) {
                Map<String, String> tags = Map.of("step", step);
                assertThat(after.sum(HANDOFFS, tags)).as(step).isGreaterThan(before.sum(HANDOFFS, tags));
            }
        });
        ecs.ok("DescribeContainerInstances", "{\"cluster\":\"work\",\"containerInstances\":[\"" + fleet.get(0)
                + "\"]}")
                .body("containerInstances[0].runningTasksCount", equalTo(1))
                .body("containerInstances[0].remainingResources.find { it.name == 'MEMORY' }.integerValue",
                        equalTo(7782 - 128))
                .body("containerInstances[0].remainingResources.find { it.name == 'PORTS' }.stringSetValue",
                        org.hamcrest.Matchers.hasItem("40001"));

        publisher.publish(TestPublisher.envelope("task", task, 2, ecs.account(), new TaskStopRequested(cluster, task,
                fleet.get(0), "UserInitiated", "done")));
        TaskStateReported stopped = awaitReport(task, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
        assertThat(stopped.version()).isGreaterThan(running.version());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ecs.ok("DescribeContainerInstances",
                "{\"cluster\":\"work\",\"containerInstances\":[\"" + fleet.get(0) + "\"]}")
                .body("containerInstances[0].runningTasksCount", equalTo(0))
                .body("containerInstances[0].remainingResources.find { it.name == 'MEMORY' }.integerValue",
                        equalTo(7782)));
    }

    @Test
    void theProcessRuntimeRunsARealProcessReportsItsExitCodeAndKeepsItsOutput() {
        String instance = launch("{\"instanceType\":\"t3.small\",\"runtime\":\"process\"}").get(0);

        String task = place(instance, definition("/bin/sh", "-c", "echo hello from $PORT_8080; exit 3"), 0);

        awaitReport(task, "RUNNING");
        TaskStateReported stopped = awaitReport(task, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.containers()).singleElement().satisfies(c -> assertThat(c.exitCode()).isEqualTo(3));
        given().header("X-Berth-Account", ecs.account()).header("X-Berth-Region", "eu-west-1")
                .when().get("/v1/clusters/work/tasks/" + task.substring(task.lastIndexOf('/') + 1)
                        + "/containers/main/logs")
                .then().statusCode(200).body(containsString("hello from"));
    }

    @Test
    void aDockerInstanceRunsTheTaskAsAContainerOnAFreeHostPortAndReportsItsHealth() throws Exception {
        String instance = launch("{\"instanceType\":\"t3.small\",\"runtime\":\"docker\"}").get(0);
        ecs.ok("DescribeContainerInstances", "{\"cluster\":\"work\",\"containerInstances\":[\"" + instance
                + "\"]}")
                .body("containerInstances[0].attributes.find { it.name == 'berth.runtime' }.value", equalTo("docker"))
                .body("containerInstances[0].attributes.find { it.name == 'ecs.capability.task-eni' }",
                        org.hamcrest.Matchers.nullValue())
                .body("containerInstances[0].attributes.name", org.hamcrest.Matchers.hasItems(
                        "ecs.capability.container-ordering", "ecs.capability.efs",
                        "ecs.capability.container-health-check"));
        ObjectNode definition = definition("/bin/sh", "-c",
                "echo served > /tmp/index.html; echo listening; exec httpd -f -p 8080 -h /tmp");
        ObjectNode main = (ObjectNode) definition.path("containerDefinitions").get(0);
        main.put("image", io.berth.localstack.PodmanService.BUSYBOX).put("stopTimeout", 2);
        main.putObject("healthCheck").put("interval", 1).put("timeout", 2).put("retries", 3)
                .putArray("command").add("CMD-SHELL").add("wget -q -O /dev/null http://127.0.0.1:8080/index.html");

        // Docker instances share this host's ports: the runtime takes a free one, not the one on the instance's books.
        String task = place(instance, definition, 40001);

        TaskStateReported running = awaitReport(task, "RUNNING");
        assertThat(running.containers()).singleElement().satisfies(c -> {
            assertThat(c.networkBindings()).singleElement().satisfies(b ->
                    assertThat(b.hostPort()).isBetween(32768, 60999));
            assertThat(c.runtimeId()).isNotBlank();
        });
        int hostPort = running.containers().get(0).networkBindings().get(0).hostPort();
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> reportsOf(task).stream()
                .filter(r -> "HEALTHY".equals(r.healthStatus())).findFirst().orElse(null), r -> r != null)
                .containers().get(0).healthStatus()).isEqualTo("HEALTHY");
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + hostPort
                        + "/index.html")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).isEqualTo("served\n");
        publisher.publish(TestPublisher.envelope("task", task, 2, ecs.account(), new TaskStopRequested(cluster, task,
                instance, "UserInitiated", "done")));
        TaskStateReported stopped = awaitReport(task, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
        assertThat(stopped.containers().get(0).exitCode()).isIn(137, 143);
        given().header("X-Berth-Account", ecs.account()).header("X-Berth-Region", "eu-west-1")
                .when().get("/v1/clusters/work/tasks/" + task.substring(task.lastIndexOf('/') + 1)
                        + "/containers/main/logs")
                .then().statusCode(200).body(equalTo("listening\n"));
    }

    @Test
    void externalAgentsReportThroughTheApiAndTheirTasksHoldResourcesUntilStopped() {
        String instance = registerExternal();
        String task = place(instance, definition("x"), 40002);
        String id = task.substring(task.lastIndexOf('/') + 1);
        awaitPending(instance, 1);
        assertThat(reportsOf(task)).isEmpty();

        ecs.ok("SubmitTaskStateChange", "{\"cluster\":\"work\",\"task\":\"" + id + "\",\"status\":\"RUNNING\","
                + "\"containers\":[{\"containerName\":\"main\",\"status\":\"RUNNING\",\"networkBindings\":"
                + "[{\"containerPort\":8080,\"hostPort\":40002}]}]}").body("acknowledgment", equalTo("ACK"));
        assertThat(awaitReport(task, "RUNNING").containers().get(0).networkBindings()).hasSize(1);
        ecs.error("DeregisterContainerInstance", "{\"cluster\":\"work\",\"containerInstance\":\"" + instance + "\"}",
                "InvalidParameterException");
        ecs.error("SubmitTaskStateChange", "{\"cluster\":\"work\",\"task\":\"" + id + "\",\"status\":\"DONE\"}",
                "InvalidParameterException");
        ecs.ok("SubmitContainerStateChange", "{\"cluster\":\"work\",\"task\":\"" + id + "\",\"containerName\":"
                + "\"main\",\"status\":\"STOPPED\",\"exitCode\":0}");
        ecs.ok("SubmitTaskStateChange", "{\"cluster\":\"work\",\"task\":\"" + id + "\",\"status\":\"STOPPED\","
                + "\"reason\":\"finished\"}");

        TaskStateReported stopped = awaitReport(task, "STOPPED");
        assertThat(stopped.stoppedReason()).isEqualTo("finished");
        assertThat(reportsOf(task)).extracting(TaskStateReported::version).containsExactly(1L, 2L, 3L);
        ecs.ok("DescribeContainerInstances", "{\"cluster\":\"work\",\"containerInstances\":[\"" + instance + "\"]}")
                .body("containerInstances[0].pendingTasksCount", equalTo(0))
                .body("containerInstances[0].runningTasksCount", equalTo(0));
        ecs.ok("DeregisterContainerInstance", "{\"cluster\":\"work\",\"containerInstance\":\"" + instance + "\"}");
    }

    @Test
    void staleAndRepeatedReportsAreAcknowledgedAndChangeNothing() {
        String instance = registerExternal();
        String task = place(instance, definition("x"), 40003);
        awaitPending(instance, 1);
        String report = "{\"cluster\":\"" + cluster + "\",\"task\":\"" + task + "\",\"status\":\"%s\"}";

        ecs.ok("SubmitTaskStateChange", report.formatted("RUNNING")).body("acknowledgment", equalTo("ACK"));
        ecs.ok("SubmitTaskStateChange", report.formatted("PENDING")).body("acknowledgment", equalTo("ACK"));
        ecs.ok("SubmitTaskStateChange", report.formatted("RUNNING")).body("acknowledgment", equalTo("ACK"));
        // The agent confirms an attachment with a report that has no status.
        ecs.ok("SubmitTaskStateChange", "{\"cluster\":\"" + cluster + "\",\"task\":\"" + task + "\",\"attachments\":"
                + "[{\"attachmentArn\":\"arn:aws:ecs:eu-west-1:" + ecs.account() + ":attachment/a1\","
                + "\"status\":\"ATTACHED\"}]}").body("acknowledgment", equalTo("ACK"));
        ecs.ok("SubmitTaskStateChange", report.formatted("STOPPED")).body("acknowledgment", equalTo("ACK"));
        awaitReport(task, "STOPPED");
        ecs.ok("SubmitTaskStateChange", report.formatted("STOPPED")).body("acknowledgment", equalTo("ACK"));
        ecs.ok("SubmitTaskStateChange", report.formatted("RUNNING")).body("acknowledgment", equalTo("ACK"));
        ecs.ok("SubmitContainerStateChange", "{\"cluster\":\"work\",\"task\":\"" + task + "\",\"containerName\":"
                + "\"main\",\"status\":\"RUNNING\"}").body("acknowledgment", equalTo("ACK"));

        // Only the forward moves were published: the last one stops the task, nothing came after it.
        String marker = place(instance, definition("x"), 40004);
        awaitPending(instance, 1);
        ecs.ok("SubmitTaskStateChange", report.replace(task, marker).formatted("RUNNING"));
        awaitReport(marker, "RUNNING");
        assertThat(reportsOf(task)).extracting(TaskStateReported::lastStatus).containsExactly("RUNNING", "STOPPED");

        ecs.error("SubmitTaskStateChange", report.replace(task, ecs.arn("task/work/" + "0".repeat(32)))
                .formatted("RUNNING"), "InvalidParameterException");
        ecs.error("SubmitTaskStateChange", report.replace("\"cluster\":\"" + cluster + "\"", "\"cluster\":\"other\"")
                .formatted("RUNNING"), "InvalidParameterException");
    }

    @Test
    void anAgentThatMissesItsHeartbeatsIsDisconnectedUntilItBeatsAgain() {
        String instance = launch("{\"instanceType\":\"t3.micro\"}").get(0);
        String id = instance.substring(instance.lastIndexOf('/') + 1);
        String describe = "{\"cluster\":\"work\",\"containerInstances\":[\"" + id + "\"]}";

        heartbeats(id, false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ecs.ok("DescribeContainerInstances", describe)
                .body("containerInstances[0].agentConnected", equalTo(false)));
        heartbeats(id, true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ecs.ok("DescribeContainerInstances", describe)
                .body("containerInstances[0].agentConnected", equalTo(true)));
        try (TopicProbe instances = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CONTAINER_INSTANCE_EVENTS)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(instances.poll(e -> e.payload()
                            instanceof AgentConnectionChanged c && c.containerInstanceArn().equals(instance)))
                    .extracting(e -> ((AgentConnectionChanged) e.payload()).agentConnected())
                    .containsExactly(false, true));
        }
    }

    private void heartbeats(String instanceId, boolean enabled) {
        given().contentType(ContentType.JSON).header("X-Berth-Account", ecs.account())
                .header("X-Berth-Region", "eu-west-1").body("{\"enabled\":" + enabled + "}")
                .when().post("/v1/clusters/work/fleet/" + instanceId + "/heartbeats").then().statusCode(200);
    }

    @Test
    void aFleetLaunchRefusesWhatItCanNotRun() {
        given().contentType(ContentType.JSON).header("X-Berth-Account", ecs.account())
                .header("X-Berth-Region", "eu-west-1").body("{\"instanceType\":\"z9.huge\"}")
                .when().post("/v1/clusters/work/fleet").then().statusCode(400)
                .body("__type", equalTo("InvalidParameterException")).body("message", containsString("z9.huge"));
        given().contentType(ContentType.JSON).header("X-Berth-Account", ecs.account())
                .header("X-Berth-Region", "eu-west-1").body("{\"instanceType\":\"t3.small\",\"count\":0}")
                .when().post("/v1/clusters/work/fleet").then().statusCode(400);
        given().contentType(ContentType.JSON).header("X-Berth-Account", ecs.account())
                .header("X-Berth-Region", "eu-west-1").body("{\"instanceType\":\"t3.small\",\"runtime\":\"vm\"}")
                .when().post("/v1/clusters/work/fleet").then().statusCode(400)
                .body("message", equalTo("runtime must be one of docker, process, simulated."));
        given().header("X-Berth-Account", ecs.account()).header("X-Berth-Region", "eu-west-1")
                .when().get("/v1/clusters/work/fleet").then().statusCode(200).body("instances", hasSize(0));
    }
}
