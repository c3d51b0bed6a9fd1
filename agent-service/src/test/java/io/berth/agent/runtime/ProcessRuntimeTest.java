package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes through /bin/sh; Linux only. */
class ProcessRuntimeTest {

    static final Duration SHORT_STOP_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path base;

    ProcessRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    RecordingListener start(Duration defaultStopTimeout, TaskSpec spec) {
        if (runtime == null) {
            runtime = new ProcessRuntime(new ProcessRuntime.Settings(base, defaultStopTimeout));
        }
        RecordingListener listener = new RecordingListener();
        runtime.start(spec, listener);
        return listener;
    }

    RecordingListener start(TaskSpec spec) {
        return start(SHORT_STOP_TIMEOUT, spec);
    }

    static String taskId(TaskSpec spec) {
        return spec.taskArn().substring(spec.taskArn().lastIndexOf('/') + 1);
    }

    static ContainerSpec shell(String name, boolean essential, String script) {
        return new ContainerSpec(name, "busybox", List.of("/bin/sh", "-c"), List.of(script), Map.of(), essential,
                List.of(), null, null, Map.of());
    }

    String awaitLogs(TaskSpec spec, String container, String fragment) {
        await().atMost(RecordingListener.PATIENCE)
                .until(() -> runtime.logs(spec.taskArn(), container).orElse("").contains(fragment));
        return runtime.logs(spec.taskArn(), container).orElseThrow();
    }

    @Test
    void anEssentialContainerThatExitsStopsTheTaskWithItsExitCodeAndKeepsItsOutput() throws IOException {
        TaskSpec spec = Specs.task(shell("app", true, "echo hello; echo oops >&2; exit 3"));

        RecordingListener listener = start(spec);

        TaskReport stopped = listener.awaitStatus("STOPPED");
        assertThat(listener.statuses()).containsExactly("PENDING", "RUNNING", "RUNNING", "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(3);
        assertThat(runtime.logs(spec.taskArn(), "app")).contains("hello\noops\n");
        Path directory = base.resolve(taskId(spec)).resolve("app");
        assertThat(Files.readString(directory.resolve("stdout.log"))).isEqualTo("hello\n");
        assertThat(Files.readString(directory.resolve("stderr.log"))).isEqualTo("oops\n");
    }

    /** A busy loop uses a whole CPU: four times a quarter-vCPU task's size; a sleeping task next to it uses none. */
    @Test
    void runningTasksReportTheirProcessesUtilizationOfTheTaskSize() {
        List<Object[]> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
        runtime = new ProcessRuntime(new ProcessRuntime.Settings(base, SHORT_STOP_TIMEOUT), ContainerLogs.NONE,
                TaskEndpoints.NONE, new ProcessRuntime.Sampling(round -> round.forEach(s -> samples.add(
                        new Object[] {s.taskArn(), s.cpuPercent(), s.memoryPercent(), s.periodStart(), s.periodEnd()})),
                        Duration.ofMillis(250)));
        TaskSpec busy = Specs.task(shell("app", true, "while :; do :; done")).withSize(256, 512);
        TaskSpec idle = Specs.task(Specs.container("app", "sleep", "60")).withSize(256, 512);
        TaskSpec unsized = Specs.task(Specs.container("app", "sleep", "60"));
        RecordingListener busyListener = new RecordingListener();
        runtime.start(busy, busyListener);
        runtime.start(idle, new RecordingListener());
        runtime.start(unsized, new RecordingListener());
        busyListener.awaitStatus("RUNNING");

        await().atMost(RecordingListener.PATIENCE).until(() -> samples.stream().filter(s -> s[0].equals(
                busy.taskArn())).count() >= 3 && samples.stream().anyMatch(s -> s[0].equals(idle.taskArn())));
        runtime.stop(busy.taskArn(), StopCodes.USER_INITIATED, "done");

        List<Object[]> ofBusy = samples.stream().filter(s -> s[0].equals(busy.taskArn())).toList();
        assertThat(ofBusy.stream().mapToDouble(s -> (double) s[1]).max().orElseThrow()).isGreaterThan(150);
        assertThat(ofBusy).allSatisfy(s -> assertThat((double) s[2]).isBetween(0.0, 100.0));
        for (int i = 1; i < ofBusy.size(); i++) {
            assertThat(ofBusy.get(i)[3]).as("contiguous periods").isEqualTo(ofBusy.get(i - 1)[4]);
        }
        assertThat(samples.stream().filter(s -> s[0].equals(idle.taskArn())).mapToDouble(s -> (double) s[1]).max()
                .orElseThrow()).isLessThan(25);
        assertThat(samples).noneMatch(s -> s[0].equals(unsized.taskArn()));
    }

    @Test
    void stopSendsSigtermAndReportsTheSignalExitCode() {
        TaskSpec spec = Specs.task(Specs.container("app", "sleep", "60"));
        RecordingListener listener = start(ProcessRuntime.Settings.ECS_DEFAULT_STOP_TIMEOUT, spec);
        listener.awaitStatus("RUNNING");

        runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "Task stopped by user");
        runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "twice");

