package io.berth.scheduler.service;

import io.berth.events.Shapes.LoadBalancer;
import static io.berth.scheduler.service.Services.CLUSTER;
import static io.berth.scheduler.service.Services.FIRST;
import static io.berth.scheduler.service.Services.RECONCILER;
import static io.berth.scheduler.service.Services.T0;
import static io.berth.scheduler.service.Services.TD1;
import static io.berth.scheduler.service.Services.TD2;
import static io.berth.scheduler.service.Services.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.scheduler.service.Deployment.RolloutState;
import io.berth.scheduler.service.DeploymentChange.Failed;
import io.berth.scheduler.service.DeploymentChange.Removed;
import io.berth.scheduler.service.DeploymentChange.RollbackStarted;
import io.berth.scheduler.service.ServiceCommand.RequestedCircuitBreaker;
import io.berth.scheduler.service.ServiceCommand.RequestedConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deployment circuit breaker as the reconciler applies it, and its rollback. */
class CircuitBreakerRollbackTest {

    private static ServiceState withBreaker(int desired, boolean rollback) {
        return Services.created(Services.create().desiredCount(desired).configuration(new RequestedConfiguration(
                100, 200, new RequestedCircuitBreaker(true, rollback))).build(), CLUSTER, FIRST, T0).next();
    }

