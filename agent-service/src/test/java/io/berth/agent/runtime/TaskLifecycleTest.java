package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TaskLifecycleTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Binding HTTP = new Binding("0.0.0.0", 80, 32768, "tcp");

    /** Each reading is one second after the previous one. */
    static final class SteppingClock extends Clock {
        private Instant next = T0;

        @Override
        public synchronized Instant instant() {
            Instant now = next;
            next = next.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    final RecordingListener listener = new RecordingListener();
    final TaskSpec spec = Specs.task(Specs.container("app", "serve"), Specs.sidecar("log", "ship"));
    final TaskLifecycle lifecycle = new TaskLifecycle(spec, listener, new SteppingClock());

    @Test
    void reportsNothingUntilPendingThenVersionOnePending() {
        assertThat(listener.reports()).isEmpty();
        assertThat(lifecycle.current()).isNull();

        assertThat(lifecycle.pending()).isTrue();

        TaskReport report = listener.last();
        assertThat(report.version()).isEqualTo(1);
        assertThat(report.lastStatus()).isEqualTo("PENDING");
        assertThat(report.taskArn()).isEqualTo(spec.taskArn());
        assertThat(report.containers()).extracting(ContainerReport::name, ContainerReport::lastStatus)
                .containsExactly(tuple("app", "PENDING"),
                        tuple("log", "PENDING"));
        assertThat(report.pullStartedAt()).isEqualTo(T0);
        assertThat(report.startedAt()).isNull();
        assertThat(lifecycle.current()).isEqualTo(report);
        assertThat(lifecycle.pending()).isFalse();
        assertThat(listener.reports()).hasSize(1);
    }

    @Test
    void runningGivesEveryContainerItsBindingsAndIsReportedOnce() {
        lifecycle.pending();

        assertThat(lifecycle.running(Map.of("app", List.of(HTTP)))).isTrue();
        assertThat(lifecycle.running(Map.of())).isFalse();

        assertThat(listener.statuses()).containsExactly("PENDING", "RUNNING");
        TaskReport running = listener.last();
        assertThat(running.version()).isEqualTo(2);
        assertThat(running.container("app").orElseThrow())
                .isEqualTo(new ContainerReport("app", "RUNNING", null, null, List.of(HTTP)));
        assertThat(running.container("log").orElseThrow().networkBindings()).isEmpty();
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(running.pullStoppedAt()).isEqualTo(running.startedAt());
    }

    @Test
    void aContainerThatStopsLeavesTheTaskRunningAndStopsOnlyOnce() {
        lifecycle.pending();
        lifecycle.running(Map.of("app", List.of(HTTP)));

        assertThat(lifecycle.containerStopped("log", 4, "done")).isTrue();
        assertThat(lifecycle.containerStopped("log", 9, "again")).isFalse();

        TaskReport report = listener.last();
        assertThat(report.version()).isEqualTo(3);
        assertThat(report.lastStatus()).isEqualTo("RUNNING");
        assertThat(report.container("log").orElseThrow())
                .isEqualTo(new ContainerReport("log", "STOPPED", 4, "done", List.of()));
        assertThat(report.container("app").orElseThrow().lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    void stoppingKeepsExitCodesAlreadyReportedAndNeverGoesBack() {
        lifecycle.pending();
        lifecycle.running(Map.of("app", List.of(HTTP)));
        lifecycle.containerStopped("app", 3, null);

        assertThat(lifecycle.stopped(StopCodes.ESSENTIAL_CONTAINER_EXITED, "Essential container in task exited", 0))
                .isTrue();

        TaskReport stopped = listener.last();
        assertThat(stopped.version()).isEqualTo(4);
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.container("app").orElseThrow().exitCode()).isEqualTo(3);
        assertThat(stopped.container("log").orElseThrow())
                .isEqualTo(new ContainerReport("log", "STOPPED", 0, null, List.of()));
        assertThat(stopped.executionStoppedAt()).isAfter(stopped.startedAt());

        assertThat(lifecycle.running(Map.of())).isFalse();
        assertThat(lifecycle.containerStopped("log", 1, null)).isFalse();
        assertThat(lifecycle.stopped(StopCodes.USER_INITIATED, "later", 0)).isFalse();
        assertThat(lifecycle.failedToStart("later")).isFalse();
        assertThat(lifecycle.isStopped()).isTrue();
        assertThat(listener.reports()).hasSize(4);
        assertThat(lifecycle.current()).isEqualTo(stopped);
    }

    @Test
    void stoppingWhilePendingStopsContainersWithoutExitCodes() {
        lifecycle.pending();

        lifecycle.stopped(StopCodes.USER_INITIATED, "Task stopped by user", 0);

        TaskReport stopped = listener.last();
        assertThat(listener.statuses()).containsExactly("PENDING", "STOPPED");
        assertThat(stopped.containers()).allSatisfy(c -> {
            assertThat(c.lastStatus()).isEqualTo("STOPPED");
            assertThat(c.exitCode()).isNull();
        });
        assertThat(stopped.startedAt()).isNull();
        assertThat(stopped.pullStoppedAt()).isEqualTo(stopped.executionStoppedAt());
    }

    @Test
    void aTaskThatFailsToStartGoesFromPendingToStoppedWithTheReasonOnEveryContainer() {
        lifecycle.pending();

        assertThat(lifecycle.failedToStart("CannotStartContainerError: boom")).isTrue();

        TaskReport stopped = listener.last();
        assertThat(listener.statuses()).containsExactly("PENDING", "STOPPED");
        assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).isEqualTo("CannotStartContainerError: boom");
        assertThat(stopped.containers()).extracting(ContainerReport::reason)
                .containsOnly("CannotStartContainerError: boom");
        assertThat(lifecycle.running(Map.of())).isFalse();
    }

    @Test
    void aRunningTaskCannotFailToStart() {
        lifecycle.pending();
        lifecycle.running(Map.of());

        assertThat(lifecycle.failedToStart("late")).isFalse();

        assertThat(listener.statuses()).containsExactly("PENDING", "RUNNING");
    }

    @Test
    void aTransitionBeforePendingIsTheFirstReportAndPendingIsThenSkipped() {
        lifecycle.stopped(StopCodes.USER_INITIATED, "early", null);

        assertThat(lifecycle.pending()).isFalse();
        assertThat(listener.reports()).extracting(TaskReport::version, TaskReport::lastStatus)
                .containsExactly(tuple(1L, "STOPPED"));
    }

    @Test
    void anUnknownContainerIsABug() {
        lifecycle.pending();

        assertThatThrownBy(() -> lifecycle.containerStopped("nope", 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void aFailingListenerDoesNotStopTheStateMachine() {
        List<Long> seen = new ArrayList<>();
        TaskLifecycle failing = new TaskLifecycle(spec, report -> {
            seen.add(report.version());
            throw new IllegalStateException("listener down");
        }, new SteppingClock());

        failing.pending();
        failing.running(Map.of());

        assertThat(seen).containsExactly(1L, 2L);
        assertThat(failing.current().lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    void concurrentTransitionsAreDeliveredInVersionOrderWithoutGapsOrDuplicates() throws Exception {
        List<ContainerSpec> containers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            containers.add(i == 0 ? Specs.container("c" + i, "x") : Specs.sidecar("c" + i, "x"));
        }
        TaskSpec wide = TaskSpec.of(Specs.taskArn(), Specs.CLUSTER, Specs.INSTANCE, "wide", containers);
        RecordingListener recorder = new RecordingListener();
        TaskLifecycle shared = new TaskLifecycle(wide, recorder, Clock.systemUTC());
        shared.pending();
        shared.running(Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int round = 0; round < 2; round++) {
                for (ContainerSpec container : containers) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return shared.containerStopped(container.name(), 0, null);
                    }));
                }
            }
            go.countDown();
            int transitions = 0;
            for (Future<Boolean> result : results) {
                transitions += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(transitions).isEqualTo(32);
        } finally {
            pool.shutdownNow();
        }

        assertThat(recorder.reports()).extracting(TaskReport::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 34).boxed().toList());
        assertThat(recorder.last().containers()).extracting(ContainerReport::lastStatus).containsOnly("STOPPED");
    }
}
