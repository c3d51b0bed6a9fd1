package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.localstack.PodmanService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/**
 * The seed's story on docker instances, through the whole stack: {@code ./berth up} with {@code BERTH_FLEET} asking
 * for docker instances starts its own Podman; a task of an HTTP server with a health check and a sidecar that
 * writes what the server serves into a shared task volume runs as real containers, answers on its dynamic host
 * port, reports HEALTHY, and stops with SIGTERM; a service of three such tasks rolls to a new revision within its
 * bounds; awsvpc is refused at RunTask.
 */
@ExtendWith(SharedStack.class)
class DockerRuntimeIT {

    /** {@code BERTH_FLEET}'s instances belong to the default account in us-east-1. */
    static final String AUTHORIZATION = TasksSdkIT.authorization("000000000000", "us-east-1");
    static final String CLUSTER = SharedStack.DOCKER_CLUSTER;
    static EcsClient ecs;

    @BeforeAll
    static void connect() {
        ecs = EcsSdkIT.client("test", Region.US_EAST_1);
        TasksSdkIT.awaitCapacityAs(AUTHORIZATION, CLUSTER, SharedStack.DOCKER_INSTANCES);
    }

    @AfterAll
    static void disconnect() {
        ecs.close();
    }

    /**
     * The server serves what the sidecar writes; both say which signal stopped them. The server is healthy while
     * {@code /tmp/healthy} exists and it serves its page; {@code GET /cgi-bin/sick} (a script the sidecar writes)
     * removes that file, so a test can make one task fail its health checks.
     */
    static String register(String family, String greeting) {
        ContainerDefinition server = ContainerDefinition.builder().name("server").image(PodmanService.BUSYBOX)
                .memory(64).essential(true).entryPoint("/bin/sh", "-c")
                .command("touch /tmp/healthy; trap 'echo server got SIGTERM; exit 0' TERM;"
                        + " httpd -f -p 8080 -h /www & while true; do sleep 0.2; done")
                .portMappings(p -> p.containerPort(8080).hostPort(0))
                .mountPoints(m -> m.sourceVolume("content").containerPath("/www").readOnly(true))
                .healthCheck(HealthCheck.builder().command("CMD-SHELL",
                        "test -f /tmp/healthy && wget -q -O /dev/null http://127.0.0.1:8080/index.html").interval(5)
                        .timeout(2).retries(2).build())
                .dependsOn(d -> d.containerName("sidecar").condition(ContainerCondition.START))
                .stopTimeout(10).build();
        ContainerDefinition sidecar = ContainerDefinition.builder().name("sidecar").image(PodmanService.BUSYBOX)
                .memory(32).essential(true).entryPoint("/bin/sh", "-c")
                .command("trap 'echo sidecar got SIGTERM; exit 0' TERM; mkdir -p /content/cgi-bin;"
                        + " printf '#!/bin/sh\\nrm -f /tmp/healthy\\necho Content-Type: text/plain\\necho\\necho sick\\n'"
                        + " > /content/cgi-bin/sick; chmod +x /content/cgi-bin/sick;"
                        + " echo \"$GREETING\" > /content/index.html; while true; do sleep 0.2; done")
                .environment(KeyValuePair.builder().name("GREETING").value(greeting).build())
                .mountPoints(m -> m.sourceVolume("content").containerPath("/content"))
                .stopTimeout(10).build();
        return ecs.registerTaskDefinition(r -> r.family(family).networkMode(NetworkMode.BRIDGE)
                .volumes(v -> v.name("content").host(h -> { }))
                .containerDefinitions(server, sidecar)).taskDefinition().taskDefinitionArn();
    }

    static String get(int port) throws Exception {
        return get(port, "/index.html");
    }

    static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static int serverPort(Task task) {
        return task.containers().stream().filter(c -> c.name().equals("server")).findFirst().orElseThrow()
                .networkBindings().get(0).hostPort();
    }

