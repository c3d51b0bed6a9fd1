package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The AWS CLI v2 (Debian's {@code /usr/bin/aws}, which {@code .ci/run} installs), unchanged, against
 * the stack: what a user types, and what the CLI prints.
 */
@ExtendWith(SharedStack.class)
class AwsCliIT {

    static final Path AWS = Path.of("/usr/bin/aws");
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    /**
     * The CLI's home for every call of the test JVM, away from the user's own {@code ~/.aws}: one directory in the
     * build's output (a directory per call filled {@code /tmp} with thousands of them).
     */
    static Path cliHome() throws IOException {
        return Files.createDirectories(Path.of("target", "aws-cli-home").toAbsolutePath());
    }

    static Run aws(String... args) throws IOException, InterruptedException {
        return awsAs("test", "us-east-1", args);
    }

    /** The CLI as a caller whose access key id is {@code accessKeyId} (an account id, when 12 digits), in {@code region}. */
    static Run awsAs(String accessKeyId, String region, String... args) throws IOException, InterruptedException {
        assertThat(AWS).as("the AWS CLI v2 (apt-get install awscli)").isExecutable();
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", "http://localhost:8080",
                "--region", region, "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", cliHome().toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", accessKeyId);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_PAGER", "");
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err);
    }

    /** Starts {@code count} simulated container instances in the cluster through Berth's own REST API. */
    static void fleet(String cluster, String instanceType, int count) throws IOException, InterruptedException {
        HttpResponse<String> fleet = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:8080/v1/clusters/" + cluster + "/fleet"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"instanceType\":\"" + instanceType + "\",\"count\":"
                        + count + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fleet.statusCode()).as(fleet.body()).isEqualTo(200);
    }

    @Test
    void aClusterAndATaskDefinitionTheWayAUserTypesThem() throws Exception {
        Run created = aws("ecs", "create-cluster", "--cluster-name", "cli-demo", "--tags", "key=team,value=cli");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.json().at("/cluster/clusterArn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/cli-demo");

        Run listed = aws("ecs", "list-clusters");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.json().at("/clusterArns").toString()).contains("cluster/cli-demo");

        Run registered = aws("ecs", "register-task-definition", "--family", "cli-web", "--container-definitions",
                "[{\"name\":\"web\",\"image\":\"nginx:1.27\",\"memory\":128,\"portMappings\":[{\"containerPort\":80}]}]");
        assertThat(registered.exit()).as(registered.err()).isZero();
        assertThat(registered.json().at("/taskDefinition/revision").asInt()).isEqualTo(1);

        Run described = aws("ecs", "describe-clusters", "--clusters", "cli-demo", "nowhere", "--include", "TAGS");
        assertThat(described.json().at("/clusters/0/tags/0/value").asText()).isEqualTo("cli");
        assertThat(described.json().at("/failures/0/reason").asText()).isEqualTo("MISSING");

        Run deleted = aws("ecs", "delete-cluster", "--cluster", "cli-demo");
        assertThat(deleted.json().at("/cluster/status").asText()).isEqualTo("INACTIVE");
    }

    @Test
    void tasksRunOnASimulatedFleetAndStopTheWayAUserDrivesThem() throws Exception {
        assertThat(aws("ecs", "create-cluster", "--cluster-name", "cli-tasks").exit()).isZero();
        fleet("cli-tasks", "c5.large", 2);
        assertThat(aws("ecs", "register-task-definition", "--family", "cli-job", "--container-definitions",
                "[{\"name\":\"job\",\"image\":\"busybox\",\"memory\":64}]").exit()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> aws("ecs", "list-container-instances", "--cluster",
                "cli-tasks").json().at("/containerInstanceArns").size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:8080/v1/clusters/cli-tasks/capacity")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body().split("containerInstanceArn", -1).length == 3);

        Run run = aws("ecs", "run-task", "--cluster", "cli-tasks", "--task-definition", "cli-job", "--count", "2",
                "--placement-strategy", "type=spread,field=instanceId");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().at("/tasks").size()).isEqualTo(2);
        assertThat(run.json().at("/failures").size()).isZero();
        String first = run.json().at("/tasks/0/taskArn").asText();
        String second = run.json().at("/tasks/1/taskArn").asText();
        assertThat(run.json().at("/tasks/0/containerInstanceArn").asText())
                .isNotEqualTo(run.json().at("/tasks/1/containerInstanceArn").asText());

        Run running = aws("ecs", "wait", "tasks-running", "--cluster", "cli-tasks", "--tasks", first, second);
        assertThat(running.exit()).as(running.err()).isZero();
        Run stop = aws("ecs", "stop-task", "--cluster", "cli-tasks", "--task", first, "--reason", "done here");
        assertThat(stop.json().at("/task/desiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(aws("ecs", "wait", "tasks-stopped", "--cluster", "cli-tasks", "--tasks", first).exit()).isZero();

        Run described = aws("ecs", "describe-tasks", "--cluster", "cli-tasks", "--tasks", first, second);
        assertThat(described.json().at("/tasks/0/stoppedReason").asText()).isEqualTo("done here");
        assertThat(described.json().at("/tasks/0/stopCode").asText()).isEqualTo("UserInitiated");
        assertThat(described.json().at("/tasks/1/lastStatus").asText()).isEqualTo("RUNNING");
        assertThat(aws("ecs", "list-tasks", "--cluster", "cli-tasks").json().at("/taskArns").toString())
                .contains(second).doesNotContain(first);
    }

    @Test
    void aServiceIsCreatedScaledRolledAndDeletedTheWayAUserDrivesIt() throws Exception {
        assertThat(aws("ecs", "create-cluster", "--cluster-name", "cli-svc").exit()).isZero();
        fleet("cli-svc", "m5.large", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:8080/v1/clusters/cli-svc/capacity")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body().split("containerInstanceArn", -1).length == 4);
        String containers = "[{\"name\":\"web\",\"image\":\"nginx\",\"memory\":128,"
                + "\"portMappings\":[{\"containerPort\":80,\"hostPort\":0}]}]";
        assertThat(aws("ecs", "register-task-definition", "--family", "cli-svc-web", "--container-definitions",
                containers).exit()).isZero();

        Run created = aws("ecs", "create-service", "--cluster", "cli-svc", "--service-name", "web",
                "--task-definition", "cli-svc-web", "--desired-count", "2");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.json().at("/service/status").asText()).isEqualTo("ACTIVE");
        assertThat(created.json().at("/service/deployments/0/status").asText()).isEqualTo("PRIMARY");
        Run stable = aws("ecs", "wait", "services-stable", "--cluster", "cli-svc", "--services", "web");
        assertThat(stable.exit()).as(stable.err()).isZero();

        Run scaled = aws("ecs", "update-service", "--cluster", "cli-svc", "--service", "web", "--desired-count", "4");
        assertThat(scaled.json().at("/service/desiredCount").asInt()).isEqualTo(4);
        assertThat(aws("ecs", "register-task-definition", "--family", "cli-svc-web", "--container-definitions",
                containers).json().at("/taskDefinition/revision").asInt()).isEqualTo(2);
        Run rolled = aws("ecs", "update-service", "--cluster", "cli-svc", "--service", "web", "--task-definition",
                "cli-svc-web:2");
        assertThat(rolled.json().at("/service/deployments").size()).isEqualTo(2);
        assertThat(aws("ecs", "wait", "services-stable", "--cluster", "cli-svc", "--services", "web").exit())
                .isZero();
        Run described = aws("ecs", "describe-services", "--cluster", "cli-svc", "--services", "web");
        assertThat(described.json().at("/services/0/runningCount").asInt()).isEqualTo(4);
        assertThat(described.json().at("/services/0/taskDefinition").asText()).endsWith("cli-svc-web:2");
        // The waiter wants one deployment and the desired count running; the steady state follows once
        // the new tasks have run for the scheduler's stability window (ADR 0040).
        await().atMost(Duration.ofSeconds(30)).until(() -> aws("ecs", "describe-services", "--cluster", "cli-svc",
                "--services", "web").json().at("/services/0/events/0/message").asText()
                .equals("(service web) has reached a steady state."));

        Run deleted = aws("ecs", "delete-service", "--cluster", "cli-svc", "--service", "web", "--force");
        assertThat(deleted.json().at("/service/status").asText()).isEqualTo("DRAINING");
        assertThat(aws("ecs", "wait", "services-inactive", "--cluster", "cli-svc", "--services", "web").exit())
                .isZero();
        assertThat(aws("ecs", "list-services", "--cluster", "cli-svc").json().at("/serviceArns").size()).isZero();
    }

    @Test
    void anOutsideControllerShiftsTrafficWithTaskSetsTheWayAUserTypesIt() throws Exception {
        assertThat(aws("ecs", "create-cluster", "--cluster-name", "cli-sets").exit()).isZero();
        fleet("cli-sets", "m5.large", 2);
        String containers = "[{\"name\":\"web\",\"image\":\"nginx\",\"memory\":64}]";
        assertThat(aws("ecs", "register-task-definition", "--family", "cli-sets-web", "--container-definitions",
                containers).exit()).isZero();
        assertThat(aws("ecs", "register-task-definition", "--family", "cli-sets-web", "--container-definitions",
                containers).exit()).isZero();
        Run created = aws("ecs", "create-service", "--cluster", "cli-sets", "--service-name", "web",
                "--desired-count", "2", "--deployment-controller", "type=EXTERNAL");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.json().at("/service/deploymentController/type").asText()).isEqualTo("EXTERNAL");

        Run blue = aws("ecs", "create-task-set", "--cluster", "cli-sets", "--service", "web", "--task-definition",
                "cli-sets-web:1", "--external-id", "blue", "--scale", "value=100,unit=PERCENT");
        assertThat(blue.exit()).as(blue.err()).isZero();
        String blueId = blue.json().at("/taskSet/id").asText();
        assertThat(blue.json().at("/taskSet/computedDesiredCount").asInt()).isEqualTo(2);
        Run primary = aws("ecs", "update-service-primary-task-set", "--cluster", "cli-sets", "--service", "web",
                "--primary-task-set", blueId);
        assertThat(primary.json().at("/taskSet/status").asText()).as(primary.err()).isEqualTo("PRIMARY");
        Run green = aws("ecs", "create-task-set", "--cluster", "cli-sets", "--service", "web", "--task-definition",
                "cli-sets-web:2", "--external-id", "green", "--scale", "value=50,unit=PERCENT");
        assertThat(green.exit()).as(green.err()).isZero();
        String greenId = green.json().at("/taskSet/taskSetArn").asText();
        assertThat(green.json().at("/taskSet/computedDesiredCount").asInt()).isEqualTo(1);
        await().atMost(Duration.ofMinutes(1)).until(() -> aws("ecs", "list-tasks", "--cluster", "cli-sets",
                "--service-name", "web", "--desired-status", "RUNNING").json().at("/taskArns").size() == 3);

        Run sets = aws("ecs", "describe-task-sets", "--cluster", "cli-sets", "--service", "web");
        assertThat(sets.json().at("/taskSets").findValuesAsText("externalId")).containsExactlyInAnyOrder("blue",
                "green");
        Run refused = aws("ecs", "delete-task-set", "--cluster", "cli-sets", "--service", "web", "--task-set",
                blueId);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("InvalidParameterException").contains("PRIMARY");
        Run scaled = aws("ecs", "update-task-set", "--cluster", "cli-sets", "--service", "web", "--task-set",
                greenId, "--scale", "value=100,unit=PERCENT");
        assertThat(scaled.json().at("/taskSet/computedDesiredCount").asInt()).as(scaled.err()).isEqualTo(2);
        assertThat(aws("ecs", "update-service-primary-task-set", "--cluster", "cli-sets", "--service", "web",
                "--primary-task-set", greenId).exit()).isZero();
        Run deleted = aws("ecs", "delete-task-set", "--cluster", "cli-sets", "--service", "web", "--task-set",
                blueId, "--force");
        assertThat(deleted.json().at("/taskSet/status").asText()).as(deleted.err()).isEqualTo("DRAINING");
        await().atMost(Duration.ofMinutes(1)).until(() -> aws("ecs", "describe-task-sets", "--cluster", "cli-sets",
                "--service", "web").json().at("/taskSets").findValuesAsText("externalId").equals(List.of("green")));

        Run notExternal = aws("ecs", "create-service", "--cluster", "cli-sets", "--service-name", "plain",
                "--task-definition", "cli-sets-web:1", "--desired-count", "0");
        assertThat(notExternal.exit()).as(notExternal.err()).isZero();
        Run wrongController = aws("ecs", "create-task-set", "--cluster", "cli-sets", "--service", "plain",
                "--task-definition", "cli-sets-web:2");
        assertThat(wrongController.exit()).isNotZero();
        assertThat(wrongController.err()).contains("InvalidParameterException")
                .contains("external deployment controllers");
    }

    @Test
    void errorsReachTheUserWithTheirEcsCode() throws Exception {
        Run missing = aws("ecs", "delete-cluster", "--cluster", "never-created");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("ClusterNotFoundException").contains("Cluster not found.");

        Run unsupported = aws("ecs", "get-task-protection", "--cluster", "default");
        assertThat(unsupported.exit()).isNotZero();
        assertThat(unsupported.err()).contains("UnsupportedFeatureException").contains("GetTaskProtection");
    }
}
