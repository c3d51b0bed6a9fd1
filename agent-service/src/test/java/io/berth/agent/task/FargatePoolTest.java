package io.berth.agent.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Eni;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.events.Topics;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TestPublisher;
import io.berth.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fargate tasks run on the serverless pool's runtime (the process runtime in tests: a real process)
 * without any container instance, report ACTIVATING before RUNNING, and stop with SIGTERM on a Spot
 * termination notice.
 */
@QuarkusTest
class FargatePoolTest {

    EcsCalls ecs = EcsCalls.newAccount();
    String cluster = ecs.arn("cluster/serverless");
    TestPublisher publisher = new TestPublisher();
    TopicProbe reports = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.TASK_STATE_EVENTS);

    @BeforeEach
    void clusterExists() {
        publisher.publish(TestPublisher.envelope("cluster", cluster, 1, ecs.account(), new ClusterCreated(cluster,
                "serverless", List.of(), List.of("FARGATE", "FARGATE_SPOT"), List.of(), List.of(), null, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> ecs.call("ListContainerInstances",
                "{\"cluster\":\"serverless\"}").extract().statusCode() == 200);
    }

    @AfterEach
    void close() {
        publisher.close();
        reports.close();
    }

    private List<TaskStateReported> reportsOf(String task) {
        return reports.poll(e -> e.payload() instanceof TaskStateReported r && r.taskArn().equals(task)).stream()
                .map(e -> (TaskStateReported) e.payload()).toList();
    }

    @Test
    void aSpotTaskRunsAsARealProcessWithoutAnInstanceAndStopsOnItsTerminationNotice() {
        ObjectNode definition = EventJson.mapper().createObjectNode();
        definition.put("family", "spot").put("revision", 1).put("networkMode", "awsvpc").put("cpu", "256")
                .put("memory", "512");
        ObjectNode main = definition.putArray("containerDefinitions").addObject().put("name", "main")
                .put("image", "busybox").put("essential", true).put("stopTimeout", 5);
        main.putArray("command").add("/bin/sh").add("-c").add("trap 'exit 143' TERM; while true; do sleep 0.1; done");
        // The task's port is on its own interface: nothing is bound on this host, so two tasks may use the same.
        main.putArray("portMappings").addObject().put("containerPort", 8080).put("hostPort", 8080);
        String task = ecs.arn("task/serverless/" + UUID.randomUUID().toString().replace("-", ""));
        publisher.publish(TestPublisher.envelope("task", task, 1, ecs.account(), new TaskPlaced(cluster, task,
                ecs.arn("task-definition/spot:1"), null, "family:spot", null, "FARGATE", "FARGATE_SPOT", 256, 512,
                List.of(), definition, null, List.of(), null, "eu-west-1a", Instant.now(), new Eni("a1", "eni-1",
                        "subnet-1", "10.1.0.4", "0a:00:00:00:00:01", "ip-10-1-0-4.eu-west-1.compute.internal"),
                "1.4.0", "Linux")));

        await().atMost(Duration.ofSeconds(30)).until(() -> reportsOf(task).stream()
                .anyMatch(r -> "RUNNING".equals(r.lastStatus())));
        List<TaskStateReported> started = reportsOf(task);
        assertThat(started).extracting(TaskStateReported::lastStatus).containsSubsequence("PENDING", "ACTIVATING",
                "RUNNING");
        assertThat(started).extracting(TaskStateReported::containerInstanceArn).containsOnlyNulls();
        ecs.ok("ListContainerInstances", "{\"cluster\":\"serverless\"}")
                .body("containerInstanceArns", empty());

        publisher.publish(TestPublisher.envelope("task", task, 2, ecs.account(), new TaskStopRequested(cluster, task,
                null, "TerminationNotice", "Your Spot Task was interrupted.")));
        TaskStateReported stopped = await().atMost(Duration.ofSeconds(30)).until(() -> reportsOf(task).stream()
                .filter(r -> "STOPPED".equals(r.lastStatus())).findFirst().orElse(null), r -> r != null);
        assertThat(stopped.stopCode()).isEqualTo("TerminationNotice");
        assertThat(stopped.containers()).singleElement().satisfies(c -> assertThat(c.exitCode()).isEqualTo(143));
    }
}
