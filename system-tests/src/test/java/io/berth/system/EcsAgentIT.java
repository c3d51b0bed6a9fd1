package io.berth.system;

import static io.berth.system.AwsCliIT.aws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.system.AwsCliIT.Run;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the real Amazon ECS agent sends, through the AWS CLI against the stack: its
 * RegisterContainerInstance payload field for field (some sixty capability attributes, an identity
 * document as the instance metadata service prints it, its signature, the four resources), then the
 * task reports it sends, retried and crossing as they do.
 */
@ExtendWith(SharedStack.class)
class EcsAgentIT {

    static final String CLUSTER = "agent-fleet";
    static final String DEFAULT_ACCOUNT = "000000000000";

    static Path payload() throws URISyntaxException {
        return Path.of(EcsAgentIT.class.getResource("/ecs-agent/register-container-instance.json").toURI());
    }

    static Map<String, String> attributes(JsonNode list) {
        Map<String, String> byName = new LinkedHashMap<>();
        list.forEach(a -> byName.put(a.path("name").asText(), a.hasNonNull("value") ? a.path("value").asText() : ""));
        return byName;
    }

    static Run ok(String... args) throws Exception {
        Run run = aws(args);
        assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    @Test
    void theRealAgentRegistersRunsATaskAndItsRetriedReportsChangeNothing() throws Exception {
        ok("ecs", "create-cluster", "--cluster-name", CLUSTER);
        JsonNode sent = AwsCliIT.JSON.readTree(payload().toFile());

        JsonNode instance = ok("ecs", "register-container-instance", "--cli-input-json",
                "file://" + payload()).json().path("containerInstance");

        // The agent checks this itself: every attribute it sent is in the answer, with its value.
        Map<String, String> registered = attributes(instance.path("attributes"));
        assertThat(registered).containsAllEntriesOf(attributes(sent.path("attributes")));
        assertThat(registered).containsEntry("ecs.instance-type", "m5.large")
                .containsEntry("ecs.availability-zone", "us-east-1b")
                .containsEntry("ecs.ami-id", "ami-0f3f1d7b5a9c8e2d4")
                .containsEntry("ecs.cpu-architecture", "x86_64")
                .hasSize(sent.path("attributes").size() + 4);
        assertThat(instance.path("ec2InstanceId").asText()).isEqualTo("i-0a7c3e9d1b5f24681");
        for (JsonNode resource : sent.path("totalResources")) {
            JsonNode kept = instance.path("registeredResources").findParents("name").stream()
                    .filter(r -> r.path("name").equals(resource.path("name"))).findFirst().orElseThrow();
            assertThat(kept.path("integerValue")).as(resource.toString()).isEqualTo(resource.path("integerValue"));
            assertThat(kept.path("stringSetValue")).as(resource.toString()).isEqualTo(resource.path("stringSetValue"));
        }
        String instanceArn = instance.path("containerInstanceArn").asText();

        // Its capabilities are what placement matches a task definition's requiresAttributes against.
        ok("ecs", "register-task-definition", "--family", "agent-job", "--container-definitions",
                "[{\"name\":\"main\",\"image\":\"busybox\",\"memoryReservation\":64,\"healthCheck\":{\"command\":"
                        + "[\"CMD-SHELL\",\"true\"]},\"logConfiguration\":{\"logDriver\":\"awslogs\",\"options\":"
                        + "{\"awslogs-group\":\"g\",\"awslogs-region\":\"us-east-1\"}}}]");
        TasksSdkIT.awaitCapacityAs(TasksSdkIT.authorization(DEFAULT_ACCOUNT, "us-east-1"), CLUSTER, 1);
        JsonNode run = ok("ecs", "run-task", "--cluster", CLUSTER, "--task-definition", "agent-job").json();
        assertThat(run.path("failures")).isEmpty();
        String task = run.at("/tasks/0/taskArn").asText();
        assertThat(run.at("/tasks/0/containerInstanceArn").asText()).isEqualTo(instanceArn);
        // The instance holds the task once the agent-service has the placement (it arrives by event;
        // reading it at once is issue 14's next round).
        await().atMost(Duration.ofSeconds(30)).until(() -> ok("ecs", "describe-container-instances", "--cluster",
                CLUSTER, "--container-instances", instanceArn).json().at("/containerInstances/0/pendingTasksCount")
                .asInt() == 1);

        report(task, "RUNNING", "[{\"containerName\":\"main\",\"runtimeId\":\"0f1e2d3c4b5a\",\"status\":\"RUNNING\","
                + "\"networkBindings\":[]}]");
        ok("ecs", "wait", "tasks-running", "--cluster", CLUSTER, "--tasks", task);
        report(task, "PENDING", null);
        report(task, "RUNNING", null);
        assertThat(describe(task).path("lastStatus").asText()).isEqualTo("RUNNING");

        report(task, "STOPPED", "[{\"containerName\":\"main\",\"status\":\"STOPPED\",\"exitCode\":0}]");
        ok("ecs", "wait", "tasks-stopped", "--cluster", CLUSTER, "--tasks", task);
        report(task, "STOPPED", null);
        report(task, "RUNNING", null);
        JsonNode stopped = describe(task);
        assertThat(stopped.path("lastStatus").asText()).isEqualTo("STOPPED");
        assertThat(stopped.at("/containers/0/exitCode").asInt()).isZero();

        // Without the capability a task needs, an instance is refused with the ECS reason.
        ok("ecs", "create-cluster", "--cluster-name", "bare-hosts");
        ok("ecs", "register-container-instance", "--cluster", "bare-hosts", "--instance-identity-document",
                "{\"instanceId\":\"i-0bare\",\"instanceType\":\"t3.small\",\"availabilityZone\":\"us-east-1a\"}");
        TasksSdkIT.awaitCapacityAs(TasksSdkIT.authorization(DEFAULT_ACCOUNT, "us-east-1"), "bare-hosts", 1);
        JsonNode refused = ok("ecs", "run-task", "--cluster", "bare-hosts", "--task-definition", "agent-job").json();
        assertThat(refused.path("tasks")).isEmpty();
        assertThat(refused.at("/failures/0/reason").asText()).isEqualTo("ATTRIBUTE");
    }

    /** SubmitTaskStateChange as the agent sends it: the cluster by ARN, the task by ARN. */
    static void report(String task, String status, String containers) throws Exception {
        String cluster = "arn:aws:ecs:us-east-1:" + DEFAULT_ACCOUNT + ":cluster/" + CLUSTER;
        Run run = containers == null
                ? ok("ecs", "submit-task-state-change", "--cluster", cluster, "--task", task, "--status", status)
                : ok("ecs", "submit-task-state-change", "--cluster", cluster, "--task", task, "--status", status,
                        "--containers", containers);
        assertThat(run.json().path("acknowledgment").asText()).isEqualTo("ACK");
    }

    static JsonNode describe(String task) throws Exception {
        return await().atMost(Duration.ofSeconds(30)).until(() -> ok("ecs", "describe-tasks", "--cluster", CLUSTER,
                "--tasks", task).json().at("/tasks/0"), t -> !t.isMissingNode());
    }
}
