package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedRuntimeTest {

    record Sample(String taskArn, double cpu, double memory, Instant start, Instant end) {
    }

    static final Duration START_DELAY = Duration.ofMillis(20);

    final List<List<UtilizationListener.Sample>> rounds = new CopyOnWriteArrayList<>();
    final List<Sample> samples = new CopyOnWriteArrayList<>();
    final SimulatedRuntime runtime = new SimulatedRuntime(
            new SimulatedRuntime.Settings(START_DELAY, Duration.ofMillis(20)),
            round -> {
                rounds.add(round);
                round.forEach(s -> samples.add(new Sample(s.taskArn(), s.cpuPercent(), s.memoryPercent(),
                        s.periodStart(), s.periodEnd())));
            });

    @AfterEach
    void close() {
        runtime.close();
    }

    static TaskSpec labelled(Map<String, String> labels) {
        return Specs.task(Specs.withLabels(Specs.container("app", "serve"), labels), Specs.sidecar("log", "ship"));
    }

    RecordingListener start(TaskSpec spec) {
        RecordingListener listener = new RecordingListener();
        runtime.start(spec, listener);
        return listener;
    }

    List<Sample> samplesOf(TaskSpec spec) {
        return samples.stream().filter(s -> s.taskArn().equals(spec.taskArn())).toList();
    }

    @Test
    void aTaskIsPendingAtOnceAndRunningAfterTheStartDelayWithItsPorts() {
        TaskSpec spec = Specs.task(Specs.withPorts(Specs.container("app", "serve"),
                new PortSpec(80, 8080, "tcp"), new PortSpec(443, 0, "tcp")));

        RecordingListener listener = start(spec);

        assertThat(listener.statuses()).containsExactly("PENDING");
        TaskReport running = listener.awaitStatus("RUNNING");
        assertThat(running.version()).isEqualTo(2);
        assertThat(Duration.between(running.pullStartedAt(), running.startedAt())).isGreaterThanOrEqualTo(START_DELAY);
        List<Binding> bindings = running.container("app").orElseThrow().networkBindings();
        assertThat(bindings.get(0)).isEqualTo(new Binding("0.0.0.0", 80, 8080, "tcp"));
        assertThat(bindings.get(1).hostPort()).isBetween(32768, 60999);
    }

    @Test
    void tasksOnOneInstanceNeverShareAHostPortButOtherInstancesHaveTheirOwn() {
        PortSpec[] ports = {new PortSpec(80, 8080, "tcp"), new PortSpec(81, 0, "tcp"), new PortSpec(82, 0, "tcp")};
        TaskSpec first = Specs.task(Specs.withPorts(Specs.container("app", "x"), ports));
        TaskSpec clash = Specs.task(Specs.withPorts(Specs.container("app", "x"), new PortSpec(80, 8080, "tcp")));
        TaskSpec dynamicOnly = Specs.task(Specs.withPorts(Specs.container("app", "x"), new PortSpec(81, 0, "tcp"),
                new PortSpec(82, 0, "tcp")));
        TaskSpec elsewhere = Specs.onInstance(Specs.INSTANCE + "-2",
                Specs.withPorts(Specs.container("app", "x"), new PortSpec(80, 8080, "tcp")));

        RecordingListener firstListener = start(first);
        firstListener.awaitStatus("RUNNING");
        RecordingListener clashListener = start(clash);
        RecordingListener dynamicListener = start(dynamicOnly);
        RecordingListener elsewhereListener = start(elsewhere);

        TaskReport refused = clashListener.awaitStatus("STOPPED");
        assertThat(clashListener.statuses()).containsExactly("PENDING", "STOPPED");
        assertThat(refused.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(refused.stoppedReason()).isEqualTo("CannotStartContainerError: port 8080 is already in use");
        assertThat(elsewhereListener.awaitStatus("RUNNING").container("app").orElseThrow().networkBindings())
                .extracting(Binding::hostPort).containsExactly(8080);
        List<Integer> hostPorts = new ArrayList<>();
        for (RecordingListener listener : List.of(firstListener, dynamicListener)) {
            listener.awaitStatus("RUNNING").container("app").orElseThrow().networkBindings()
                    .forEach(binding -> hostPorts.add(binding.hostPort()));
        }
        assertThat(hostPorts).hasSize(5).doesNotHaveDuplicates();

        runtime.stop(first.taskArn(), StopCodes.USER_INITIATED, "free the port");
        TaskSpec again = Specs.task(Specs.withPorts(Specs.container("app", "x"), new PortSpec(80, 8080, "tcp")));
        assertThat(start(again).awaitStatus("RUNNING").container("app").orElseThrow().networkBindings())
                .extracting(Binding::hostPort).containsExactly(8080);
    }

    @Test
    void stopEndsTheTaskWithTheGivenCodeAndCleanExitsAndOnlyOnce() {
        TaskSpec spec = labelled(Map.of());
        RecordingListener listener = start(spec);
        listener.awaitStatus("RUNNING");

        runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "Task stopped by user");
        runtime.stop(spec.taskArn(), StopCodes.USER_INITIATED, "again");
        runtime.stop("arn:aws:ecs:us-east-1:000000000000:task/demo/unknown", StopCodes.USER_INITIATED, "nobody");

        assertThat(listener.statuses()).containsExactly("PENDING", "RUNNING", "STOPPED");
        TaskReport stopped = listener.last();
        assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by user");
        assertThat(stopped.containers()).allSatisfy(c -> {
            assertThat(c.lastStatus()).isEqualTo("STOPPED");
            assertThat(c.exitCode()).isZero();
            assertThat(c.reason()).isNull();
        });
    }

    @Test
    void aTaskStoppedWhilePendingNeverRuns() {
        TaskSpec stoppedEarly = labelled(Map.of());
        RecordingListener listener = start(stoppedEarly);

        runtime.stop(stoppedEarly.taskArn(), StopCodes.USER_INITIATED, "changed my mind");

        start(labelled(Map.of())).awaitStatus("RUNNING");
        assertThat(listener.statuses()).containsExactly("PENDING", "STOPPED");
        assertThat(listener.last().containers()).extracting(ContainerReport::exitCode).containsOnlyNulls();
    }

    @Test
    void theExitLabelsMakeTheEssentialContainerExitAndStopTheTask() {
        TaskSpec spec = labelled(Map.of("berth.simulate.run-for", "PT0.1S", "berth.simulate.exit-code", "3"));
        RecordingListener listener = start(spec);

        TaskReport stopped = listener.awaitStatus("STOPPED");

        assertThat(listener.statuses()).containsExactly("PENDING", "RUNNING", "RUNNING", "STOPPED");
        assertThat(listener.reports().get(2).container("app").orElseThrow().exitCode()).isEqualTo(3);
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(3);
        assertThat(stopped.container("log").orElseThrow().exitCode()).isZero();
        assertThat(Duration.between(stopped.startedAt(), stopped.executionStoppedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theFailToStartLabelStopsTheTaskWithoutRunningIt() {
        RecordingListener listener = start(labelled(Map.of("berth.simulate.fail-to-start", "image not found")));

        TaskReport stopped = listener.awaitStatus("STOPPED");

        assertThat(listener.statuses()).containsExactly("PENDING", "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).isEqualTo("CannotStartContainerError: image not found");
        assertThat(stopped.startedAt()).isNull();
    }

    @Test
    void anUnreadableLabelFailsTheStartAndNamesTheLabel() {
        RecordingListener listener = start(labelled(Map.of("berth.simulate.run-for", "a while")));

        assertThat(listener.awaitStatus("STOPPED").stoppedReason())
                .isEqualTo("CannotStartContainerError: invalid value 'a while' for label berth.simulate.run-for");
    }

    @Test
    void runningTasksReportUtilizationEveryIntervalOverContiguousPeriods() {
        TaskSpec spec = labelled(Map.of("berth.simulate.cpu", "42", "berth.simulate.memory", "10-20"));
        RecordingListener listener = start(spec);
        TaskReport running = listener.awaitStatus("RUNNING");

        await().atMost(RecordingListener.PATIENCE).until(() -> samplesOf(spec).size() >= 4);

        List<Sample> taken = samplesOf(spec);
        assertThat(taken).allSatisfy(sample -> {
            assertThat(sample.cpu()).isEqualTo(42);
            assertThat(sample.memory()).isBetween(10.0, 20.0);
            assertThat(sample.end()).isAfter(sample.start());
        });
        assertThat(taken.get(0).start()).isEqualTo(running.startedAt());
        for (int i = 1; i < taken.size(); i++) {
            assertThat(taken.get(i).start()).isEqualTo(taken.get(i - 1).end());
        }
    }

    @Test
    void theRunningTasksAreSampledTogetherOneCallPerRoundEndingAtOneMoment() {
        TaskSpec first = labelled(Map.of());
        TaskSpec second = labelled(Map.of());
        start(first).awaitStatus("RUNNING");
        start(second).awaitStatus("RUNNING");

        await().atMost(RecordingListener.PATIENCE).until(() -> rounds.stream().anyMatch(round -> round.size() == 2));

        List<UtilizationListener.Sample> both = rounds.stream().filter(round -> round.size() == 2).findFirst()
                .orElseThrow();
        assertThat(both).extracting(UtilizationListener.Sample::taskArn)
                .containsExactlyInAnyOrder(first.taskArn(), second.taskArn());
        assertThat(both).extracting(UtilizationListener.Sample::periodEnd).containsOnly(both.get(0).periodEnd());
        assertThat(rounds).allSatisfy(round -> assertThat(round).isNotEmpty());
    }

    @Test
    void aStoppedTaskReportsNoMoreUtilization() {
        TaskSpec stopped = labelled(Map.of());
        start(stopped).awaitStatus("RUNNING");
        await().atMost(RecordingListener.PATIENCE).until(() -> !samplesOf(stopped).isEmpty());
        runtime.stop(stopped.taskArn(), StopCodes.USER_INITIATED, "done");
        int before = samplesOf(stopped).size();

        TaskSpec other = labelled(Map.of());
        start(other).awaitStatus("RUNNING");
        await().atMost(RecordingListener.PATIENCE).until(() -> samplesOf(other).size() >= 3);

        assertThat(samplesOf(stopped)).hasSize(before).allSatisfy(s -> assertThat(s.cpu()).isZero());
    }

    @Test
    void startingARunningTaskAgainIsANoOp() {
        TaskSpec spec = labelled(Map.of());
        RecordingListener first = start(spec);
        RecordingListener second = start(spec);

        first.awaitStatus("RUNNING");

        assertThat(second.reports()).isEmpty();
        assertThat(first.statuses()).containsExactly("PENDING", "RUNNING");
    }

    @Test
    void closingStopsEveryTaskAndRefusesNewOnes() {
        RecordingListener listener = start(labelled(Map.of()));
        listener.awaitStatus("RUNNING");

        runtime.close();

        assertThat(listener.last().lastStatus()).isEqualTo("STOPPED");
        assertThat(listener.last().stopCode()).isEqualTo("TerminationNotice");
        assertThatThrownBy(() -> runtime.start(labelled(Map.of()), new RecordingListener()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsNoLogs() {
        TaskSpec spec = labelled(Map.of());
        start(spec).awaitStatus("RUNNING");

        assertThat(runtime.logs(spec.taskArn(), "app")).isEmpty();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new SimulatedRuntime.Settings(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatedRuntime.Settings(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