    static String logs(String taskArn, String container) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:8080/v1/clusters/"
                        + CLUSTER + "/tasks/" + taskArn.substring(taskArn.lastIndexOf('/') + 1) + "/containers/"
                        + container + "/logs")).header("Authorization", AUTHORIZATION).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The first line of the cluster's live event stream that satisfies the condition, read as it comes. */
    static CompletableFuture<String> awaitEvent(String type, java.util.function.Predicate<String> condition) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8080/v1/events?cluster=" + CLUSTER
                + "&type=" + type)).header("Authorization", AUTHORIZATION).build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    try (Stream<String> lines = response.body()) {
                        return lines.filter(condition).findFirst().orElseThrow();
                    }
                });
    }

    @Test
    void theSeedsStoryRunsAsRealContainers() throws Exception {
        register("seed", "hello from the sidecar");
        java.util.concurrent.atomic.AtomicReference<String> task = new java.util.concurrent.atomic.AtomicReference<>();
        // Opened before RunTask, so that no report can pass before the stream reads.
        CompletableFuture<String> healthy = awaitEvent("TaskStateReported", line -> task.get() != null
                && line.contains(task.get()) && line.contains("\"healthStatus\":\"HEALTHY\""));

        RunTaskResponse run = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("seed"));
        assertThat(run.failures()).isEmpty();
        String taskArn = run.tasks().get(0).taskArn();
        task.set(taskArn);
        ecs.waiter().waitUntilTasksRunning(r -> r.cluster(CLUSTER).tasks(taskArn));

        Task running = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(taskArn)).tasks().get(0);
        Container server = running.containers().stream().filter(c -> c.name().equals("server")).findFirst()
                .orElseThrow();
        int hostPort = server.networkBindings().get(0).hostPort();
        assertThat(hostPort).isBetween(32768, 60999);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(hostPort),
                body -> body.equals("hello from the sidecar\n"));
        assertThat(healthy.get(60, TimeUnit.SECONDS)).contains("\"lastStatus\":\"RUNNING\"");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER)
                .tasks(taskArn)).tasks().get(0).healthStatusAsString()).isEqualTo("HEALTHY"));

        ecs.stopTask(r -> r.cluster(CLUSTER).task(taskArn).reason("the story ends"));
        ecs.waiter().waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(taskArn));

        Task stopped = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(taskArn)).tasks().get(0);
        assertThat(stopped.stopCode()).isEqualTo(TaskStopCode.USER_INITIATED);
        assertThat(stopped.stoppedReason()).isEqualTo("the story ends");
        assertThat(stopped.containers()).extracting(Container::name, Container::exitCode)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("server", 0),
                        org.assertj.core.groups.Tuple.tuple("sidecar", 0));
        assertThat(logs(taskArn, "server")).contains("server got SIGTERM");
        assertThat(logs(taskArn, "sidecar")).contains("sidecar got SIGTERM");
    }

    @Test
    void aServiceOfThreeRollsToANewRevisionWithinItsBoundsAndReplacesAnUnhealthyTask() throws Exception {
        register("site", "revision one");
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("site").taskDefinition("site").desiredCount(3)
                .deploymentConfiguration(d -> d.minimumHealthyPercent(50).maximumPercent(150)));
        awaitSteady(3);
        String second = register("site", "revision two");

        ecs.updateService(r -> r.cluster(CLUSTER).service("site").taskDefinition(second));
        List<Integer> runningCounts = new ArrayList<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Service service = ecs.describeServices(r -> r.cluster(CLUSTER).services("site")).services().get(0);
            runningCounts.add(service.runningCount());
            return service.deployments().size() == 1 && service.deployments().get(0).taskDefinition().equals(second)
                    && service.runningCount() == 3;
        });

        assertThat(runningCounts).allSatisfy(count -> assertThat(count).isBetween(2, 4));
        List<String> tasks = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("site")).taskArns();
        List<Task> described = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(tasks)).tasks();
        assertThat(described).hasSize(3).allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(second));
        for (Task task : described) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(serverPort(task)),
                    body -> body.equals("revision two\n"));
        }

        // One task's health check starts failing: the service replaces it.
        String sick = described.get(0).taskArn();
        assertThat(get(serverPort(described.get(0)), "/cgi-bin/sick")).isEqualTo("sick\n");
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            Task replaced = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(sick)).tasks().get(0);
            assertThat(replaced.healthStatusAsString()).isEqualTo("UNHEALTHY");
            assertThat(replaced.stoppedReason()).isEqualTo("Task failed container health checks");
            assertThat(replaced.lastStatus()).isEqualTo("STOPPED");
        });
        awaitSteady(3);
        List<String> after = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("site")).taskArns();
        assertThat(after).hasSize(3).doesNotContain(sick);
        assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(after)).tasks())
                .allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(second));

        ecs.updateService(r -> r.cluster(CLUSTER).service("site").desiredCount(0));
        ecs.deleteService(r -> r.cluster(CLUSTER).service("site"));
        ecs.waiter().waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(after));
    }

    /** The waiter's servicesStable, saying what the service and its tasks look like when it is not reached. */
    static void awaitSteady(int running) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Service service = ecs.describeServices(r -> r.cluster(CLUSTER).services("site")).services().get(0);
            List<String> tasks = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("site")).taskArns();
            String seen = service.deployments() + " " + service.events().stream().limit(5).toList() + " "
                    + (tasks.isEmpty() ? "no tasks" : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(tasks)).tasks()
                            .stream().map(t -> t.lastStatus() + " " + t.stoppedReason() + " "
                                    + t.containers().stream().map(c -> c.name() + ":" + c.lastStatus() + ":"
                                            + c.reason()).toList()).toList());
            assertThat(service.deployments()).as(seen).hasSize(1);
            assertThat(service.runningCount()).as(seen).isEqualTo(running);
        });
    }

    @Test
    void awsvpcIsRefusedAtRunTaskOnDockerInstances() {
        ecs.registerTaskDefinition(r -> r.family("eni").networkMode(NetworkMode.AWSVPC).containerDefinitions(
                ContainerDefinition.builder().name("main").image(PodmanService.BUSYBOX).memory(32).build()));

        RunTaskResponse run = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("eni")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678"))));

        assertThat(run.tasks()).isEmpty();
        assertThat(run.failures()).singleElement().satisfies(f -> assertThat(f.reason()).startsWith("ATTRIBUTE"));
    }
}
