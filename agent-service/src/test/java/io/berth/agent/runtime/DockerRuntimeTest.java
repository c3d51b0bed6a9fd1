package io.berth.agent.runtime;

import static io.berth.agent.runtime.DockerContainers.shell;
import static io.berth.agent.runtime.DockerContainers.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.ContainerDetails.Dependency;
import io.berth.agent.runtime.docker.ContainerState;
import io.berth.agent.runtime.docker.DockerEngine;
import io.berth.testsupport.SharedPodman;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker runtime against a real engine: the test JVM's Podman service ({@link SharedPodman}), real containers
 * of a busybox image made locally.
 */
class DockerRuntimeTest {

    static final Duration PATIENCE = Duration.ofSeconds(40);

    static DockerEngine engine;

    @TempDir
    Path data;

    DockerRuntime runtime;

    @BeforeAll
    static void engine() {
        engine = new DockerEngine(URI.create(SharedPodman.dockerHost()), 64);
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    DockerRuntime runtime() {
        return runtime(RegistryCredentials.NONE);
    }

    DockerRuntime runtime(RegistryCredentials credentials) {
        if (runtime == null) {
            runtime = new DockerRuntime(engine, new DockerRuntime.Settings(data.resolve("output"),
                    data.resolve("efs"), data.resolve("s3"), Duration.ofSeconds(2),
                    List.of(new ContainerDetails.Ulimit("nproc", 4096, 4096))), credentials);
        }
        return runtime;
    }

    RecordingListener start(TaskSpec spec) {
        RecordingListener listener = new RecordingListener();
        runtime().start(spec, listener);
        return listener;
    }

    static TaskReport awaitStatus(RecordingListener listener, String status) {
        await().atMost(PATIENCE).until(() -> listener.statuses().contains(status));
        return listener.reports().stream().filter(r -> r.lastStatus().equals(status)).findFirst().orElseThrow();
    }

    static TaskReport awaitReport(RecordingListener listener, java.util.function.Predicate<TaskReport> condition) {
        await().atMost(PATIENCE).until(() -> listener.reports().stream().anyMatch(condition));
        return listener.reports().stream().filter(condition).findFirst().orElseThrow();
    }

    String logs(TaskSpec spec, String container) {
        return runtime.logs(spec.taskArn(), container).orElse("");
    }

    @Test
    void anEssentialExitStopsTheOthersWithSigtermAndKeepsEveryExitCodeAndOutput() {
        TaskSpec spec = task(shell("app", "echo started; sleep 1; echo failing >&2; exit 3"),
                shell("sidecar", "trap 'echo got TERM; exit 0' TERM; echo waiting; while true; do sleep 0.2; done")
                        .nonEssential());

        RecordingListener listener = start(spec);

        TaskReport running = awaitStatus(listener, "RUNNING");
        assertThat(running.containers()).allSatisfy(c -> assertThat(c.runtimeId()).isNotBlank());
        TaskReport stopped = awaitStatus(listener, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(StopCodes.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(3);
        assertThat(stopped.container("sidecar").orElseThrow().exitCode()).isZero();
        assertThat(logs(spec, "app")).isEqualTo("started\nfailing\n");
        assertThat(logs(spec, "sidecar")).contains("waiting\n", "got TERM\n");
        await().atMost(PATIENCE).until(() -> engine.containersLabelled(ContainerRequests.LABEL_TASK_ARN,
                spec.taskArn()).isEmpty());
    }

    @Test
    void exitsAreHeardThroughTheEnginesEventsStreamEvenOneBeforeTheStartCallReturns() {
        TaskSpec later = task(shell("app", "sleep 1; exit 42"));
        TaskSpec atOnce = task(shell("app", "exit 7"));

        RecordingListener laterListener = start(later);
        RecordingListener atOnceListener = start(atOnce);

        assertThat(awaitStatus(laterListener, "STOPPED").container("app").orElseThrow().exitCode()).isEqualTo(42);
        assertThat(awaitStatus(atOnceListener, "STOPPED").container("app").orElseThrow().exitCode()).isEqualTo(7);
        assertThat(runtime.exits().heardFromStream()).isEqualTo(2);
        assertThat(runtime.exits().foundByInspection()).isZero();
    }

    @Test
    void anExitWhileTheEventsStreamIsDownIsFoundWhenItReconnectsAndReportedOnce() {
        TaskSpec spec = task(shell("app", "sleep 1; exit 9"));
        RecordingListener listener = start(spec);
        String id = awaitStatus(listener, "RUNNING").container("app").orElseThrow().runtimeId();
        ContainerExits exits = runtime.exits();
        long connects = exits.connects();

        exits.drop();
        // Exited longer ago than a reconnect replays (with a margin for the engine's writing of the event): only the
        // inspection at the reconnect can find it.
        await().atMost(PATIENCE).until(() -> finishedAt(id).filter(at -> at.plus(ContainerExits.REPLAY)
                .plusSeconds(3).isBefore(java.time.Instant.now())).isPresent());
        assertThat(listener.statuses()).doesNotContain("STOPPED");
        exits.release();

        TaskReport stopped = awaitStatus(listener, "STOPPED");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(9);
        assertThat(exits.connects()).isGreaterThan(connects);
        assertThat(exits.foundByInspection()).isEqualTo(1);
        assertThat(exits.heardFromStream()).isZero();
        assertThat(listener.statuses().stream().filter("STOPPED"::equals)).hasSize(1);
    }

    /**
     * A runtime opening does not wait for the engine's first event (Podman sends not even its headers before it): the
     * stream's first attempt, with its inspections, has begun when the runtime is there.
     */
    @Test
    void theStreamsFirstAttemptHasBegunWhenTheRuntimeIsThere() {
        assertThat(runtime().exits().connects()).isPositive();
    }

    Optional<java.time.Instant> finishedAt(String id) {
        JsonNode state = engine.inspect(id).path("State");
        String finished = state.path("FinishedAt").asText("");
        if (state.path("Running").asBoolean() || finished.isEmpty() || finished.startsWith("0001-")) {
            return Optional.empty();
        }
        return Optional.of(java.time.OffsetDateTime.parse(finished).toInstant());
    }

    @Test
    void aContainerThatIgnoresSigtermIsKilledAfterItsStopTimeout() {
        TaskSpec spec = task(shell("app", "trap '' TERM; echo up; while true; do sleep 0.2; done").stopTimeout(1));
        RecordingListener listener = start(spec);
        awaitStatus(listener, "RUNNING");

        runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "Task stopped by the test");

        TaskReport stopped = awaitStatus(listener, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(StopCodes.USER_INITIATED);
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by the test");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(137);
    }

    @Test
    void theTaskDefinitionsProgramEnvironmentUserDirectoryAndLimitsReachTheContainer() {
        TaskSpec spec = task(shell("app", "id -u; pwd; echo \"$GREETING\"; echo \"$AWS_REGION\"; ulimit -n;"
                + " (touch /probe) 2>/dev/null && echo writable || echo read-only; exit 0")
                .env("GREETING", "hello there").user("1234").workingDirectory("/tmp").readonlyRootFilesystem()
                .ulimit("nofile", 512, 512).memory(64));

        RecordingListener listener = start(spec);

        TaskReport stopped = awaitStatus(listener, "STOPPED");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isZero();
        assertThat(logs(spec, "app")).isEqualTo("1234\n/tmp\nhello there\nus-east-1\n512\nread-only\n");
    }

    @Test
    void theMemoryLimitIsTheContainersCgroupLimit() {
        TaskSpec spec = task(shell("app", "sleep 30").memory(64));
        RecordingListener listener = start(spec);

        String id = awaitStatus(listener, "RUNNING").container("app").orElseThrow().runtimeId();

        assertThat(engine.inspect(id).path("HostConfig").path("Memory").asLong()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void aDynamicHostPortIsBoundAndReportedAndServes() throws Exception {
        TaskSpec spec = task(shell("web", "mkdir -p /www && echo served > /www/index.html && httpd -f -p 8080 -h /www")
                .port(8080, 0));
        RecordingListener listener = start(spec);

        Binding binding = awaitStatus(listener, "RUNNING").container("web").orElseThrow().networkBindings().get(0);

        assertThat(binding.containerPort()).isEqualTo(8080);
        assertThat(binding.hostPort()).isBetween(HostPortAllocator.FIRST_DYNAMIC_PORT,
                HostPortAllocator.LAST_DYNAMIC_PORT);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + binding.hostPort() + "/index.html")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), body -> body.equals("served\n"));
    }

    @Test
    void networkModeNoneHasOnlyLoopbackAndHostSharesTheHostsNetwork() {
        TaskSpec none = task("none", List.of(), shell("app", "ls /sys/class/net; exit 0"));
        TaskSpec host = task("host", List.of(), shell("app", "ls /sys/class/net; exit 0"));

        RecordingListener noneListener = start(none);
        RecordingListener hostListener = start(host);

        awaitStatus(noneListener, "STOPPED");
        awaitStatus(hostListener, "STOPPED");
        assertThat(logs(none, "app").trim()).isEqualTo("lo");
        assertThat(logs(host, "app").trim().split("\\s+")).hasSizeGreaterThan(1);
    }

    @Test
    void awsvpcIsRefusedOnAPlainEngine() {
        RecordingListener listener = start(task("awsvpc", List.of(), shell("app", "true")));

        TaskReport stopped = awaitStatus(listener, "STOPPED");

        assertThat(stopped.stopCode()).isEqualTo(StopCodes.TASK_FAILED_TO_START);
        assertThat(stopped.stoppedReason()).startsWith("CannotStartContainerError: network mode awsvpc");
    }

    @Test
    void anImageThatCannotBePulledStopsTheTaskWithCannotPullContainerError() {
        RecordingListener listener = start(task(shell("app", "true").image("127.0.0.1:1/berth/missing:1.0")));

        TaskReport stopped = awaitStatus(listener, "STOPPED");

        assertThat(stopped.stopCode()).isEqualTo(StopCodes.TASK_FAILED_TO_START);
        assertThat(stopped.stoppedReason())
                .startsWith("CannotPullContainerError: pull image 127.0.0.1:1/berth/missing");
        assertThat(stopped.container("app").orElseThrow().reason()).startsWith("CannotPullContainerError: ");
    }

    @Test
    void aPullAsksTheCredentialsOfTheImagesRegistry() {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        runtime((registry, task) -> {
            asked.add(registry + " for " + task.taskArn());
            return Optional.of(new RegistryCredentials.Credentials("AWS", "token", registry));
        });
        TaskSpec spec = task(shell("app", "true").image("127.0.0.1:1/berth/private:1.0"));

        awaitStatus(start(spec), "STOPPED");

        assertThat(asked).containsExactly("127.0.0.1:1 for " + spec.taskArn());
    }

    @Test
    void registryCredentialsThatCannotBeHadStopTheTaskWithCannotPullEcrContainerError() {
        runtime((registry, task) -> {
            throw new RegistryCredentials.Unavailable("InvalidParameterException: Berth serves only the caller's own"
                    + " registry (000000000000), not 111122223333");
        });

        TaskReport stopped = awaitStatus(start(task(shell("app", "true")
                .image("111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.0"))), "STOPPED");

        assertThat(stopped.stopCode()).isEqualTo(StopCodes.TASK_FAILED_TO_START);
        assertThat(stopped.stoppedReason()).isEqualTo("CannotPullECRContainerError: InvalidParameterException: Berth"
                + " serves only the caller's own registry (000000000000), not 111122223333");
        assertThat(stopped.container("app").orElseThrow().reason()).startsWith("CannotPullECRContainerError: ");
    }

    @Test
    void anEcrImageIsPulledWhereTheEnginesRegistriesConfSendsEcrHostNamesWithTheCredentials() {
        assertThat(engine.registries().endpointsFor("000000000000.dkr.ecr.us-east-1.amazonaws.com/web"))
                .containsExactly("localhost:8085");
        runtime((registry, task) -> Optional.of(new RegistryCredentials.Credentials("AWS", "token",
                "https://" + registry)));

        TaskReport stopped = awaitStatus(start(task(shell("app", "true")
                .image("000000000000.dkr.ecr.us-east-1.amazonaws.com/berth-test/absent:1.0"))), "STOPPED");

        assertThat(stopped.stoppedReason()).startsWith("CannotPullContainerError: pull image "
                + "000000000000.dkr.ecr.us-east-1.amazonaws.com/berth-test/absent:1.0: ").contains("localhost:8085");
    }

    @Test
    void anImageOfARegistryWithCredentialsRunsFromTheEnginesCopyWhenItsPullFails() throws Exception {
        SharedPodman.get().podman("tag", io.berth.localstack.PodmanService.BUSYBOX, "127.0.0.1:1/berth/cached:1.0");
        runtime((registry, task) -> Optional.of(new RegistryCredentials.Credentials("AWS", "token",
                "https://" + registry)));
        TaskSpec spec = task(shell("app", "echo from the engine").image("127.0.0.1:1/berth/cached:1.0"));

        TaskReport stopped = awaitStatus(start(spec), "STOPPED");

        assertThat(stopped.stopCode()).isEqualTo(StopCodes.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.container("app").orElseThrow().exitCode()).isZero();
        assertThat(logs(spec, "app")).isEqualTo("from the engine\n");
    }

    @Test
    void dependsOnSuccessStartsTheAppAfterItsInitContainerAndCompleteWaitsForAnyExit() {
        VolumeSpec shared = VolumeSpec.task("shared");
        TaskSpec spec = task(TaskSpec.BRIDGE, List.of(shared),
                shell("init", "sleep 1; echo prepared > /data/state; exit 0").nonEssential()
                        .mount("shared", "/data", false),
                shell("audit", "exit 7").nonEssential(),
                shell("app", "cat /data/state; sleep 30").mount("shared", "/data", true)
                        .dependsOn("init", Dependency.SUCCESS).dependsOn("audit", Dependency.COMPLETE));

        RecordingListener listener = start(spec);

        TaskReport running = awaitStatus(listener, "RUNNING");
        assertThat(running.container("init").orElseThrow().exitCode()).isZero();
        assertThat(running.container("audit").orElseThrow().exitCode()).isEqualTo(7);
        await().atMost(PATIENCE).until(() -> logs(spec, "app").equals("prepared\n"));
    }

    @Test
    void aSuccessDependencyThatFailsStopsTheTaskBeforeTheAppStarts() {
        TaskSpec spec = task(shell("init", "exit 2").nonEssential(),
                shell("app", "sleep 30").dependsOn("init", Dependency.SUCCESS));

        TaskReport stopped = awaitStatus(start(spec), "STOPPED");

        assertThat(stopped.stopCode()).isEqualTo(StopCodes.TASK_FAILED_TO_START);
        assertThat(stopped.stoppedReason()).contains("dependency init of container app did not exit successfully");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isNull();
        assertThat(stopped.startedAt()).isNull();
    }

    @Test
    void dependsOnHealthyWaitsForTheHealthCheckAndStartTimeoutGivesUp() {
        TaskSpec healthy = task(shell("db", "sleep 1; touch /tmp/ready; sleep 30").healthCheck("test -f /tmp/ready", 5),
                shell("app", "echo db is ready; sleep 30").dependsOn("db", Dependency.HEALTHY));
        TaskSpec never = task(shell("db", "sleep 30").healthCheck("false", 10).startTimeout(2),
                shell("app", "sleep 30").dependsOn("db", Dependency.HEALTHY));

        RecordingListener healthyListener = start(healthy);
        RecordingListener neverListener = start(never);

        TaskReport running = awaitStatus(healthyListener, "RUNNING");
        assertThat(running.container("db").orElseThrow().healthStatus()).isEqualTo(Health.HEALTHY);
        await().atMost(PATIENCE).until(() -> logs(healthy, "app").equals("db is ready\n"));
        TaskReport gaveUp = awaitStatus(neverListener, "STOPPED");
        assertThat(gaveUp.stoppedReason()).contains("dependency db of container app has timed out");
    }

    @Test
    void healthChecksMakeTheTaskHealthyThenUnhealthy() {
        TaskSpec spec = task(shell("web", "touch /tmp/ok; sleep 3; rm /tmp/ok; sleep 30")
                .healthCheck("test -f /tmp/ok", 2));

        RecordingListener listener = start(spec);

        TaskReport healthy = awaitReport(listener, r -> Health.HEALTHY.equals(r.healthStatus()));
        assertThat(healthy.container("web").orElseThrow().healthStatus()).isEqualTo(Health.HEALTHY);
        TaskReport unhealthy = awaitReport(listener, r -> Health.UNHEALTHY.equals(r.healthStatus()));
        assertThat(unhealthy.lastStatus()).isEqualTo("RUNNING");
        assertThat(unhealthy.container("web").orElseThrow().healthStatus()).isEqualTo(Health.UNHEALTHY);
    }

    @Test
    void aTaskVolumeIsSharedByTheTasksContainersAndRemovedWithTheTask() {
        VolumeSpec scratch = VolumeSpec.task("scratch");
        TaskSpec spec = task(TaskSpec.BRIDGE, List.of(scratch),
                shell("writer", "echo from-writer > /out/file; sleep 30").mount("scratch", "/out", false),
                shell("reader", "while [ ! -f /in/file ]; do sleep 0.1; done; cat /in/file; (echo x > /in/other)"
                        + " 2>/dev/null || echo read-only; sleep 30").mount("scratch", "/in", true));
        RecordingListener listener = start(spec);
        awaitStatus(listener, "RUNNING");
        await().atMost(PATIENCE).until(() -> logs(spec, "reader").equals("from-writer\nread-only\n"));
        String volume = TaskVolumes.engineName(spec, scratch);
        assertThat(engine.volumeExists(volume)).isTrue();

        runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "done");

        awaitStatus(listener, "STOPPED");
        await().atMost(PATIENCE).until(() -> !engine.volumeExists(volume));
    }

    @Test
    void volumesFromMountsTheOtherContainersVolumes() {
        VolumeSpec data = VolumeSpec.task("data");
        TaskSpec spec = task(TaskSpec.BRIDGE, List.of(data),
                shell("owner", "echo owned > /data/file; sleep 30").mount("data", "/data", false),
                shell("guest", "while [ ! -f /data/file ]; do sleep 0.1; done; cat /data/file; sleep 30")
                        .volumesFrom("owner", true));

        RecordingListener listener = start(spec);

        awaitStatus(listener, "RUNNING");
        await().atMost(PATIENCE).until(() -> logs(spec, "guest").equals("owned\n"));
    }

    @Test
    void aHostVolumeIsTheHostsDirectoryAndOutlivesTheTask() throws IOException {
        Path directory = data.resolve("host-volume");
        TaskSpec spec = task(TaskSpec.BRIDGE, List.of(VolumeSpec.host("logs", directory.toString())),
                shell("app", "echo kept > /var/log/app/out; exit 0").mount("logs", "/var/log/app", false));

        awaitStatus(start(spec), "STOPPED");

        assertThat(Files.readString(directory.resolve("out"))).isEqualTo("kept\n");
    }

    @Test
    void dockerVolumesOfScopeTaskGoWithTheTaskAndSharedOnesAreProvisionedAndKept() {
        String sharedName = "berth-shared-" + Long.toHexString(System.nanoTime());
        VolumeSpec taskScoped = new VolumeSpec("cache", VolumeSpec.Kind.DOCKER, null, "task", false, "local",
                Map.of(), Map.of(), null, null);
        VolumeSpec shared = new VolumeSpec(sharedName, VolumeSpec.Kind.DOCKER, null, "shared", true, "local",
                Map.of(), Map.of(), null, null);
        TaskSpec first = task(TaskSpec.BRIDGE, List.of(taskScoped, shared),
                shell("app", "echo first > /shared/note; exit 0").mount("cache", "/cache", false)
                        .mount(sharedName, "/shared", false));
        TaskSpec second = task(TaskSpec.BRIDGE, List.of(shared),
                shell("app", "cat /shared/note; exit 0").mount(sharedName, "/shared", false));

        awaitStatus(start(first), "STOPPED");
        await().atMost(PATIENCE).until(() -> !engine.volumeExists(TaskVolumes.engineName(first, taskScoped)));
        assertThat(engine.volumeExists(sharedName)).isTrue();
        awaitStatus(start(second), "STOPPED");

        assertThat(logs(second, "app")).isEqualTo("first\n");
    }

    @Test
    void aSharedVolumeThatDoesNotExistWithoutAutoprovisionIsRefused() {
        VolumeSpec missing = new VolumeSpec("berth-missing-volume", VolumeSpec.Kind.DOCKER, null, "shared", false,
                "local", Map.of(), Map.of(), null, null);

        TaskReport stopped = awaitStatus(start(task(TaskSpec.BRIDGE, List.of(missing),
                shell("app", "true").mount("berth-missing-volume", "/data", false))), "STOPPED");

        assertThat(stopped.stoppedReason()).isEqualTo("CannotCreateContainerError: volume berth-missing-volume"
                + " does not exist on the instance and autoprovision is false");
    }

    @Test
    void anEfsVolumeIsTheSameDataForTasksOnEveryInstance() {
        VolumeSpec efs = VolumeSpec.efs("shared", "fs-12345678", "/exports/app");
        String otherInstance = Specs.INSTANCE.replace("0123456789abcdef", "fedcba9876543210");
        TaskSpec writer = DockerContainers.task(Specs.INSTANCE, TaskSpec.BRIDGE, List.of(efs),
                shell("app", "echo written-in-az-a > /mnt/efs/data; exit 0").mount("shared", "/mnt/efs", false));
        TaskSpec reader = DockerContainers.task(otherInstance, TaskSpec.BRIDGE, List.of(efs),
                shell("app", "cat /mnt/efs/data; exit 0").mount("shared", "/mnt/efs", false));

        awaitStatus(start(writer), "STOPPED");
        awaitStatus(start(reader), "STOPPED");

        assertThat(logs(reader, "app")).isEqualTo("written-in-az-a\n");
        assertThat(data.resolve("efs/fs-12345678/exports/app/data")).exists();
    }

    @Test
    void environmentFilesComeBeforeTheEnvironment() throws IOException {
        Files.createDirectories(data.resolve("s3/config"));
        Files.writeString(data.resolve("s3/config/app.env"), "# settings\nMODE=file\nLEVEL=debug\n");
        ContainerSpec app = shell("app", "echo $MODE $LEVEL; exit 0").env("MODE", "explicit").build();
        ContainerSpec withFiles = new ContainerSpec(app.name(), app.image(), app.entryPoint(), app.command(),
                app.environment(), true, List.of(), null, null, Map.of(), new ContainerDetails(null, false,
                        List.of(), 0, null, null, null, List.of(), null, List.of(), List.of(),
                        List.of("arn:aws:s3:::config/app.env")));
        TaskSpec spec = TaskSpec.of(Specs.taskArn(), Specs.CLUSTER, Specs.INSTANCE, "web", 1, TaskSpec.BRIDGE,
                List.of(withFiles), List.of(), null);

        awaitStatus(start(spec), "STOPPED");

        assertThat(logs(spec, "app")).isEqualTo("explicit debug\n");
    }

    @Test
    void aRestartedAgentAdoptsItsRunningTaskWithoutStartingAnythingTwice() {
        TaskSpec spec = task(shell("app", "trap 'exit 0' TERM; echo once >> /tmp/starts; while true; do sleep 0.2;"
                + " done").stopTimeout(5),
                shell("sidecar", "trap 'exit 143' TERM; while true; do sleep 0.2; done").nonEssential());
        RecordingListener first = start(spec);
        TaskReport running = awaitStatus(first, "RUNNING");
        String appId = running.container("app").orElseThrow().runtimeId();
        runtime.close();
        runtime = null;

        RecordingListener second = new RecordingListener();
        boolean adopted = runtime().adopt(spec, second, running.version());

        assertThat(adopted).isTrue();
        runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "after the restart");
        TaskReport stopped = awaitStatus(second, "STOPPED");
        assertThat(stopped.version()).isGreaterThan(running.version());
        assertThat(stopped.container("app").orElseThrow().exitCode()).isZero();
        assertThat(stopped.container("app").orElseThrow().runtimeId()).isEqualTo(appId);
        assertThat(stopped.container("sidecar").orElseThrow().exitCode()).isEqualTo(143);
        assertThat(second.statuses()).doesNotContain("PENDING");
        await().atMost(PATIENCE).until(() -> engine.containersLabelled(ContainerRequests.LABEL_TASK_ARN,
                spec.taskArn()).isEmpty());
    }