        TaskReport stopped = listener.awaitStatus("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by user");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(143);
        assertThat(Duration.between(stopped.startedAt(), stopped.executionStoppedAt()))
                .isLessThan(ProcessRuntime.Settings.ECS_DEFAULT_STOP_TIMEOUT);
        assertThat(listener.statuses()).containsExactly("PENDING", "RUNNING", "RUNNING", "STOPPED");
    }

    @Test
    void aProcessTreeIgnoringSigtermIsKilledAfterTheStopTimeout() {
        TaskSpec spec = Specs.task(shell("app", true, "trap '' TERM; sleep 60 & echo $!; wait"));
        RecordingListener listener = start(spec);
        listener.awaitStatus("RUNNING");
        long child = Long.parseLong(awaitLogs(spec, "app", "\n").strip());
        assertThat(ProcessHandle.of(child)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        Instant stopAsked = Instant.now();
        runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "stop");

        TaskReport stopped = listener.awaitStatus("STOPPED");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(137);
        assertThat(Duration.between(stopAsked, stopped.executionStoppedAt()))
                .isGreaterThanOrEqualTo(SHORT_STOP_TIMEOUT.minusMillis(50));
        await().atMost(RecordingListener.PATIENCE)
                .until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) == false);
    }

    @Test
    void processesGetTheirPortsTheirVariablesAndNotTheAgentsEnvironment() throws IOException {
        int staticPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            staticPort = probe.getLocalPort();
        }
        ContainerSpec app = new ContainerSpec("app", "busybox", List.of("/bin/sh", "-c"),
                List.of("echo \"$PORT_8080 $PORT_9090 $PORT $BERTH_TASK_ARN $BERTH_CONTAINER_NAME $GREETING"
                        + " ${HOME-nohome} $PWD\"; sleep 60"),
                Map.of("GREETING", "hi", "BERTH_CONTAINER_NAME", "spoofed"), true,
                List.of(new PortSpec(8080, 0, "tcp"), new PortSpec(9090, staticPort, "tcp")), null, "/srv/app",
                Map.of());
        TaskSpec spec = Specs.task(app);

        RecordingListener listener = start(spec);

        List<Binding> bindings = listener.awaitStatus("RUNNING").container("app").orElseThrow().networkBindings();
        int dynamicPort = bindings.get(0).hostPort();
        assertThat(dynamicPort).isBetween(32768, 60999);
        assertThat(bindings.get(1)).isEqualTo(new Binding("0.0.0.0", 9090, staticPort, "tcp"));
        Path workingDirectory = base.resolve(taskId(spec)).resolve("app/srv/app");
        assertThat(awaitLogs(spec, "app", "\n")).isEqualTo(dynamicPort + " " + staticPort + " " + dynamicPort + " "
                + spec.taskArn() + " app hi nohome " + workingDirectory + "\n");
    }

    @Test
    void aStaticPortAlreadyBoundFailsTheStart() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            TaskSpec spec = Specs.task(Specs.withPorts(Specs.container("app", "sleep", "60"),
                    new PortSpec(80, port, "tcp")));

            RecordingListener listener = start(spec);

            TaskReport stopped = listener.awaitStatus("STOPPED");
            assertThat(listener.statuses()).containsExactly("PENDING", "STOPPED");
            assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
            assertThat(stopped.stoppedReason()).isEqualTo("CannotStartContainerError: port " + port
                    + " is already in use");
            assertThat(runtime.logs(spec.taskArn(), "app")).isEmpty();
        }
    }

    @Test
    void aStaticPortOfARunningTaskIsNotGivenToAnotherUntilItStops() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        TaskSpec first = Specs.task(Specs.withPorts(Specs.container("app", "sleep", "60"),
                new PortSpec(80, port, "tcp")));
        TaskSpec second = Specs.task(Specs.withPorts(Specs.container("app", "sleep", "60"),
                new PortSpec(80, port, "tcp")));
        RecordingListener firstListener = start(first);
        firstListener.awaitStatus("RUNNING");

        TaskReport refused = start(second).awaitStatus("STOPPED");

        assertThat(refused.stoppedReason()).isEqualTo("CannotStartContainerError: port " + port
                + " is already in use");
        runtime.stop(first.taskArn(), StopCodes.USER_INITIATED, "free the port");
        firstListener.awaitStatus("STOPPED");
        TaskSpec third = Specs.task(Specs.withPorts(Specs.container("app", "sleep", "60"),
                new PortSpec(80, port, "tcp")));
        assertThat(start(third).awaitStatus("RUNNING").container("app").orElseThrow().networkBindings())
                .extracting(Binding::hostPort).containsExactly(port);
    }

    @Test
    void aContainerWithoutCommandFailsTheStart() {
        ContainerSpec nothing = new ContainerSpec("app", "busybox", List.of(), List.of(), Map.of(), true, List.of(),
                null, null, Map.of());

        RecordingListener listener = start(Specs.task(nothing));

        TaskReport stopped = listener.awaitStatus("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).isEqualTo("CannotStartContainerError: container app has no command");
    }

    @Test
    void aProgramThatCannotBeRunFailsTheStartAndStopsTheContainersAlreadyStarted() {
        TaskSpec spec = Specs.task(shell("first", true, "echo $$; sleep 60"),
                Specs.container("second", "/nonexistent/program"));

        RecordingListener listener = start(spec);

        TaskReport stopped = listener.awaitStatus("STOPPED");
        assertThat(listener.statuses()).containsExactly("PENDING", "STOPPED");
        assertThat(stopped.stoppedReason()).startsWith("CannotStartContainerError: Cannot run program");
        long first = Long.parseLong(awaitLogs(spec, "first", "\n").strip());
        await().atMost(RecordingListener.PATIENCE)
                .until(() -> ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false) == false);
    }

    @Test
    void aWorkingDirectoryMayNotLeaveTheContainer() {
        ContainerSpec escaping = new ContainerSpec("app", "busybox", List.of(), List.of("pwd"), Map.of(), true,
                List.of(), null, "../../..", Map.of());

        TaskReport stopped = start(Specs.task(escaping)).awaitStatus("STOPPED");

        assertThat(stopped.stoppedReason()).isEqualTo(
                "CannotStartContainerError: working directory ../../.. is outside the container");
    }

    @Test
    void aNonEssentialContainerThatExitsOnlyStopsItself() {
        TaskSpec spec = Specs.task(Specs.container("app", "sleep", "60"), shell("init", false, "exit 4"));
        RecordingListener listener = start(spec);
        listener.awaitStatus("RUNNING");
        await().atMost(RecordingListener.PATIENCE).until(() -> listener.reports().size() == 3);

        TaskReport afterExit = listener.last();
        assertThat(afterExit.lastStatus()).isEqualTo("RUNNING");
        assertThat(afterExit.container("init").orElseThrow().exitCode()).isEqualTo(4);
        assertThat(afterExit.container("app").orElseThrow().lastStatus()).isEqualTo("RUNNING");

        runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "done");
        TaskReport stopped = listener.awaitStatus("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(143);
        assertThat(stopped.container("init").orElseThrow().exitCode()).isEqualTo(4);
    }

    @Test
    void anEssentialExitStopsTheOtherContainers() {
        TaskSpec spec = Specs.task(Specs.container("sidecar-first", "sleep", "60"), shell("app", true, "exit 3"));
        RecordingListener listener = start(spec);

        TaskReport stopped = listener.awaitStatus("STOPPED");

        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(3);
        assertThat(stopped.container("sidecar-first").orElseThrow().exitCode()).isEqualTo(143);
    }

    @Test
    void aTaskStoppedWhilePendingIsNeverLaunched() {
        TaskSpec spec = Specs.task(shell("app", true, "echo started; sleep 60"));
        runtime = new ProcessRuntime(new ProcessRuntime.Settings(base, SHORT_STOP_TIMEOUT));
        RecordingListener listener = new RecordingListener();

        runtime.start(spec, report -> {
            listener.onStateChange(report);
            if (report.lastStatus().equals("PENDING")) {
                runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "before launch");
            }
        });
        start(Specs.task(Specs.container("later", "true"))).awaitStatus("STOPPED");

        assertThat(listener.statuses()).containsExactly("PENDING", "STOPPED");
        assertThat(listener.last().stoppedReason()).isEqualTo("before launch");
        assertThat(listener.last().container("app").orElseThrow().exitCode()).isNull();
        assertThat(runtime.logs(spec.taskArn(), "app")).isEmpty();
    }

    @Test
    void logsOfUnknownTasksAndUnsafeNamesAreEmpty() {
        runtime = new ProcessRuntime(new ProcessRuntime.Settings(base));

        assertThat(runtime.logs("arn:aws:ecs:us-east-1:000000000000:task/demo/nope", "app")).isEmpty();
        assertThat(runtime.logs("arn:aws:ecs:us-east-1:000000000000:task/demo/..", "app")).isEmpty();
        assertThat(runtime.logs("arn:aws:ecs:us-east-1:000000000000:task/demo/x", "../x")).isEmpty();
        assertThat(runtime.logs("arn:aws:ecs:us-east-1:000000000000:task/demo/", "app")).isEmpty();
    }

    @Test
    void closingStopsRunningProcessesAndWaitsForThem() {
        TaskSpec spec = Specs.task(Specs.container("app", "sleep", "60"));
        RecordingListener listener = start(spec);
        listener.awaitStatus("RUNNING");

        runtime.close();

        assertThat(listener.last().lastStatus()).isEqualTo("STOPPED");
        assertThat(listener.last().stopCode()).isEqualTo("TerminationNotice");
        assertThat(listener.last().container("app").orElseThrow().exitCode()).isEqualTo(143);
        assertThatThrownBy(() -> runtime.start(Specs.task(Specs.container("app", "true")), new RecordingListener()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void volumesAreDirectoriesTheContainersFindFromTheirWorkingDirectoryAndInTheirEnvironment() throws IOException {
        ContainerSpec writer = DockerContainers.shell("writer", "echo shared > ../../data/note;"
                + " echo $BERTH_VOLUME_SCRATCH; echo efs > $BERTH_VOLUME_FILES/efs-note").workingDirectory("/srv/app")
                .mount("scratch", "/data", false).mount("files", "/mnt/files", false).nonEssential().build();
        ContainerSpec reader = DockerContainers.shell("reader", "while [ ! -f data/note ]; do sleep 0.05; done;"
                + " cat data/note").volumesFrom("writer", true).build();
        TaskSpec spec = TaskSpec.of(Specs.taskArn(), Specs.CLUSTER, Specs.INSTANCE, "web", 1, TaskSpec.BRIDGE,
                List.of(writer, reader), List.of(VolumeSpec.task("scratch"), VolumeSpec.efs("files", "fs-1", "/app")),
                null);

        start(spec).awaitStatus("STOPPED");

        Path scratch = base.resolve(taskId(spec)).resolve("volumes/scratch");
        assertThat(awaitLogs(spec, "writer", "\n")).isEqualTo(scratch + "\n");
        assertThat(awaitLogs(spec, "reader", "shared")).isEqualTo("shared\n");
        assertThat(Files.readString(base.resolve("efs/fs-1/app/efs-note"))).isEqualTo("efs\n");
    }

    @Test
    void settingsDefaultToTheEcsStopTimeout() {
        assertThat(new ProcessRuntime.Settings(base).defaultStopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> new ProcessRuntime.Settings(base, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
