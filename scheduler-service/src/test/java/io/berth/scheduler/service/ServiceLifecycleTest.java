package io.berth.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.ServiceEvent.ServiceMessageRecorded;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.Topics;
import io.berth.scheduler.placement.InstanceRecord;
import io.berth.scheduler.task.SchedulerDriver;
import io.berth.scheduler.task.TaskView;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Services through the real broker and database: the commands on the cluster's partition, the
 * reconciler woken by the tasks' reports (played here as agents would send them), scale out and
 * in, replacement, a rolling deployment, deletion.
 */
@QuarkusTest
class ServiceLifecycleTest {

    SchedulerDriver driver = new SchedulerDriver();
    Map<String, Long> versions = new HashMap<>();

    @AfterEach
    void close() {
        driver.close();
    }

    private void instances(int count) {
        for (int i = 0; i < count; i++) {
            String arn = driver.instance("i" + i, 4096, 8192, "eu-west-1" + (char) ('a' + i % 3));
            await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> InstanceRecord.findById(arn) != null));
        }
    }

    private SchedulerCommandAnswered service(String operation, String request, ObjectNode definition) {
        return driver.send(driver.service(operation, request, definition));
    }

    private JsonPath describe(String name) {
        return driver.ecs.ok("DescribeServices", "{\"cluster\":\"" + driver.clusterName + "\",\"services\":[\""
                + name + "\"]}").extract().jsonPath();
    }

    /** The service's tasks the scheduler wants running, as ListTasks shows them. */
    private List<String> wanted(String name) {
        return driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"serviceName\":\"" + name
                + "\"}").extract().jsonPath().getList("taskArns", String.class);
    }

    private List<String> awaitWanted(String name, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> wanted(name), tasks -> tasks.size() == count);
    }

    /** Plays the agent: reports the task at its next version. */
    private void report(String taskArn, String status) {
        TaskView view = QuarkusTransaction.requiringNew().call(() -> TaskView.<TaskView>findById(taskArn));
        driver.report(taskArn, view.containerInstanceArn, versions.merge(taskArn, 1L, Long::sum), status,
                "STOPPED".equals(status) ? 0 : null);
    }

    private void runAll(List<String> tasks) {
        tasks.forEach(t -> report(t, "RUNNING"));
    }

    @Test
    void aReplicaServiceRunsItsDesiredCountAndReachesASteadyState() {
        instances(2);
        ObjectNode web = SchedulerDriver.definition("web", 256, null);
        SchedulerCommandAnswered created = service("CreateService", "{\"serviceName\":\"web\",\"desiredCount\":3,"
                + "\"taskDefinition\":\"web\",\"propagateTags\":\"SERVICE\",\"tags\":[{\"key\":\"app\","
                + "\"value\":\"web\"}]}", web);
        assertThat(created.errorType()).isNull();
        // The answer carries the service as DescribeServices shows it with its tags: the gateway reads nothing back.
        assertThat(created.service().path("serviceArn").asText()).isEqualTo(driver.ecs.arn("service/"
                + driver.clusterName + "/web"));
        assertThat(created.service().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.service().path("desiredCount").asInt()).isEqualTo(3);
        assertThat(created.service().path("tags").path(0).path("value").asText()).isEqualTo("web");
        assertThat(created.tasks()).isNull();

        List<String> tasks = awaitWanted("web", 3);
        runAll(tasks);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath service = describe("web");
            assertThat(service.getInt("services[0].runningCount")).isEqualTo(3);
            assertThat(service.getList("services[0].events.message", String.class))
                    .anyMatch(m -> m.equals("(service web) has reached a steady state."))
                    .anyMatch(m -> m.startsWith("(service web) has started 3 tasks:"));
            assertThat(service.getString("services[0].deployments[0].rolloutState")).isEqualTo("COMPLETED");
        });
        driver.ecs.ok("DescribeTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"tasks\":[\"" + tasks.get(0)
                + "\"],\"include\":[\"TAGS\"]}").body("tasks[0].tags[0].key", equalTo("app"));
        try (TopicProbe serviceEvents = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.SERVICE_EVENTS)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(serviceEvents.poll(e ->
                    e.payload() instanceof ServiceMessageRecorded m && m.serviceArn().endsWith("/" + driver.clusterName
                            + "/web"))).extracting(e -> ((ServiceMessageRecorded) e.payload()).message())
                    .contains("(service web) has reached a steady state."));
        }
        JsonPath service = describe("web");
        assertThat(service.getString("services[0].status")).isEqualTo("ACTIVE");
        assertThat(service.getInt("services[0].deploymentConfiguration.minimumHealthyPercent")).isEqualTo(100);
        assertThat(service.getInt("services[0].deploymentConfiguration.maximumPercent")).isEqualTo(200);
        assertThat(service.getString("services[0].schedulingStrategy")).isEqualTo("REPLICA");

        // A task that exits is replaced.
        report(tasks.get(0), "STOPPED");
        List<String> replaced = await().atMost(Duration.ofSeconds(30)).until(() -> wanted("web"),
                now -> now.size() == 3 && !now.contains(tasks.get(0)));
        runAll(replaced.stream().filter(t -> !tasks.contains(t)).toList());

        // Scaling in stops what is above the desired count.
        assertThat(service("UpdateService", "{\"service\":\"web\",\"desiredCount\":1}", null).errorType()).isNull();
        List<String> left = awaitWanted("web", 1);
        replaced.stream().filter(t -> !left.contains(t)).forEach(t -> report(t, "STOPPED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(describe("web").getInt("services[0].runningCount")).isEqualTo(1));
    }

    @Test
    void aTaskWhoseHealthCheckFailsIsReplacedAndHealthShowsInDescribeTasks() {
        instances(2);
        ObjectNode checked = SchedulerDriver.definition("checked", 256, null);
        assertThat(service("CreateService", "{\"serviceName\":\"checked\",\"desiredCount\":2,"
                + "\"taskDefinition\":\"checked\"}", checked).errorType()).isNull();
        List<String> tasks = awaitWanted("checked", 2);
        runAll(tasks);
        String sick = tasks.get(0);
        String fine = tasks.get(1);

        healthReport(fine, "HEALTHY");
        healthReport(sick, "UNHEALTHY");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath described = driver.ecs.ok("DescribeTasks", "{\"cluster\":\"" + driver.clusterName
                    + "\",\"tasks\":[\"" + sick + "\",\"" + fine + "\"]}").extract().jsonPath();
            assertThat(described.getString("tasks.find { it.taskArn == '" + fine + "' }.healthStatus"))
                    .isEqualTo("HEALTHY");
            assertThat(described.getString("tasks.find { it.taskArn == '" + fine + "' }.containers[0].healthStatus"))
                    .isEqualTo("HEALTHY");
            assertThat(described.getString("tasks.find { it.taskArn == '" + fine + "' }.containers[0].runtimeId"))
                    .startsWith("c0ffee");
            assertThat(described.getString("tasks.find { it.taskArn == '" + sick + "' }.desiredStatus"))
                    .isEqualTo("STOPPED");
            assertThat(described.getString("tasks.find { it.taskArn == '" + sick + "' }.stoppedReason"))
                    .isEqualTo("Task failed container health checks");
        });
        List<String> now = await().atMost(Duration.ofSeconds(30)).until(() -> wanted("checked"),
                wanted -> wanted.size() == 2 && !wanted.contains(sick));
        assertThat(now).contains(fine);
        assertThat(describe("checked").getList("services[0].events.message", String.class))
                .anyMatch(m -> m.contains("failed container health checks"));
    }

    private void healthReport(String taskArn, String health) {
        TaskView view = QuarkusTransaction.requiringNew().call(() -> TaskView.<TaskView>findById(taskArn));
        driver.reportHealth(taskArn, view.containerInstanceArn, versions.merge(taskArn, 1L, Long::sum), health);
    }

    @Test
    void aDesiredCountAboveWhatOnePassStartsIsReachedInSeveralPasses() {
        // The test profile starts at most 10 tasks per reconciliation pass.
        instances(2);
        assertThat(service("CreateService", "{\"serviceName\":\"wide\",\"desiredCount\":25,"
                + "\"taskDefinition\":\"wide\"}", SchedulerDriver.definition("wide", 64, null)).errorType()).isNull();

        List<String> tasks = awaitWanted("wide", 25);
        runAll(tasks);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath service = describe("wide");
            assertThat(service.getInt("services[0].runningCount")).isEqualTo(25);
            assertThat(service.getList("services[0].events.message", String.class))
                    .anyMatch(m -> m.startsWith("(service wide) has started 10 tasks:"))
                    .anyMatch(m -> m.startsWith("(service wide) has started 5 tasks:"));
        });
    }

    @Test
    void tasksTakeTheirTaskDefinitionsTagsWhenTheServicePropagatesThem() {
        instances(1);
        ObjectNode tagged = SchedulerDriver.definition("tagged", 128, null);
        tagged.putArray("tags").addObject().put("key", "team").put("value", "payments");
        assertThat(service("CreateService", "{\"serviceName\":\"tagged\",\"desiredCount\":1,"
                + "\"taskDefinition\":\"tagged\",\"propagateTags\":\"TASK_DEFINITION\",\"tags\":[{\"key\":\"svc\","
                + "\"value\":\"x\"}]}", tagged).errorType()).isNull();

        List<String> tasks = awaitWanted("tagged", 1);
        driver.ecs.ok("DescribeTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"tasks\":[\"" + tasks.get(0)
                + "\"],\"include\":[\"TAGS\"]}")
                .body("tasks[0].tags.key", org.hamcrest.Matchers.contains("team"))
                .body("tasks[0].tags[0].value", equalTo("payments"));
    }

    @Test
    void aNewRevisionRollsOutAsANewPrimaryDeployment() {
        instances(2);
        ObjectNode v1 = SchedulerDriver.definition("api", 256, null);
        service("CreateService", "{\"serviceName\":\"api\",\"desiredCount\":2,\"taskDefinition\":\"api:1\"}", v1);
        List<String> first = awaitWanted("api", 2);
        runAll(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> describe("api")
                .getString("services[0].deployments[0].rolloutState").equals("COMPLETED"));

        ObjectNode v2 = v1.deepCopy().put("revision", 2);
        assertThat(service("UpdateService", "{\"service\":\"api\",\"taskDefinition\":\"api:2\"}", v2).errorType())
                .isNull();
        JsonPath rolling = describe("api");
        assertThat(rolling.getList("services[0].deployments.status")).containsExactly("PRIMARY", "ACTIVE");
        assertThat(rolling.getString("services[0].taskDefinition")).endsWith("task-definition/api:2");
        String primary = rolling.getString("services[0].deployments[0].id");

        // Within 100/200 the new tasks start before any old one stops.
        List<String> started = await().atMost(Duration.ofSeconds(30)).until(() -> wanted("api").stream()
                .filter(t -> !first.contains(t)).toList(), news -> news.size() == 2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> started.stream()
                .map(t -> TaskView.<TaskView>findById(t).startedBy).toList())).containsOnly(primary);
        runAll(started);
        awaitWanted("api", 2);
        first.forEach(t -> report(t, "STOPPED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath done = describe("api");
            assertThat(done.getList("services[0].deployments.id")).containsExactly(primary);
            assertThat(done.getString("services[0].deployments[0].rolloutState")).isEqualTo("COMPLETED");
        });
    }

    @Test
    void servicesRefuseWhatEcsRefusesAndDeleteThroughDraining() {
        instances(1);
        ObjectNode job = SchedulerDriver.definition("job", 128, null);
        service("CreateService", "{\"serviceName\":\"svc\",\"desiredCount\":1,\"taskDefinition\":\"job\"}", job);

        SchedulerCommandAnswered again = service("CreateService", "{\"serviceName\":\"svc\",\"desiredCount\":1,"
                + "\"taskDefinition\":\"job\"}", job);
        assertThat(again.errorType()).isEqualTo("InvalidParameterException");
        assertThat(again.errorMessage()).isEqualTo("Creation of service was not idempotent.");
        assertThat(service("UpdateService", "{\"service\":\"nope\",\"desiredCount\":1}", null).errorType())
                .isEqualTo("ServiceNotFoundException");
        assertThat(service("DeleteService", "{\"service\":\"svc\"}", null).errorType())
                .isEqualTo("InvalidParameterException");
        assertThat(service("CreateService", "{\"serviceName\":\"bad\",\"desiredCount\":1,\"taskDefinition\":\"job\","
                + "\"deploymentConfiguration\":{\"minimumHealthyPercent\":100,\"maximumPercent\":100}}", job)
                .errorType()).isEqualTo("InvalidParameterException");
        driver.ecs.ok("DescribeServices", "{\"cluster\":\"" + driver.clusterName + "\",\"services\":[\"ghost\"]}")
                .body("failures[0].reason", equalTo("MISSING"));

        List<String> tasks = awaitWanted("svc", 1);
        runAll(tasks);
        SchedulerCommandAnswered deleted = service("DeleteService", "{\"service\":\"svc\",\"force\":true}", null);
        assertThat(deleted.errorType()).isNull();
        assertThat(deleted.service().path("status").asText()).isEqualTo("DRAINING");
        assertThat(describe("svc").getString("services[0].status")).isEqualTo("DRAINING");
        awaitWanted("svc", 0);
        tasks.forEach(t -> report(t, "STOPPED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> describe("svc").getString("services[0].status")
                .equals("INACTIVE"));
        driver.ecs.ok("ListServices", "{\"cluster\":\"" + driver.clusterName + "\"}").body("serviceArns.size()",
                equalTo(0));
        assertThat(service("CreateService", "{\"serviceName\":\"svc\",\"desiredCount\":0,\"taskDefinition\":\"job\"}",
                job).errorType()).isNull();
    }

    @Test
    void aDaemonServiceRunsOneTaskOnEveryInstance() {
        instances(3);
        service("CreateService", "{\"serviceName\":\"agent\",\"schedulingStrategy\":\"DAEMON\","
                + "\"taskDefinition\":\"agent\"}", SchedulerDriver.definition("agent", 64, null));

        List<String> tasks = awaitWanted("agent", 3);
        List<String> hosts = QuarkusTransaction.requiringNew().call(() -> tasks.stream()
                .map(t -> TaskView.<TaskView>findById(t).containerInstanceArn).toList());
        assertThat(hosts).doesNotHaveDuplicates();
        instances(4);
        awaitWanted("agent", 4);
        assertThat(describe("agent").getInt("services[0].desiredCount")).isEqualTo(4);
    }
}
