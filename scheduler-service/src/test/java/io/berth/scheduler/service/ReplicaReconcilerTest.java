package io.berth.scheduler.service;

import io.berth.events.Shapes.LoadBalancer;
import static io.berth.scheduler.service.Services.FIRST;
import static io.berth.scheduler.service.Services.RECONCILER;
import static io.berth.scheduler.service.Services.SECOND;
import static io.berth.scheduler.service.Services.T0;
import static io.berth.scheduler.service.Services.TD1;
import static io.berth.scheduler.service.Services.TD2;
import static io.berth.scheduler.service.Services.cluster;
import static io.berth.scheduler.service.Services.completed;
import static io.berth.scheduler.service.Services.pending;
import static io.berth.scheduler.service.Services.replica;
import static io.berth.scheduler.service.Services.rollout;
import static io.berth.scheduler.service.Services.running;
import static io.berth.scheduler.service.Services.runningTasks;
import static io.berth.scheduler.service.Services.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.scheduler.service.Action.StartTasks;
import io.berth.scheduler.service.Action.StopTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaReconcilerTest {

    private static final String UNABLE = "(service web) was unable to stop or start tasks during a deployment because"
            + " of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and"
            + " try again.";

    @Test
    void aNewServiceStartsItsDesiredCount() {
        Decision decision = RECONCILER.reconcile(replica(3, 100, 200), List.of(), cluster("i1"), T0);

        assertThat(decision.actions()).containsExactly(new StartTasks(FIRST, TD1, 3, List.of()));
        assertThat(decision.deploymentChanges()).isEmpty();
        assertThat(decision.events()).isEmpty();
        assertThat(decision.stalled()).isFalse();
    }

    @Test
    void startsInFlightAreNotRepeated() {
        List<ServiceTask> tasks = List.of(pending("a", FIRST, "i1"), pending("b", FIRST, "i2"),
                running("c", FIRST, "i3"));

        Decision decision = RECONCILER.reconcile(replica(3, 100, 200), tasks, cluster("i1"), T0);

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.next().primary().pendingCount()).isEqualTo(2);
        assertThat(decision.next().primary().runningCount()).isEqualTo(1);
        assertThat(decision.next().primary().rolloutState()).isEqualTo(Deployment.RolloutState.IN_PROGRESS);
    }

    @ParameterizedTest(name = "desired {2} at {0}%/{1}%: stop {3}, start {4}, stalled {5}")
    @CsvSource({
            "0, 100, 4, 4, 0, false",
            "50, 100, 4, 2, 0, false",
            "100, 200, 4, 0, 4, false",
            "50, 200, 4, 2, 4, false",
            "50, 125, 3, 1, 0, false",
            "75, 100, 2, 0, 0, true",
            "100, 125, 3, 0, 0, true",
            "100, 100, 4, 0, 0, true",
            "100, 100, 0, 0, 0, false",
    })
    void theFirstStepOfADeploymentWithinTheBounds(int min, int max, int desired, int stops, int starts,
            boolean stalled) {
        Decision decision = RECONCILER.reconcile(rollout(desired, min, max), runningTasks("old", FIRST, desired),
                cluster("i1", "i2", "i3"), T0);

        assertThat(decision.stoppedTaskArns()).hasSize(stops);
        assertThat(decision.startCount()).isEqualTo(starts);
        assertThat(decision.stalled()).isEqualTo(stalled);
        if (stalled) {
            assertThat(decision.events()).extracting(ServiceMessage::message).containsExactly(UNABLE);
        } else {
            assertThat(decision.events()).extracting(ServiceMessage::message).doesNotContain(UNABLE);
        }
    }

    @Test
    void aStalledDeploymentSaysSoOnceAndKeepsWaiting() {
        ServiceState state = rollout(4, 100, 100);
        List<ServiceTask> tasks = runningTasks("old", FIRST, 4);

        Decision first = RECONCILER.reconcile(state, tasks, cluster("i1"), T0);
        Decision second = RECONCILER.reconcile(first.next(), tasks, cluster("i1"), T0.plusSeconds(60));
        Decision later = RECONCILER.reconcile(second.next(), tasks, cluster("i1"), T0.plus(ServiceState.REPEAT_AFTER));

        assertThat(first.events()).extracting(ServiceMessage::message).containsExactly(UNABLE);
        assertThat(second.stalled()).isTrue();
        assertThat(second.events()).isEmpty();
        assertThat(later.events()).extracting(ServiceMessage::message).containsExactly(UNABLE);
        assertThat(later.next().events()).hasSize(2);
    }

    @Test
    void aStallThatFollowsFromTheDecisionsOwnStopsIsReportedWithThem() {
        // 2 desired at 100 %/101 %: the third old task may go, then the band is 2..2 with 2 old tasks.
        List<ServiceTask> tasks = runningTasks("old", FIRST, 3);
        Decision decision = RECONCILER.reconcile(rollout(2, 100, 101), tasks, cluster("i1"), T0);
        List<ServiceTask> stopping = tasks.stream().map(t -> decision.stoppedTaskArns().contains(t.taskArn())
                ? new ServiceTask(t.taskArn(), FIRST, t.containerInstanceArn(), "RUNNING", "STOPPED", t.startedAt(),
                        null, "ServiceSchedulerInitiated")
                : t).toList();
        List<ServiceTask> applied = stopping.stream().map(t -> "STOPPED".equals(t.desiredStatus())
                ? new ServiceTask(t.taskArn(), FIRST, t.containerInstanceArn(), "STOPPED", "STOPPED", t.startedAt(),
                        null, "ServiceSchedulerInitiated")
                : t).toList();
        Decision whileStopping = RECONCILER.reconcile(decision.next(), stopping, cluster("i1"), T0);
        Decision again = RECONCILER.reconcile(whileStopping.next(), applied, cluster("i1"), T0);

        assertThat(decision.stoppedTaskArns()).containsExactly(task("old1"));
        assertThat(decision.starts()).isEmpty();
        assertThat(decision.stalled()).isTrue();
        assertThat(decision.events()).extracting(ServiceMessage::message)
                .containsExactly("(service web) has stopped 1 running tasks: (task old1).", UNABLE);
        // While the task stops, its room is not back yet: nothing to say; once it stopped, the stall holds.
        assertThat(whileStopping.actions()).isEmpty();
        assertThat(whileStopping.events()).isEmpty();
        assertThat(again.stalled()).isTrue();
        assertThat(again.actions()).isEmpty();
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aTaskThatIsStillStartingIsNotAStall() {
        List<ServiceTask> tasks = new ArrayList<>(runningTasks("old", FIRST, 3));
        tasks.set(2, pending("new", SECOND, "i1"));

        Decision decision = RECONCILER.reconcile(rollout(3, 100, 125), tasks, cluster("i1"), T0);

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.stalled()).isFalse();
    }

    @Test
    void scalingOutStartsTheDifferenceWithoutANewDeployment() {
        ServiceState steady = completed(replica(3, 100, 200));
        ServiceState five = Services.updated(steady, Services.updateDesiredCount(5), SECOND, T0).next();

        Decision decision = RECONCILER.reconcile(five, runningTasks("a", FIRST, 3), cluster("i1"), T0);

        assertThat(five.deployments()).extracting(Deployment::id).containsExactly(FIRST);
        assertThat(decision.actions()).containsExactly(new StartTasks(FIRST, TD1, 2, List.of()));
        assertThat(decision.next().steady()).isFalse();
    }

    @Test
    void scalingInStopsTasksNotYetRunningFirstThenFromTheFullestInstance() {
        ServiceState two = Services.updated(completed(replica(5, 100, 200)), Services.updateDesiredCount(2),
                SECOND, T0).next();
        List<ServiceTask> tasks = List.of(running("a", FIRST, "i1"), running("b", FIRST, "i1"),
                running("c", FIRST, "i2"), running("d", FIRST, "i3"), pending("e", FIRST, "i3"));

        Decision decision = RECONCILER.reconcile(two, tasks, cluster("i1"), T0);

        assertThat(decision.actions()).containsExactly(new StopTasks(List.of(task("e"), task("a"), task("b")),
                "ServiceSchedulerInitiated", "Scaling activity initiated by (deployment " + FIRST + ")"));
        assertThat(decision.events()).extracting(ServiceMessage::message).containsExactly(
                "(service web) has stopped 3 running tasks: (task e) (task a) (task b).",
                "(service web) has reached a steady state.");
        assertThat(decision.next().primary().runningCount()).isEqualTo(2);
    }

    @Test
    void scalingInDuringADeploymentTakesTheOlderDeploymentsTasks() {
        ServiceState state = Services.updated(rollout(5, 100, 200), Services.updateDesiredCount(2), SECOND, T0)
                .next();
        List<ServiceTask> tasks = new ArrayList<>(runningTasks("old", FIRST, 3));
        tasks.addAll(runningTasks("new", SECOND, 2));

        Decision decision = RECONCILER.reconcile(state, tasks, cluster("i1"), T0);

        assertThat(decision.stoppedTaskArns()).containsExactlyInAnyOrder(task("old1"), task("old2"), task("old3"));
        assertThat(decision.deploymentChanges()).extracting(DeploymentChange::deploymentId)
                .containsExactly(FIRST, SECOND);
    }

    @Test
    void theChooserDecidesAmongRunningTasksAndBadAnswersAreMended() {
        ServiceState two = Services.updated(completed(replica(4, 100, 200)), Services.updateDesiredCount(2),
                SECOND, T0).next();
        List<ServiceTask> tasks = runningTasks("a", FIRST, 4);
        ScaleInChooser lastFirst = (candidates, n) -> {
            List<String> arns = new ArrayList<>(candidates.stream().map(ServiceTask::taskArn).toList());
            Collections.reverse(arns);
            return arns.subList(0, n);
        };
        ScaleInChooser confused = (candidates, n) -> List.of(task("nobody"), task("a3"), task("a3"));

        Decision chosen = new Reconciler(lastFirst).reconcile(two, tasks, cluster("i1"), T0);
        Decision mended = new Reconciler(confused).reconcile(two, tasks, cluster("i1"), T0);

        assertThat(chosen.stoppedTaskArns()).containsExactly(task("a4"), task("a3"));
        assertThat(mended.stoppedTaskArns()).containsExactly(task("a3"), task("a1"));
    }

    @Test
    void aStoppedTaskIsReplaced() {
        List<ServiceTask> tasks = List.of(running("a", FIRST, "i1"), running("b", FIRST, "i2"),
                Services.stopped("c", FIRST, T0.minusSeconds(600), "EssentialContainerExited"));

        Decision decision = RECONCILER.reconcile(completed(replica(3, 100, 200)), tasks, cluster("i1"), T0);

        assertThat(decision.actions()).containsExactly(new StartTasks(FIRST, TD1, 1, List.of()));
        assertThat(decision.next().primary().failedTasks()).isZero();
        assertThat(decision.next().countedStops()).containsExactly(task("c"));
        assertThat(decision.next().steady()).isFalse();
    }

    @Test
    void aTaskFailingItsHealthChecksIsStoppedAndReplaced() {
        List<ServiceTask> tasks = List.of(running("a", FIRST, "i1"), running("b", FIRST, "i2"),
                Services.unhealthy("c", FIRST, "i3"));

        Decision decision = RECONCILER.reconcile(completed(replica(3, 100, 200)), tasks, cluster("i1"), T0);

        assertThat(decision.actions()).containsExactly(
                new StopTasks(List.of(task("c")), "ServiceSchedulerInitiated", "Task failed container health checks"),
                new StartTasks(FIRST, TD1, 1, List.of()));
        assertThat(decision.events()).extracting(ServiceMessage::message).containsExactly(
                "(service web) (task c) failed container health checks.",
                "(service web) has stopped 1 running tasks: (task c).");
    }

    @Test
    void aTaskStillPendingOnADrainingInstanceStopsAtOnce() {
        List<ServiceTask> tasks = List.of(running("a", FIRST, "i1"), running("b", FIRST, "i2"),
                pending("c", FIRST, "i3"));

        Decision decision = RECONCILER.reconcile(completed(replica(3, 100, 200)), tasks,
                Services.drainingCluster(List.of("i1", "i2"), List.of("i3")), T0);

        assertThat(decision.stoppedTaskArns()).containsExactly(task("c"));
        assertThat(decision.startCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}%/{1}%")
    @CsvSource({"100, 200", "0, 200", "50, 150"})
    void tasksOnADrainingInstanceAreReplacedBeforeTheyStopWhenTheMaximumAllows(int min, int max) {
        World world = new World(replica(3, min, max), "i1", "i2", "i3");
        world.stepUntil(World::steady, 5, w -> { });
        String onI1 = world.live().stream().filter(t -> t.containerInstanceArn().endsWith("/i1")).findFirst()
                .orElseThrow().taskArn();
        world.drain("i1");

        Decision first = world.step();
        Decision second = world.step();
        world.stepUntil(World::steady, 5, w -> { });

        assertThat(first.stops()).isEmpty();
        assertThat(first.actions()).containsExactly(new StartTasks(FIRST, TD1, 1, List.of()));
        assertThat(second.stoppedTaskArns()).containsExactly(onI1);
        assertThat(world.live()).hasSize(3).noneMatch(t -> t.containerInstanceArn().endsWith("/i1"));
    }

    @Test
    void withoutRoomAboveTheDesiredCountADrainingTaskStopsFirstWithinTheMinimum() {
        World world = new World(replica(2, 50, 100), "i1", "i2", "i3");
        world.stepUntil(World::steady, 5, w -> { });
        world.drain("i1");

        Decision first = world.step();

        // The task told to stop holds its place under maximumPercent until it has stopped.
        assertThat(first.stoppedTaskArns()).hasSize(1);
        assertThat(first.startCount()).isZero();
        world.stepUntil(World::steady, 5, w -> assertThat(w.healthy()).isGreaterThanOrEqualTo(1));
    }

    @Test
    void aDrainCanNotProgressWhenBothBoundsAre100() {
        ServiceState state = Services.forced(completed(replica(2, 100, 200)), 100, 100);
        List<ServiceTask> tasks = List.of(running("a", FIRST, "i1"), running("b", FIRST, "i2"));

        Decision decision = RECONCILER.reconcile(state, tasks,
                Services.drainingCluster(List.of("i2", "i3"), List.of("i1")), T0);

        assertThat(decision.actions()).isEmpty();
        assertThat(decision.stalled()).isTrue();
        assertThat(decision.events()).extracting(ServiceMessage::message).containsExactly(UNABLE);
    }

    @Test
    void inAnEmptyClusterNothingIsStartedAndThePlacementFailureIsReportedOnce() {
        ClusterView empty = ClusterView.of(Set.of(), Set.of(), false);
        String message = "(service web) was unable to place a task because no container instance met all of its"
                + " requirements. Reason: No Container Instances were found in your cluster. For more information,"
                + " see the Troubleshooting section.";

        Decision first = RECONCILER.reconcile(replica(3, 100, 200), List.of(), empty, T0);
        Decision again = RECONCILER.reconcile(first.next(), List.of(), empty, T0.plusSeconds(30));

        assertThat(first.actions()).isEmpty();
        assertThat(first.stalled()).isFalse();
        assertThat(first.events()).extracting(ServiceMessage::message).containsExactly(message);
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aTaskCountsAsHealthyOnlyOnceTheGracePeriodIsOver() {
        LoadBalancer lb = new LoadBalancer("tg", null, "web", 8080);
        ServiceState base = Services.created(Services.create().desiredCount(2).loadBalancers(List.of(lb)).grace(60)
                .build(), Services.CLUSTER, FIRST, T0).next();
        ServiceState state = Services.updated(completed(base), Services.updateTaskDefinition(TD2), SECOND, T0)
                .next();
        List<ServiceTask> tasks = List.of(running("old1", FIRST, "i1"), running("old2", FIRST, "i2"),
                running("new1", SECOND, "i1", T0), running("new2", SECOND, "i2", T0));

        Decision inGrace = RECONCILER.reconcile(state, tasks, cluster("i1"), T0.plusSeconds(59));
        Decision after = RECONCILER.reconcile(state, tasks, cluster("i1"), T0.plusSeconds(60));

        assertThat(inGrace.actions()).isEmpty();
        assertThat(inGrace.stalled()).isFalse();
        assertThat(after.stoppedTaskArns()).containsExactly(task("old1"), task("old2"));
    }

    @Test
    void theSteadyStateIsReportedOncePerSteadyState() {
        World world = new World(replica(3, 100, 200), "i1", "i2", "i3");
        world.stepUntil(World::steady, 5, w -> { });
        for (int i = 0; i < 5; i++) {
            world.step();
        }
        assertThat(world.messages()).filteredOn(m -> m.endsWith("steady state.")).hasSize(1);

        ServiceTask victim = world.live().get(0);
        world.tasks.put(victim.taskArn(), new ServiceTask(victim.taskArn(), victim.deploymentId(),
                victim.containerInstanceArn(), "STOPPED", "STOPPED", victim.startedAt(), null,
                "EssentialContainerExited"));
        world.step();
        assertThat(world.steady()).isFalse();
        world.stepUntil(World::steady, 5, w -> { });

        assertThat(world.messages()).filteredOn(m -> m.endsWith("steady state.")).hasSize(2);
        assertThat(world.messages().get(0)).isEqualTo("(service web) has reached a steady state.");
        assertThat(world.messages().get(1)).startsWith("(service web) has started 1 tasks: (task t");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decidingTwiceOnTheSameStateAndTasksGivesTheSameDecision(String name, Supplier<ServiceState> state,
            List<ServiceTask> tasks, ClusterView cluster) {
        Decision once = RECONCILER.reconcile(state.get(), tasks, cluster, T0);
        Decision twice = RECONCILER.reconcile(state.get(), tasks, cluster, T0);
        List<ServiceTask> reversed = new ArrayList<>(tasks);
        Collections.reverse(reversed);

        assertThat(twice).isEqualTo(once);
        assertThat(RECONCILER.reconcile(state.get(), reversed, cluster, T0)).isEqualTo(once);
    }

    static Stream<Arguments> scenarios() {
        List<ServiceTask> mixed = new ArrayList<>(runningTasks("old", FIRST, 6));
        mixed.add(pending("new1", SECOND, "i2"));
        mixed.add(Services.stopped("new2", SECOND, null, "TaskFailedToStart"));
        mixed.add(Services.unhealthy("new3", SECOND, "i3"));
        mixed.addAll(runningTasks("new-ok", SECOND, 2));
        return Stream.of(
                Arguments.of("new service", (Supplier<ServiceState>) () -> replica(5, 100, 200), List.of(),
                        cluster("i1")),
                Arguments.of("deployment at 50/100", (Supplier<ServiceState>) () -> rollout(6, 50, 100), mixed,
                        cluster("i1", "i2", "i3")),
                Arguments.of("deployment with a draining instance", (Supplier<ServiceState>) () -> rollout(6, 100, 200),
                        mixed, Services.drainingCluster(List.of("i1", "i2"), List.of("i3"))),
                Arguments.of("stalled at 100/100", (Supplier<ServiceState>) () -> rollout(6, 100, 100),
                        runningTasks("old", FIRST, 6), cluster("i1")),
                Arguments.of("scale in", (Supplier<ServiceState>) () -> completed(replica(2, 100, 200)),
                        runningTasks("a", FIRST, 6), cluster("i1")));
    }

    @Test
    void deploymentCountsAreKeptAndOnlyTouchedWhenTheyChange() {
        ServiceState state = rollout(4, 50, 100);
        List<ServiceTask> tasks = runningTasks("old", FIRST, 4);
        Instant later = T0.plusSeconds(300);

        Decision decision = RECONCILER.reconcile(state, tasks, cluster("i1"), later);

        Deployment old = decision.next().deployment(FIRST).orElseThrow();
        assertThat(old.runningCount()).isEqualTo(2);
        assertThat(old.desiredCount()).isEqualTo(2);
        assertThat(old.updatedAt()).isEqualTo(later);
        assertThat(decision.next().primary().desiredCount()).isEqualTo(4);
        assertThat(decision.next().primary().updatedAt()).isEqualTo(T0);
        assertThat(decision.next().runningCount()).isEqualTo(2);
    }
}
