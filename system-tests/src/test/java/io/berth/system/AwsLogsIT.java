package io.berth.system;

import static io.berth.system.AwsCliIT.aws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.localstack.PodmanService;
import io.berth.system.AwsCliIT.Run;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * Issue 19's story through the real clients: a task of two docker containers logging through awslogs; the AWS CLI
 * finds one stream per container named as ECS names them, reads the lines, follows them with
 * {@code aws logs tail --follow}, filters the ERROR lines; a retention policy hides old events. Inside the
 * container, the credentials endpoint hands out the task role's credentials (a call made with them is attributed to
 * the task in {@code /v1/requests}) and the metadata endpoint answers {@code /task} with the task and its containers.
 */
@ExtendWith(SharedStack.class)
class AwsLogsIT {

    static final String CLUSTER = SharedStack.DOCKER_CLUSTER;
    static final String ROLE = "arn:aws:iam::000000000000:role/logs-e2e-task";
    static final String EXECUTION_ROLE = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";
    static final ObjectMapper JSON = new ObjectMapper();
    static EcsClient ecs;

    @BeforeAll
    static void connect() {
        ecs = EcsSdkIT.client("test", Region.US_EAST_1);
        TasksSdkIT.awaitCapacityAs(DockerRuntimeIT.AUTHORIZATION, CLUSTER, SharedStack.DOCKER_INSTANCES);
    }

    @AfterAll
    static void disconnect() {
        ecs.close();
    }

    static LogConfiguration awslogs(String group) {
        return LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(java.util.Map.of(
                "awslogs-group", group, "awslogs-region", "us-east-1", "awslogs-stream-prefix", "e2e",
                "awslogs-create-group", "true")).build();
    }

