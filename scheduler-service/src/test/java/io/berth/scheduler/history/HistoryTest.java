package io.berth.scheduler.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.berth.ecs.Arns;
import io.berth.scheduler.placement.InstanceRecord;
import io.berth.scheduler.task.SchedulerDriver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tasks and services under {@code /v1}: each one's events, and the task or service as it was at a past
 * instant, folded from its stream, through the real broker and database.
 */
@QuarkusTest
class HistoryTest {

    SchedulerDriver driver = new SchedulerDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    private String instance() {
        String arn = driver.instance("a1", 2048, 4096, "eu-west-1a");
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InstanceRecord.findById(arn) != null));
        return arn;
    }

    /** An instant strictly after everything written so far, and before anything written next. */
    private static Instant between() {
        Instant at = Instant.now();
        await().until(() -> Instant.now().isAfter(at));
        return at;
    }

    @Test
    void aTaskCanBeReadAsItWasAndItsPlacementAndEveryChangeListed() {
        String instance = instance();
        Instant before = between();
        String task = driver.send(driver.runTask(SchedulerDriver.definition("web", 256, null), 1, "ci", null))
                .taskArns().get(0);
        String id = Arns.idOf(task);
        String path = "/v1/clusters/" + driver.clusterName + "/tasks/" + id;
        Instant placed = between();
        driver.report(task, instance, 1, "RUNNING", null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> driver.ecs.get(path).statusCode(200)
                .body("lastStatus", equalTo("RUNNING")));
        Instant running = between();
        assertThat(driver.send(driver.stopTask(task, "enough")).errorType()).isNull();

        driver.ecs.get(path + "?asOf=" + placed).statusCode(200).body("lastStatus", equalTo("PENDING"))
                .body("taskArn", equalTo(task)).body("containerInstanceArn", equalTo(instance))
                .body("tags", org.hamcrest.Matchers.empty());
        driver.ecs.get(path + "?asOf=" + running).statusCode(200).body("lastStatus", equalTo("RUNNING"))
                .body("desiredStatus", equalTo("RUNNING")).body("startedAt", notNullValue());
        driver.ecs.get(path).statusCode(200).body("desiredStatus", equalTo("STOPPED"))
                .body("stopCode", equalTo("UserInitiated")).body("stoppedReason", equalTo("enough"));
        driver.ecs.get(path + "/events").statusCode(200)
                .body("events.type", contains("TaskPlaced", "TaskStateChanged", "TaskStopRequested"))
                .body("events[0].payload.containerInstanceArn", equalTo(instance))
                .body("events[0].payload.diagnostics.candidatesSeen", equalTo(1))
                .body("events[1].payload.lastStatus", equalTo("RUNNING"));
        // What the stream made of the task is what DescribeTasks answers.
        assertThat(driver.ecs.get(path).extract().jsonPath().getMap("$")).isEqualTo(driver.ecs.ok("DescribeTasks",
                "{\"cluster\":\"" + driver.clusterName + "\",\"tasks\":[\"" + id + "\"],\"include\":[\"TAGS\"]}")
                .extract().jsonPath().getMap("tasks[0]"));
        // The cluster's tasks at a moment: none before it was placed, then the task as it was.
        String tasks = "/v1/clusters/" + driver.clusterName + "/tasks";
        driver.ecs.get(tasks + "?asOf=" + before).statusCode(200).body("tasks", org.hamcrest.Matchers.empty());
        driver.ecs.get(tasks + "?asOf=" + placed).statusCode(200).body("tasks.taskArn", contains(task))
                .body("tasks[0].lastStatus", equalTo("PENDING"));
        driver.ecs.get(tasks + "?asOf=" + running).statusCode(200).body("tasks[0].lastStatus", equalTo("RUNNING"));
        driver.ecs.get(tasks + "?asOf=yesterday").statusCode(400).body("__type", equalTo("InvalidParameterException"));

        driver.ecs.get(path + "?asOf=2000-01-01T00:00:00Z").statusCode(404)
                .body("__type", equalTo("ResourceNotFoundException"));
        driver.ecs.get(path + "?asOf=yesterday").statusCode(400).body("__type", equalTo("InvalidParameterException"));
        driver.ecs.get("/v1/clusters/" + driver.clusterName + "/tasks/0000/events").statusCode(404)
                .body("__type", equalTo("ResourceNotFoundException"));
    }

    @Test
    void aServiceCanBeReadAsItWasWithItsDeploymentsAndItsHistoryListed() {
        instance();
        assertThat(driver.send(driver.service("CreateService", "{\"serviceName\":\"web\",\"desiredCount\":1,"
                + "\"taskDefinition\":\"web\",\"tags\":[{\"key\":\"team\",\"value\":\"a\"}]}",
                SchedulerDriver.definition("web", 128, null))).errorType()).isNull();
        String path = "/v1/clusters/" + driver.clusterName + "/services/web";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> driver.ecs.get(path).statusCode(200)
                .body("events.message", hasItems(startsWith("(service web) has started 1 tasks"))));
        Instant one = between();
        assertThat(driver.send(driver.service("UpdateService", "{\"service\":\"web\",\"desiredCount\":2}", null))
                .errorType()).isNull();

        driver.ecs.get(path + "?asOf=" + one).statusCode(200).body("desiredCount", equalTo(1))
                .body("deployments[0].desiredCount", equalTo(1)).body("tags[0].key", equalTo("team"))
                .body("events.message", hasItems(startsWith("(service web) has started 1 tasks")));
        driver.ecs.get(path).statusCode(200).body("desiredCount", equalTo(2));
        driver.ecs.get(path + "/events").statusCode(200).body("events.type", hasItems("ServiceCreated",
                "DeploymentStarted", "ServiceTasksCounted", "ServiceMessageRecorded", "ServiceUpdated"))
                .body("events[0].type", equalTo("ServiceCreated"))
                .body("events[0].payload.tags[0].value", equalTo("a"));
        driver.ecs.get("/v1/clusters/" + driver.clusterName + "/services/nope").statusCode(404)
                .body("__type", equalTo("ResourceNotFoundException"));
    }
}
