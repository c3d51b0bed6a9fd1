package io.berth.scheduler.service;

import static io.berth.scheduler.service.Services.CLUSTER;
import static io.berth.scheduler.service.Services.FIRST;
import static io.berth.scheduler.service.Services.T0;
import static io.berth.scheduler.service.Services.TD1;
import static io.berth.scheduler.service.Services.TD2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.TaskSetCreated;
import io.berth.scheduler.service.ServiceCommand.CreateTaskSet;
import io.berth.scheduler.service.ServiceCommand.DeleteTaskSet;
import io.berth.scheduler.service.ServiceCommand.MakePrimaryTaskSet;
import io.berth.scheduler.service.ServiceCommand.ScaleTaskSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Task sets of EXTERNAL and CODE_DEPLOY services, decided and reconciled (ADR 0046). */
class TaskSetsTest {

    private static final String BLUE = Deployment.deriveId("blue");
    private static final String GREEN = Deployment.deriveId("green");

    private static ServiceState external(int desired) {
        return Services.created(Services.create().controller("EXTERNAL").taskDefinition(null).desiredCount(desired)
                .build(), CLUSTER, FIRST, T0).next();
    }

    private static CreateTaskSet taskSet(String id, String taskDefinition, Double scale) {
        return new CreateTaskSet(id, taskDefinition, "ext-" + id.substring(8, 12), null, null, null, null, null, null,
                scale, scale == null ? null : "PERCENT", List.of(), T0);
    }

    private static void refused(ServiceState state, ServiceCommand command, String code, String message) {
        assertThatThrownBy(() -> Services.DECIDER.decide(command, state)).isInstanceOf(EcsException.class)
                .hasMessage(message).extracting(e -> ((EcsException) e).code()).isEqualTo(code);
    }

    @Test
    void anExternalServiceNeedsNoTaskDefinitionAndRunsNothingBeforeItHasATaskSet() {
        List<ServiceEvent> events = Services.DECIDER.decide(new ServiceCommand.Create(CLUSTER, Services.create()
                .controller("EXTERNAL").taskDefinition(null).build(), FIRST, T0), null);

        assertThat(events).singleElement().isInstanceOfSatisfying(ServiceCreated.class,
                c -> assertThat(c.deploymentController()).isEqualTo("EXTERNAL"));
        World world = new World(external(3), "i1", "i2");
        assertThat(world.step().actions()).isEmpty();
        assertThat(world.state.deployments()).isEmpty();
        assertThat(world.state.taskSets()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"taskDefinition", "platformVersion"})
    void anExternalServiceLeavesTheLaunchToItsTaskSets(String member) {
        Services.Create create = Services.create().controller("EXTERNAL").taskDefinition(
                "taskDefinition".equals(member) ? TD1 : null);
        ServiceCommand.CreateService command = create.build();
        if ("platformVersion".equals(member)) {
            command = command.onPlatform("1.4.0", null);
        }
        ServiceCommand.CreateService refusedCommand = command;
        assertThatThrownBy(() -> ServiceRules.create(refusedCommand, CLUSTER)).isInstanceOf(EcsException.class)
                .hasMessage(member + " can not be specified for a service with the EXTERNAL deployment controller:"
                        + " it is given to each task set (CreateTaskSet).");
    }

    @Test
    void theDaemonStrategyTakesNoTaskSets() {
        assertThatThrownBy(() -> ServiceRules.create(Services.create().controller("CODE_DEPLOY").desiredCount(null)
                .schedulingStrategy("DAEMON").build(), CLUSTER)).isInstanceOf(EcsException.class)
                .hasMessage("The daemon scheduling strategy is not supported with the CODE_DEPLOY deployment"
                        + " controller.");
    }