    @Test
    void twoContainersLogThroughAwslogsAndTheTaskUsesItsRole() throws Exception {
        String group = "/ecs/logs-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        // The app asks its endpoints first (one line of JSON each; like an SDK it asks again until they answer,
        // which they do once the agent has the task), then logs a line every half second and every third an ERROR.
        ContainerDefinition app = ContainerDefinition.builder().name("app").image(PodmanService.BUSYBOX).memory(32)
                .essential(true).entryPoint("/bin/sh", "-c")
                .command("until c=$(wget -qO- \"$AWS_CONTAINER_CREDENTIALS_FULL_URI\"); do sleep 0.2; done;"
                        + " echo \"credentials $c\";"
                        + " until m=$(wget -qO- \"$ECS_CONTAINER_METADATA_URI_V4/task\"); do sleep 0.2; done;"
                        + " echo \"metadata $m\";"
                        + " i=0; while true; do i=$((i+1)); echo \"INFO tick $i\";"
                        + " if [ $((i % 3)) -eq 0 ]; then echo \"ERROR failure $i\" >&2; fi; sleep 0.5; done")
                .logConfiguration(awslogs(group)).build();
        ContainerDefinition worker = ContainerDefinition.builder().name("worker").image(PodmanService.BUSYBOX)
                .memory(32).essential(true).entryPoint("/bin/sh", "-c")
                .command("while true; do echo worker alive; sleep 1; done")
                .logConfiguration(awslogs(group)).build();
        ecs.registerTaskDefinition(r -> r.family("logs-e2e").networkMode(NetworkMode.BRIDGE).taskRoleArn(ROLE)
                .executionRoleArn(EXECUTION_ROLE)
                .containerDefinitions(app, worker));

        RunTaskResponse run = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("logs-e2e"));
        assertThat(run.failures()).isEmpty();
        String taskArn = run.tasks().get(0).taskArn();
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        try {
            ecs.waiter().waitUntilTasksRunning(r -> r.cluster(CLUSTER).tasks(taskArn));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Run streams = ok(aws("logs", "describe-log-streams", "--log-group-name", group));
                assertThat(streams.json().at("/logStreams").findValuesAsText("logStreamName"))
                        .containsExactlyInAnyOrder("e2e/app/" + taskId, "e2e/worker/" + taskId);
            });

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(messages(ok(aws("logs",
                    "get-log-events", "--log-group-name", group, "--log-stream-name", "e2e/worker/" + taskId,
                    "--start-from-head")).json())).contains("worker alive"));

            List<String> app1 = awaitMessages(group, "e2e/app/" + taskId, 3);
            JsonNode credentials = JSON.readTree(line(app1, "credentials ").substring("credentials ".length()));
            assertThat(credentials.path("RoleArn").asText()).isEqualTo(ROLE);
            assertThat(credentials.path("AccessKeyId").asText()).startsWith("ASIA");
            assertThat(credentials.path("Expiration").asText()).isNotEmpty();
            JsonNode metadata = JSON.readTree(line(app1, "metadata ").substring("metadata ".length()));
            assertThat(metadata.path("TaskARN").asText()).isEqualTo(taskArn);
            assertThat(metadata.path("Containers").findValuesAsText("Name")).contains("app", "worker");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<String> errors = messages(ok(aws("logs", "filter-log-events", "--log-group-name", group,
                        "--filter-pattern", "ERROR")).json());
                assertThat(errors).isNotEmpty().allMatch(m -> m.startsWith("ERROR failure "));
            });

            assertThat(follow(group, "INFO tick")).contains("e2e/app/" + taskId).contains("INFO tick");

            attributedToTheTask(credentials, taskArn);
        } finally {
            ecs.stopTask(r -> r.cluster(CLUSTER).task(taskArn));
        }
    }

    @Test
    void aRetentionPolicyRemovesOldEvents() throws Exception {
        String group = "/berth/retention-" + UUID.randomUUID().toString().substring(0, 8);
        ok(aws("logs", "create-log-group", "--log-group-name", group));
        ok(aws("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "s"));
        long now = System.currentTimeMillis();
        long threeDaysAgo = now - Duration.ofDays(3).toMillis();
        // One batch may not span more than 24 hours: two calls.
        ok(aws("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "s", "--log-events",
                "timestamp=" + threeDaysAgo + ",message=old"));
        ok(aws("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "s", "--log-events",
                "timestamp=" + now + ",message=new"));
        assertThat(messages(ok(aws("logs", "get-log-events", "--log-group-name", group, "--log-stream-name", "s",
                "--start-from-head")).json())).containsExactly("old", "new");

        ok(aws("logs", "put-retention-policy", "--log-group-name", group, "--retention-in-days", "1"));

        assertThat(messages(ok(aws("logs", "get-log-events", "--log-group-name", group, "--log-stream-name", "s",
                "--start-from-head")).json())).containsExactly("new");
        assertThat(ok(aws("logs", "describe-log-groups", "--log-group-name-prefix", group)).json()
                .at("/logGroups/0/retentionInDays").asInt()).isEqualTo(1);
    }

    /** A call made with the task's credentials appears in the request log under the task and its role. */
    private static void attributedToTheTask(JsonNode credentials, String taskArn) {
        try (EcsClient asTask = EcsClient.builder().endpointOverride(URI.create("http://localhost:8080"))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText(),
                        credentials.path("Token").asText()))).build()) {
            asTask.listClusters();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:8080/v1/requests?taskArn=" + taskArn)).header("Authorization",
                    DockerRuntimeIT.AUTHORIZATION).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            // The task's own call came with its task role; the agent's awslogs calls for it with its execution role.
            List<String> calls = new ArrayList<>();
            JSON.readTree(answer.body()).path("requests").forEach(r -> calls.add(r.path("operation").asText() + " as "
                    + r.path("roleArn").asText()));
            assertThat(calls).contains("ListClusters as " + ROLE, "PutLogEvents as " + EXECUTION_ROLE)
                    .doesNotContain("ListClusters as " + EXECUTION_ROLE, "PutLogEvents as " + ROLE);
        });
    }

    /** {@code aws logs tail --follow}'s output until a line containing {@code expected} is printed. */
    private static String follow(String group, String expected) throws Exception {
        List<String> command = new ArrayList<>(List.of(AwsCliIT.AWS.toString(), "--endpoint-url",
                "http://localhost:8080", "--region", "us-east-1", "logs", "tail", group, "--follow", "--since", "1m"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", AwsCliIT.cliHome().toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        try {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    StringBuilder printed = new StringBuilder();
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        printed.append(line).append('\n');
                        if (line.contains(expected)) {
                            return printed.toString();
                        }
                    }
                    return printed.toString();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return seen.get(60, TimeUnit.SECONDS);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> awaitMessages(String group, String stream, int atLeast) {
        List<List<String>> read = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            read.set(0, messages(ok(aws("logs", "get-log-events", "--log-group-name", group, "--log-stream-name",
                    stream, "--start-from-head")).json()));
            assertThat(read.get(0)).hasSizeGreaterThanOrEqualTo(atLeast);
        });
        return read.get(0);
    }

    private static String line(List<String> messages, String prefix) {
        return messages.stream().filter(m -> m.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in " + messages));
    }

    private static List<String> messages(JsonNode answer) {
        return StreamSupport.stream(answer.path("events").spliterator(), false)
                .map(event -> event.path("message").asText()).toList();
    }

    private static Run ok(Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        return run;
    }
}