    /**
     * Podman answers an inspect of a container it is stopping with {@code Running: false} and exit code 0 until the
     * process ends: an agent that restarts in that window adopts the container as still alive and reports the exit
     * code the process really ends with.
     */
    @Test
    void aContainerTheEngineIsStillStoppingWhenTheAgentRestartsIsReportedWithItsRealExitCode() {
        TaskSpec spec = task(shell("app", "trap 'sleep 2; exit 143' TERM; while true; do sleep 0.2; done")
                .stopTimeout(30));
        RecordingListener first = start(spec);
        TaskReport running = awaitStatus(first, "RUNNING");
        String id = running.container("app").orElseThrow().runtimeId();
        runtime.close();
        runtime = null;
        Thread stopper = new Thread(() -> engine.stop(id, 30));
        stopper.start();
        await().atMost(PATIENCE).until(() -> ContainerState.STOPPING.equals(engine.inspect(id).path("State")
                .path("Status").asText()));

        RecordingListener second = new RecordingListener();
        assertThat(runtime().adopt(spec, second, running.version())).isTrue();

        TaskReport stopped = awaitStatus(second, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(StopCodes.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(143);
        await().atMost(PATIENCE).until(() -> !stopper.isAlive());
    }

    @Test
    void anAdoptedTaskWhoseEssentialContainerExitedMeanwhileIsReportedStopped() {
        TaskSpec spec = task(shell("app", "sleep 2; exit 5"));
        RecordingListener first = start(spec);
        TaskReport running = awaitStatus(first, "RUNNING");
        String id = running.container("app").orElseThrow().runtimeId();
        runtime.close();
        runtime = null;
        await().atMost(PATIENCE).until(() -> !engine.inspect(id).path("State").path("Running").asBoolean());

        RecordingListener second = new RecordingListener();
        assertThat(runtime().adopt(spec, second, running.version())).isTrue();

        TaskReport stopped = awaitStatus(second, "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo(StopCodes.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(5);
    }

    @Test
    void containersOfTasksTheRestartedAgentNoLongerKnowsAreRemoved() {
        String instance = Specs.INSTANCE.replace("0123456789abcdef", "0000000000000bad");
        TaskSpec forgotten = DockerContainers.task(instance, TaskSpec.BRIDGE, List.of(), shell("app", "sleep 60"));
        TaskSpec kept = DockerContainers.task(instance, TaskSpec.BRIDGE, List.of(), shell("app", "sleep 60"));
        awaitStatus(start(forgotten), "RUNNING");
        awaitStatus(start(kept), "RUNNING");
        runtime.close();
        runtime = null;

        int removed = runtime().removeOrphans(instance, java.util.Set.of(kept.taskArn()));

        assertThat(removed).isEqualTo(1);
        assertThat(engine.containersLabelled(ContainerRequests.LABEL_TASK_ARN, forgotten.taskArn())).isEmpty();
        assertThat(engine.containersLabelled(ContainerRequests.LABEL_TASK_ARN, kept.taskArn())).hasSize(1);
        assertThat(runtime.adopt(kept, new RecordingListener(), 2)).isTrue();
    }

    @Test
    void aTaskWithNoContainersOnTheEngineIsNotAdopted() {
        assertThat(runtime().adopt(task(shell("app", "true")), new RecordingListener(), 1)).isFalse();
    }

    @Test
    void containersCarryTheEcsAgentsLabelsAndNames() {
        TaskSpec spec = task(shell("app", "sleep 30"));
        RecordingListener listener = start(spec);
        String id = awaitStatus(listener, "RUNNING").container("app").orElseThrow().runtimeId();

        JsonNode container = engine.inspect(id);

        assertThat(container.path("Name").asText()).isIn("ecs-web-3-app-" + spec.taskId(),
                "/ecs-web-3-app-" + spec.taskId());
        JsonNode labels = container.path("Config").path("Labels");
        assertThat(labels.path("com.amazonaws.ecs.task-arn").asText()).isEqualTo(spec.taskArn());
        assertThat(labels.path("com.amazonaws.ecs.container-name").asText()).isEqualTo("app");
        assertThat(labels.path("com.amazonaws.ecs.cluster").asText()).isEqualTo(Specs.CLUSTER);
        assertThat(labels.path("com.amazonaws.ecs.task-definition-family").asText()).isEqualTo("web");
        assertThat(labels.path("com.amazonaws.ecs.task-definition-version").asText()).isEqualTo("3");
    }
}