    @Test
    void codeDeployStartsWithAPrimaryTaskSetOfTheServicesTaskDefinitionThatReachesASteadyState() {
        List<ServiceEvent> events = Services.DECIDER.decide(new ServiceCommand.Create(CLUSTER, Services.create()
                .controller("CODE_DEPLOY").build(), FIRST, T0), null);
        assertThat(events).hasSize(2).element(1).isInstanceOfSatisfying(TaskSetCreated.class, c -> {
            assertThat(c.primary()).isTrue();
            assertThat(c.scale()).isEqualTo(100.0);
            assertThat(c.taskDefinitionArn()).isEqualTo(TD1);
        });
        World world = new World(Services.DECIDER.fold(null, events), "i1", "i2");

        world.stepUntil(World::steady, 10, w -> { });

        TaskSet set = world.state.taskSet(FIRST).orElseThrow();
        assertThat(set.status()).isEqualTo(TaskSet.Status.PRIMARY);
        assertThat(set.stabilityStatus()).isEqualTo(TaskSet.STEADY_STATE);
        assertThat(set.runningCount()).isEqualTo(3);
        assertThat(world.liveBySet()).isEqualTo(Map.of(FIRST, 3L));
        assertThat(world.messages()).contains("(service web, taskSet " + FIRST + ") has reached a steady state.",
                "(service web) has reached a steady state.");
    }

    @Test
    void codeDeployRefusesANewTaskDefinitionWithEcsMessageButTakesADesiredCount() {
        ServiceState state = Services.created(Services.create().controller("CODE_DEPLOY").build(), CLUSTER, FIRST, T0)
                .next();

        refused(state, new ServiceCommand.Update(Services.updateTaskDefinition(TD2), SECONDARY, T0),
                "InvalidParameterException", "Unable to update task definition on services with a CODE_DEPLOY"
                        + " deployment controller. Use AWS CodeDeploy to trigger a new deployment.");
        ServiceState scaled = Services.updated(state, Services.updateDesiredCount(5), SECONDARY, T0).next();
        assertThat(scaled.spec().desiredCount()).isEqualTo(5);
        assertThat(scaled.deployments()).isEmpty();
        assertThat(scaled.spec().taskDefinitionArn()).isEqualTo(TD1);
    }

    private static final String SECONDARY = Deployment.deriveId("secondary");

    /** The seed's blue/green by an outside controller, one decision at a time. */
    @Test
    void blueGreenByAnOutsideController() {
        World world = new World(external(4), "i1", "i2", "i3");
        world.decide(taskSet(BLUE, TD1, 100.0));
        world.decide(new MakePrimaryTaskSet(BLUE, T0));
        world.decide(taskSet(GREEN, TD2, 0.0));
        assertThat(world.state.spec().taskDefinitionArn()).as("the PRIMARY set's").isEqualTo(TD1);

        world.stepUntil(w -> w.state.taskSets().stream().allMatch(t -> t.stabilityStatus().equals("STEADY_STATE")),
                10, w -> { });
        assertThat(world.liveBySet()).isEqualTo(Map.of(BLUE, 4L));
        assertThat(world.state.taskSet(GREEN).orElseThrow().computedDesiredCount()).isZero();

        world.decide(new ScaleTaskSet(GREEN, 100.0, "PERCENT", T0));
        assertThat(world.state.taskSet(GREEN).orElseThrow().computedDesiredCount()).isEqualTo(4);
        world.stepUntil(World::steady, 10, w -> { });
        assertThat(world.liveBySet()).isEqualTo(Map.of(BLUE, 4L, GREEN, 4L));

        world.decide(new MakePrimaryTaskSet(GREEN, T0));
        assertThat(world.state.taskSet(GREEN).orElseThrow().status()).isEqualTo(TaskSet.Status.PRIMARY);
        assertThat(world.state.taskSet(BLUE).orElseThrow().status()).isEqualTo(TaskSet.Status.ACTIVE);
        assertThat(world.state.spec().taskDefinitionArn()).isEqualTo(TD2);

        world.decide(new ScaleTaskSet(BLUE, 0.0, null, T0));
        world.stepUntil(World::steady, 10, w -> { });
        assertThat(world.liveBySet()).isEqualTo(Map.of(GREEN, 4L));

        world.decide(new DeleteTaskSet(BLUE, false, T0));
        assertThat(world.state.taskSet(BLUE).orElseThrow().status()).isEqualTo(TaskSet.Status.DRAINING);
        world.step();
        assertThat(world.state.taskSets()).extracting(TaskSet::id).containsExactly(GREEN);
        assertThat(world.liveBySet()).isEqualTo(Map.of(GREEN, 4L));
    }

