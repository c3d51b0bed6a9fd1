package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.runtime.ContainerDetails.Dependency;
import io.berth.agent.runtime.StartOrder.Observed;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartOrderTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    static ContainerSpec container(String name, boolean essential, Integer startTimeout, Dependency... dependsOn) {
        return new ContainerSpec(name, "busybox", List.of(), List.of("true"), Map.of(), essential, List.of(), null,
                null, Map.of(), new ContainerDetails(null, false, List.of(), 0, null, null, null, List.of(dependsOn),
                        startTimeout, List.of(), List.of(), List.of()));
    }

    static TaskSpec task(ContainerSpec... containers) {
        return TaskSpec.of(Specs.taskArn(), Specs.CLUSTER, Specs.INSTANCE, "f", 1, TaskSpec.BRIDGE,
                List.of(containers), List.of(), null);
    }

    static Observed running(Instant since) {
        return new Observed(since, false, null, null);
    }

    static Observed exited(int code) {
        return new Observed(T0, true, code, null);
    }

    StartOrder.Verdict verdict(TaskSpec task, String target, Map<String, Observed> observed, Instant now) {
        return StartOrder.verdict(task, task.container(target), observed, now);
    }

    @Test
    void aContainerWithoutDependenciesIsReadyAtOnce() {
        TaskSpec task = task(container("app", true, null));

        assertThat(verdict(task, "app", Map.of(), T0)).isInstanceOf(StartOrder.Ready.class);
    }

    @Test
    void startWaitsForTheDependencyToStart() {
        TaskSpec task = task(container("proxy", false, null), container("app", true, null,
                new Dependency("proxy", Dependency.START)));

        assertThat(verdict(task, "app", Map.of(), T0)).isInstanceOf(StartOrder.Waiting.class);
        assertThat(verdict(task, "app", Map.of("proxy", running(T0)), T0)).isInstanceOf(StartOrder.Ready.class);
    }

    @Test
    void completeWaitsForAnyExitAndSuccessForExitCodeZero() {
        TaskSpec task = task(container("init", false, null), container("app", true, null,
                new Dependency("init", Dependency.COMPLETE)), container("worker", true, null,
                new Dependency("init", Dependency.SUCCESS)));

        assertThat(verdict(task, "app", Map.of("init", running(T0)), T0)).isInstanceOf(StartOrder.Waiting.class);
        assertThat(verdict(task, "app", Map.of("init", exited(1)), T0)).isInstanceOf(StartOrder.Ready.class);
        assertThat(verdict(task, "worker", Map.of("init", exited(0)), T0)).isInstanceOf(StartOrder.Ready.class);
        assertThat(verdict(task, "worker", Map.of("init", exited(1)), T0)).isEqualTo(new StartOrder.Failed(
                "dependency init of container worker did not exit successfully (exit code 1)"));
    }

    @Test
    void healthyWaitsForTheHealthCheckAndFailsIfTheDependencyExitsFirst() {
        TaskSpec task = task(container("db", true, null), container("app", true, null,
                new Dependency("db", Dependency.HEALTHY)));

        assertThat(verdict(task, "app", Map.of("db", new Observed(T0, false, null, Health.UNKNOWN)), T0))
                .isInstanceOf(StartOrder.Waiting.class);
        assertThat(verdict(task, "app", Map.of("db", new Observed(T0, false, null, Health.HEALTHY)), T0))
                .isInstanceOf(StartOrder.Ready.class);
        assertThat(verdict(task, "app", Map.of("db", exited(0)), T0))
                .isEqualTo(new StartOrder.Failed("dependency db of container app exited before it was healthy"));
    }

    @Test
    void theDependencysStartTimeoutBoundsTheWait() {
        TaskSpec task = task(container("db", true, 10), container("app", true, null,
                new Dependency("db", Dependency.HEALTHY)));
        Map<String, Observed> observed = Map.of("db", running(T0));

        assertThat(verdict(task, "app", observed, T0.plusSeconds(9))).isInstanceOf(StartOrder.Waiting.class);
        assertThat(StartOrder.nextDeadline(task, observed)).isEqualTo(T0.plusSeconds(10));
        assertThat(verdict(task, "app", observed, T0.plusSeconds(10)))
                .isEqualTo(new StartOrder.Failed("dependency db of container app has timed out"));
    }

    @Test
    void aDependencyThatExitedWithoutStartingWillNeverStart() {
        TaskSpec task = task(container("init", false, null), container("app", true, null,
                new Dependency("init", Dependency.START)));

        assertThat(verdict(task, "app", Map.of("init", new Observed(null, true, null, null)), T0))
                .isEqualTo(new StartOrder.Failed("dependency init of container app will never start"));
    }

    @Test
    void volumesFromImpliesAStartDependency() {
        ContainerSpec source = container("data", false, null);
        ContainerSpec guest = new ContainerSpec("app", "busybox", List.of(), List.of("true"), Map.of(), true,
                List.of(), null, null, Map.of(), new ContainerDetails(null, false, List.of(), 0, null, null, null,
                        List.of(), null, List.of(), List.of(new ContainerDetails.VolumeFrom("data", true)),
                        List.of()));
        TaskSpec task = task(source, guest);

        assertThat(verdict(task, "app", Map.of(), T0)).isInstanceOf(StartOrder.Waiting.class);
        assertThat(verdict(task, "app", Map.of("data", running(T0)), T0)).isInstanceOf(StartOrder.Ready.class);
    }

    @Test
    void dependentsStopBeforeWhatTheyDependOn() {
        TaskSpec task = task(container("db", true, null), container("cache", true, null),
                container("app", true, null, new Dependency("db", Dependency.START),
                        new Dependency("cache", Dependency.START)),
                container("proxy", true, null, new Dependency("app", Dependency.START)));

        assertThat(StartOrder.stopWaves(task)).containsExactly(List.of("proxy"), List.of("app"),
                List.of("db", "cache"));
    }

    @Test
    void aTaskWithoutDependenciesStopsInOneWave() {
        TaskSpec task = task(container("a", true, null), container("b", false, null));

        assertThat(StartOrder.stopWaves(task)).containsExactly(List.of("a", "b"));
        assertThat(StartOrder.nextDeadline(task, new HashMap<>())).isNull();
    }

    @Test
    void aDeadlineIsOnlyForDependenciesStillAwaited() {
        TaskSpec task = task(container("db", true, 5), container("app", true, null,
                new Dependency("db", Dependency.START)));

        assertThat(StartOrder.nextDeadline(task, Map.of("db", running(T0)))).isNull();
    }
}