    private static List<ServiceTask> failures(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> Services.stopped("f" + i, FIRST, null, "TaskFailedToStart"))
                .toList();
    }

    @ParameterizedTest(name = "desired {0}: fails at {1} failed tasks")
    @CsvSource({"1, 3", "6, 3", "10, 5", "500, 200"})
    void theDeploymentFailsWhenTheFailedTasksReachTheThreshold(int desired, int threshold) {
        ServiceState state = withBreaker(desired, false);

        Decision below = RECONCILER.reconcile(state, failures(threshold - 1), cluster("i1"), T0);
        Decision at = RECONCILER.reconcile(below.next(), failures(threshold), cluster("i1"), T0.plusSeconds(15));

        assertThat(below.next().primary().failedTasks()).isEqualTo(threshold - 1);
        assertThat(below.next().primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(below.startCount()).isEqualTo(desired);
        assertThat(at.next().primary().failedTasks()).isEqualTo(threshold);
        assertThat(at.next().primary().rolloutState()).isEqualTo(RolloutState.FAILED);
        assertThat(at.next().primary().rolloutStateReason())
                .isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(at.deploymentChanges()).containsExactly(new Failed(FIRST,
                "ECS deployment circuit breaker: tasks failed to start.", null, T0.plusSeconds(15)));
        assertThat(at.events()).extracting(ServiceMessage::message)
                .containsExactly("(service web) (deployment " + FIRST + ") deployment failed: tasks failed to start.");
        assertThat(at.actions()).as("a failed deployment launches no more tasks").isEmpty();
    }

    @Test
    void aStoppedTaskIsCountedOnceHoweverOftenItIsSeen() {
        Decision first = RECONCILER.reconcile(withBreaker(10, false), failures(2), cluster("i1"), T0);
        Decision second = RECONCILER.reconcile(first.next(), failures(2), cluster("i1"), T0.plusSeconds(15));
        Decision third = RECONCILER.reconcile(second.next(), failures(1), cluster("i1"), T0.plusSeconds(30));

        assertThat(second.next().primary().failedTasks()).isEqualTo(2);
        assertThat(third.next().primary().failedTasks()).isEqualTo(2);
        assertThat(third.next().countedStops()).containsExactly(Services.task("f1"));
    }

    @Test
    void aHealthyTaskResetsTheCountButTasksThatFailAfterItStillTripTheBreaker() {
        List<ServiceTask> tasks = new ArrayList<>(failures(2));
        Decision counted = RECONCILER.reconcile(withBreaker(4, false), tasks, cluster("i1"), T0);
        tasks.add(Services.running("ok", FIRST, "i1"));
        Decision reset = RECONCILER.reconcile(counted.next(), tasks, cluster("i1"), T0.plusSeconds(15));
        List<ServiceTask> more = new ArrayList<>(tasks);
        more.addAll(IntStream.rangeClosed(3, 9).mapToObj(i -> Services.stopped("f" + i, FIRST, null,
                "TaskFailedToStart")).toList());
        Decision later = RECONCILER.reconcile(reset.next(), more, cluster("i1"), T0.plusSeconds(30));

        assertThat(counted.next().primary().failedTasks()).isEqualTo(2);
        assertThat(reset.next().primary().failedTasks()).isZero();
        assertThat(reset.next().primary().healthyTaskSeen()).isTrue();
        assertThat(later.next().primary().failedTasks()).isEqualTo(7);
        assertThat(later.next().primary().rolloutState()).isEqualTo(RolloutState.FAILED);
    }

    @Test
    void tasksThatReachRunningAndThenExitTripTheBreakerWithoutAGracePeriod() {
        List<ServiceTask> tasks = new ArrayList<>(List.of(Services.running("ok", FIRST, "i1")));
        Decision healthy = RECONCILER.reconcile(withBreaker(4, false), tasks, cluster("i1"), T0);
        tasks.addAll(IntStream.rangeClosed(1, 3).mapToObj(i -> Services.stopped("crash" + i, FIRST,
                T0.plusSeconds(5), "EssentialContainerExited")).toList());

        Decision crashed = RECONCILER.reconcile(healthy.next(), tasks, cluster("i1"), T0.plusSeconds(15));

        assertThat(healthy.next().primary().healthyTaskSeen()).isTrue();
        assertThat(crashed.next().primary().failedTasks()).isEqualTo(3);
        assertThat(crashed.next().primary().rolloutState()).isEqualTo(RolloutState.FAILED);
    }

    @Test
    void aTaskThatRunsAndExitsDuringItsGracePeriodCounts() {
        LoadBalancer lb = new LoadBalancer("tg", null, "web", 8080);
        ServiceState state = Services.created(Services.create().desiredCount(4).loadBalancers(List.of(lb))
                .grace(120).configuration(new RequestedConfiguration(null, null, new RequestedCircuitBreaker(true,
                        false))).build(), CLUSTER, FIRST, T0).next();
        List<ServiceTask> crashed = IntStream.rangeClosed(1, 3).mapToObj(i -> Services.stopped("c" + i, FIRST,
                T0.plusSeconds(10), "EssentialContainerExited")).toList();
        List<ServiceTask> tasks = new ArrayList<>(crashed);
        tasks.add(Services.running("young", FIRST, "i1", T0.plusSeconds(50)));

        Decision decision = RECONCILER.reconcile(state, tasks, cluster("i1"), T0.plusSeconds(60));

        assertThat(decision.next().primary().rolloutState()).isEqualTo(RolloutState.FAILED);
    }

    @Test
    void withRollbackTheLastCompletedTaskDefinitionIsDeployedAgainAndCompletes() {
        World world = new World(withBreaker(4, true), "i1", "i2", "i3");
        world.stepUntil(World::steady, 5, w -> { });
        world.failingTaskDefinitions.add(TD2);
        world.update(Services.updateTaskDefinition(TD2));
        String failing = world.state.primary().id();

        world.stepUntil(w -> w.state.deployments().size() == 1
                && w.state.primary().rolloutState() == RolloutState.COMPLETED, 10,
                w -> assertThat(w.healthy()).as("healthy at %s", w.now).isGreaterThanOrEqualTo(4));

        Deployment rollback = world.state.primary();
        assertThat(rollback.id()).isNotIn(FIRST, failing);
        assertThat(rollback.taskDefinitionArn()).isEqualTo(TD1);
        assertThat(rollback.rolloutStateReason()).isEqualTo("ECS deployment " + rollback.id() + " completed.");
        assertThat(world.state.spec().taskDefinitionArn()).isEqualTo(TD1);
        assertThat(world.live()).hasSize(4).allMatch(t -> t.deploymentId().equals(rollback.id()) && t.running());
        List<DeploymentChange> changes = world.decisions.stream().flatMap(d -> d.deploymentChanges().stream()).toList();
        assertThat(changes).filteredOn(c -> c instanceof Failed).singleElement()
                .isEqualTo(new Failed(failing, "ECS deployment circuit breaker: tasks failed to start.", rollback.id(),
                        ((Failed) changes.stream().filter(c -> c instanceof Failed).findFirst().orElseThrow()).at()));
        assertThat(changes).filteredOn(c -> c instanceof RollbackStarted).singleElement().satisfies(c -> {
            RollbackStarted started = (RollbackStarted) c;
            assertThat(started.failedDeploymentId()).isEqualTo(failing);
            assertThat(started.restoredDeploymentId()).isEqualTo(FIRST);
            assertThat(started.deployment().rolloutStateReason())
                    .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + FIRST + ".");
        });
        assertThat(changes).filteredOn(c -> c instanceof Removed).extracting(DeploymentChange::deploymentId)
                .containsExactlyInAnyOrder(failing, FIRST);
        assertThat(world.messages()).contains(
                "(service web) (deployment " + failing + ") deployment failed: tasks failed to start.",
                "(service web) (deployment " + rollback.id() + ") deployment completed.");
        assertThat(world.messages().get(0)).isEqualTo("(service web) has reached a steady state.");
    }

    @Test
    void withoutRollbackTheFailedDeploymentStaysAndNothingMoves() {
        World world = new World(withBreaker(4, false), "i1", "i2", "i3");
        world.stepUntil(World::steady, 5, w -> { });
        world.failingTaskDefinitions.add(TD2);
        world.update(Services.updateTaskDefinition(TD2));
        world.stepUntil(w -> w.state.primary().rolloutState() == RolloutState.FAILED, 5, w -> { });

        for (int i = 0; i < 3; i++) {
            assertThat(world.step().actions()).isEmpty();
        }
        assertThat(world.state.primary().taskDefinitionArn()).isEqualTo(TD2);
        assertThat(world.state.deployments()).extracting(Deployment::id).contains(FIRST);
        assertThat(world.live()).hasSize(4).allMatch(t -> t.deploymentId().equals(FIRST));
        assertThat(world.steady()).isFalse();
    }

    @Test
    void aRollbackThatFailsToo() {
        World world = new World(withBreaker(3, true), "i1", "i2");
        world.stepUntil(World::steady, 5, w -> { });
        world.failingTaskDefinitions.add(TD1);
        world.failingTaskDefinitions.add(TD2);
        world.update(Services.updateTaskDefinition(TD2));

        world.stepUntil(w -> w.state.primary().rolloutState() == RolloutState.FAILED
                && w.state.primary().taskDefinitionArn().equals(TD1), 10, w -> { });

        assertThat(world.decisions.stream().flatMap(d -> d.deploymentChanges().stream())
                .filter(c -> c instanceof RollbackStarted)).as("no rollback of a rollback").hasSize(1);
    }

    @Test
    void withoutTheBreakerFailuresAreCountedButNeverFailTheDeployment() {
        World world = new World(Services.replica(4, 100, 200), "i1", "i2", "i3");
        world.stepUntil(World::steady, 5, w -> { });
        world.failingTaskDefinitions.add(TD2);
        world.update(Services.updateTaskDefinition(TD2));

        for (int i = 0; i < 8; i++) {
            world.step();
        }

        assertThat(world.state.primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(world.state.primary().failedTasks()).as("4 failures seen in each of steps 2 to 8").isEqualTo(28);
        assertThat(world.healthy()).isEqualTo(4);
    }

    /** A stability window of 10 s (the scheduler's default is 5 s; see {@link Reconciler}). */
    private static final Reconciler STABLE_AFTER_10S = new Reconciler(ScaleInChooser.fromFullestInstance(),
            Duration.ofSeconds(10));

    @Test
    void aTaskJustRunningDoesNotCompleteItsDeploymentUntilItHasRunForTheStabilityWindow() {
        ServiceState state = withBreaker(2, true);
        List<ServiceTask> tasks = List.of(Services.running("a", FIRST, "i1", T0), Services.running("b", FIRST, "i2",
                T0));

        Decision young = STABLE_AFTER_10S.reconcile(state, tasks, cluster("i1", "i2"), T0.plusSeconds(9));
        Decision settled = STABLE_AFTER_10S.reconcile(young.next(), tasks, cluster("i1", "i2"), T0.plusSeconds(10));

        assertThat(young.next().primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(young.next().primary().healthyTaskSeen()).isFalse();
        assertThat(young.next().primary().runningCount()).as("running all the same").isEqualTo(2);
        assertThat(STABLE_AFTER_10S.settlesAt(tasks.get(0), T0.plusSeconds(9))).contains(T0.plusSeconds(10));
        assertThat(settled.next().primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(STABLE_AFTER_10S.settlesAt(tasks.get(0), T0.plusSeconds(10))).isEmpty();
    }

    @Test
    void aHealthyVerdictSettlesATaskAtOnce() {
        ServiceTask checked = new ServiceTask(Services.task("a"), FIRST, Services.instance("i1"), "RUNNING",
                "RUNNING", T0, "HEALTHY", null);

        Decision decision = STABLE_AFTER_10S.reconcile(withBreaker(1, false), List.of(checked), cluster("i1"),
                T0.plusSeconds(1));

        assertThat(decision.next().primary().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        assertThat(STABLE_AFTER_10S.settlesAt(checked, T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void tasksThatRunAndExitWithinTheWindowTripTheBreakerAndTheFailedDeploymentStaysBesideTheRollback() {
        ServiceState state = withBreaker(2, true);
        List<ServiceTask> good = List.of(Services.running("a", FIRST, "i1", T0), Services.running("b", FIRST, "i2",
                T0));
        state = STABLE_AFTER_10S.reconcile(state, good, cluster("i1", "i2"), T0.plusSeconds(20)).next();
        ServiceState rolling = Services.updated(state, Services.updateTaskDefinition(TD2),
                Deployment.deriveId("update"), T0.plusSeconds(25)).next();
        String failing = rolling.primary().id();
        List<ServiceTask> tasks = new ArrayList<>(good);
        IntStream.rangeClosed(1, 3).forEach(i -> tasks.add(Services.stopped("crash" + i, failing,
                T0.plusSeconds(30 + i), "EssentialContainerExited")));

        Decision tripped = STABLE_AFTER_10S.reconcile(rolling, tasks, cluster("i1", "i2"), T0.plusSeconds(34));

        ServiceState after = tripped.next();
        assertThat(after.deployments()).hasSize(3);
        Deployment rollback = after.primary();
        assertThat(rollback.taskDefinitionArn()).isEqualTo(TD1);
        assertThat(rollback.rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(rollback.rolloutStateReason())
                .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + FIRST + ".");
        assertThat(after.deployment(failing)).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(Deployment.Status.ACTIVE);
            assertThat(d.rolloutState()).isEqualTo(RolloutState.FAILED);
            assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
            assertThat(d.failedTasks()).isEqualTo(3);
        });
        assertThat(tripped.events()).extracting(ServiceMessage::message)
                .contains("(service web) (deployment " + failing + ") deployment failed: tasks failed to start.");

        // The rollback's tasks replace the old ones; while they are young the failed deployment stays shown.
        List<ServiceTask> rolledBack = List.of(Services.running("c", rollback.id(), "i1", T0.plusSeconds(40)),
                Services.running("d", rollback.id(), "i2", T0.plusSeconds(40)));
        Decision young = STABLE_AFTER_10S.reconcile(after, rolledBack, cluster("i1", "i2"), T0.plusSeconds(45));
        assertThat(young.next().deployments()).extracting(Deployment::id).containsExactly(rollback.id(), failing);
        assertThat(young.deploymentChanges()).extracting(DeploymentChange::deploymentId).containsExactly(FIRST);

        Decision done = STABLE_AFTER_10S.reconcile(young.next(), rolledBack, cluster("i1", "i2"), T0.plusSeconds(50));
        assertThat(done.next().deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(rollback.id());
            assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED);
        });
        assertThat(done.deploymentChanges()).filteredOn(c -> c instanceof Removed)
                .extracting(DeploymentChange::deploymentId).containsExactly(failing);
        assertThat(Services.DECIDER.fold(young.next(), ServiceChanges.between(young.next(), done.next(),
                done.deploymentChanges(), T0.plusSeconds(50)))).isEqualTo(done.next());
    }
}