    @Test
    void aDeletedTaskSetStopsItsTasksAndIsRemovedOnceTheyStopped() {
        World world = new World(external(2), "i1", "i2");
        world.decide(taskSet(BLUE, TD1, 100.0));
        world.stepUntil(World::steady, 10, w -> { });

        world.decide(new DeleteTaskSet(BLUE, true, T0));
        Decision stops = world.step();

        assertThat(stops.actions()).singleElement().isInstanceOfSatisfying(Action.StopTasks.class,
                s -> assertThat(s.reason()).isEqualTo(Action.scalingActivity(BLUE)));
        assertThat(world.state.taskSet(BLUE)).as("DRAINING while its tasks stop").isPresent();
        world.step();
        assertThat(world.state.taskSets()).isEmpty();
        assertThat(world.live()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"3, 50, 2", "4, 33.3, 2", "3, 33.333333, 1", "10, 0.1, 1", "10, 0, 0", "7, 100, 7"})
    void theComputedDesiredCountRoundsUp(int desired, double scale, int computed) {
        assertThat(TaskSet.computedDesiredCount(desired, scale)).isEqualTo(computed);
    }

    @Test
    void taskSetApisOnAServiceOfTheEcsControllerAreRefusedWithEcsMessage() {
        refused(Services.replica(2, 100, 200), taskSet(BLUE, TD1, null), "InvalidParameterException",
                "Amazon ECS only supports task set management on services configured to use external deployment"
                        + " controllers.");
    }

    @Test
    void unknownTaskSetsAreNotFound() {
        ServiceState state = external(2);
        String unknown = Deployment.deriveId("unknown");
        String message = "The specified task set does not exist.";
        refused(state, new ScaleTaskSet(unknown, 50.0, null, T0), "TaskSetNotFoundException", message);
        refused(state, new DeleteTaskSet(unknown, true, T0), "TaskSetNotFoundException", message);
        refused(state, new MakePrimaryTaskSet(unknown, T0), "TaskSetNotFoundException", message);
    }

    @Test
    void aMissingServiceIsNotFoundAndADeletedOneNotActive() {
        refused(null, taskSet(BLUE, TD1, null), "ServiceNotFoundException", "Service not found.");
        ServiceState deleted = Services.deleted(external(0), new ServiceCommand.DeleteService(false), T0).next();
        refused(deleted, taskSet(BLUE, TD1, null), "ServiceNotActiveException", "Service was not ACTIVE.");
    }

    @Test
    void thePrimaryOrAScaledTaskSetIsDeletedOnlyWithForce() {
        World world = new World(external(2), "i1");
        world.decide(taskSet(BLUE, TD1, 100.0));
        world.decide(new MakePrimaryTaskSet(BLUE, T0));
        world.decide(taskSet(GREEN, TD2, 50.0));

        refused(world.state, new DeleteTaskSet(BLUE, false, T0), "InvalidParameterException", "Task set " + BLUE
                + " is the PRIMARY task set of the service: make another one primary first, or delete it with force.");
        refused(world.state, new DeleteTaskSet(GREEN, false, T0), "InvalidParameterException", "Task set " + GREEN
                + " has not been scaled down to zero: scale it to 0 first, or delete it with force.");
        assertThat(world.decide(new DeleteTaskSet(BLUE, true, T0))).hasSize(1);
    }

    @Test
    void scalesAreChecked() {
        World world = new World(external(2), "i1");
        world.decide(taskSet(BLUE, TD1, null));
        assertThat(world.state.taskSet(BLUE).orElseThrow().scale()).as("the default").isEqualTo(100.0);

        refused(world.state, new ScaleTaskSet(BLUE, 100.5, null, T0), "InvalidParameterException",
                "scale.value must be between 0 and 100.");
        refused(world.state, new ScaleTaskSet(BLUE, 50.0, "COUNT", T0), "InvalidParameterException",
                "scale.unit must be PERCENT.");
        refused(world.state, new ScaleTaskSet(BLUE, null, null, T0), "InvalidParameterException",
                "scale can not be blank.");
    }

    @Test
    void aServiceHoldsAtMostFiveTaskSets() {
        World world = new World(external(2), "i1");
        for (int i = 0; i < 5; i++) {
            world.decide(taskSet(Deployment.deriveId("set " + i), TD1, 0.0));
        }
        refused(world.state, taskSet(BLUE, TD1, 0.0), "InvalidParameterException",
                "5 deployments exist on the service. Unable to create new TaskSet since this exceeds the maximum"
                        + " limit.");
    }
}
