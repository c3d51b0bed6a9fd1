package io.berth.scheduler.service;

import static io.berth.scheduler.service.Services.FIRST;
import static io.berth.scheduler.service.Services.RECONCILER;
import static io.berth.scheduler.service.Services.T0;
import static io.berth.scheduler.service.Services.TD1;
import static io.berth.scheduler.service.Services.TD2;
import static io.berth.scheduler.service.Services.daemon;
import static io.berth.scheduler.service.Services.instance;
import static io.berth.scheduler.service.Services.pending;
import static io.berth.scheduler.service.Services.running;
import static io.berth.scheduler.service.Services.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.scheduler.service.Action.StartTasks;
import io.berth.scheduler.service.Deployment.RolloutState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaemonReconcilerTest {

    @Test
    void oneTaskOnEveryEligibleInstance() {
        Decision decision = RECONCILER.reconcile(daemon(null), List.of(), Services.cluster("i2", "i1", "i3"), T0);

        assertThat(decision.actions()).containsExactly(new StartTasks(FIRST, TD1, 3,
                List.of(instance("i1"), instance("i2"), instance("i3"))));
        assertThat(decision.next().spec().desiredCount()).isEqualTo(3);
        assertThat(decision.next().primary().desiredCount()).isEqualTo(3);
    }

    @Test
    void anInstanceThatJoinsGetsATaskAndTheOthersKeepTheirs() {
        World world = new World(daemon(null), "i1", "i2");
        world.stepUntil(World::steady, 5, w -> { });
        world.join("i3");

        Decision decision = world.step();
        world.stepUntil(World::steady, 5, w -> { });

        assertThat(decision.actions()).containsExactly(new StartTasks(FIRST, TD1, 1, List.of(instance("i3"))));
        assertThat(world.state.spec().desiredCount()).isEqualTo(3);
        assertThat(perInstance(world)).containsOnlyKeys(instance("i1"), instance("i2"), instance("i3"))
                .allSatisfy((i, n) -> assertThat(n).isEqualTo(1L));
    }

    @Test
    void aDrainingInstanceLosesItsTaskAndGetsNoNewOne() {
        World world = new World(daemon(null), "i1", "i2", "i3");
        world.stepUntil(World::steady, 5, w -> { });
        String onI2 = world.live().stream().filter(t -> t.containerInstanceArn().equals(instance("i2"))).findFirst()
                .orElseThrow().taskArn();
        world.drain("i2");

        Decision decision = world.step();
        world.stepUntil(World::steady, 5, w -> { });

        assertThat(decision.stoppedTaskArns()).containsExactly(onI2);
        assertThat(decision.starts()).isEmpty();
        assertThat(world.state.spec().desiredCount()).isEqualTo(2);
        assertThat(perInstance(world)).containsOnlyKeys(instance("i1"), instance("i3"));
    }

    @Test
    void anInstanceThatNoLongerMeetsTheConstraintsLosesItsTask() {
        World world = new World(daemon(null), "i1", "i2");
        world.stepUntil(World::steady, 5, w -> { });
        world.ineligible.add(instance("i1"));

        Decision decision = world.step();

        assertThat(decision.stoppedTaskArns()).hasSize(1);
        assertThat(world.tasks.get(decision.stoppedTaskArns().get(0)).containerInstanceArn())
                .isEqualTo(instance("i1"));
    }

    @Test
    void aSecondTaskOnAnInstanceIsStoppedKeepingTheRunningOne() {
        ServiceState state = Services.completed(daemon(null));
        List<ServiceTask> tasks = List.of(running("a", FIRST, "i1"), pending("b", FIRST, "i1"),
                running("c", FIRST, "i2"));

        Decision decision = RECONCILER.reconcile(state, tasks, Services.cluster("i1", "i2"), T0);

        assertThat(decision.stoppedTaskArns()).containsExactly(task("b"));
        assertThat(decision.starts()).isEmpty();
    }

    @Test
    void anInstanceWhoseTaskIsStillStoppingGetsNoNewTaskYet() {
        ServiceState state = Services.completed(daemon(null));
        ServiceTask stopping = new ServiceTask(task("a"), FIRST, instance("i1"), "RUNNING", "STOPPED",
                T0.minusSeconds(60), null, "ServiceSchedulerInitiated");

        Decision decision = RECONCILER.reconcile(state, List.of(stopping, running("b", FIRST, "i2")),
                Services.cluster("i1", "i2"), T0);

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.stalled()).isFalse();
        assertThat(decision.next().steady()).isFalse();
    }

    @ParameterizedTest(name = "minimumHealthyPercent {0}: at most {1} instances without a running task")
    @CsvSource({"0, 4", "50, 2", "75, 1"})
    void aDeploymentRollsInstanceByInstanceStoppingTheOldTaskBeforeStartingTheNew(int min, int down) {
        World world = new World(daemon(min), "i1", "i2", "i3", "i4");
        world.stepUntil(World::steady, 5, w -> { });
        world.update(Services.updateTaskDefinition(TD2));
        String second = world.state.primary().id();

        world.stepUntil(w -> w.state.primary().rolloutState() == RolloutState.COMPLETED, 20, w -> {
            assertThat(w.healthy()).as("healthy at %s", w.now).isGreaterThanOrEqualTo(4 - down);
            assertThat(w.tasks.values().stream().filter(t -> !t.stopped())
                    .collect(Collectors.groupingBy(ServiceTask::containerInstanceArn, Collectors.counting())))
                    .as("one task per instance, counting those still stopping").allSatisfy((i, n) ->
                            assertThat(n).isEqualTo(1L));
        });

        assertThat(world.state.deployments()).singleElement().extracting(Deployment::id).isEqualTo(second);
        assertThat(world.live()).hasSize(4).allMatch(t -> t.deploymentId().equals(second));
        assertThat(perInstance(world)).hasSize(4);
    }

    @Test
    void aDaemonInAnEmptyClusterIsSteadyAtZero() {
        Decision decision = RECONCILER.reconcile(daemon(null), List.of(), ClusterView.of(Set.of(), Set.of(), false),
                T0);

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.next().primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(decision.next().steady()).isTrue();
        assertThat(decision.events()).extracting(ServiceMessage::message).containsExactly(
                "(service agent) (deployment " + FIRST + ") deployment completed.",
                "(service agent) has reached a steady state.");
    }

    private static Map<String, Long> perInstance(World world) {
        return world.live().stream().collect(Collectors.groupingBy(ServiceTask::containerInstanceArn,
                Collectors.counting()));
    }
}
