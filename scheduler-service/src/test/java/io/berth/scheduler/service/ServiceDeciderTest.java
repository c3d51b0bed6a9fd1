package io.berth.scheduler.service;

import static io.berth.scheduler.service.Services.CLUSTER;
import static io.berth.scheduler.service.Services.FIRST;
import static io.berth.scheduler.service.Services.RECONCILER;
import static io.berth.scheduler.service.Services.SECOND;
import static io.berth.scheduler.service.Services.T0;
import static io.berth.scheduler.service.Services.TD1;
import static io.berth.scheduler.service.Services.TD2;
import static io.berth.scheduler.service.Services.completed;
import static io.berth.scheduler.service.Services.replica;
import static io.berth.scheduler.service.Services.runningTasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.berth.ecs.EcsException;
import io.berth.scheduler.service.Deployment.RolloutState;
import io.berth.scheduler.service.Deployment.Status;
import io.berth.scheduler.service.DeploymentChange.Started;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import io.berth.events.ServiceEvent;
import io.berth.events.Shapes.DeploymentCircuitBreaker;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.DeploymentCounts;
import io.berth.events.Shapes.Tag;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.events.ServiceEvent.ServiceTagsChanged;
import io.berth.events.ServiceEvent.ServiceTasksCounted;
import io.berth.events.ServiceEvent.ServiceUpdated;
import io.berth.scheduler.service.ServiceCommand.DeleteService;
import io.berth.testsupport.DeciderSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceDeciderTest {

    final ServiceDecider decider = new ServiceDecider();

    private ServiceCommand.Create createCommand(String clientToken) {
        return new ServiceCommand.Create(CLUSTER, Services.create().clientToken(clientToken).build(), FIRST, T0);
    }

    @Test
    void createServiceIsTheServiceAndItsFirstDeploymentAndAClientTokenMakesItIdempotent() {
        List<ServiceEvent> created = DeciderSpec.of(decider).when(createCommand("token-1")).events();

        assertThat(created).hasSize(2);
        assertThat(created.get(0)).isInstanceOfSatisfying(ServiceCreated.class, c -> {
            assertThat(c.serviceArn()).isEqualTo(Services.ACCOUNT + "service/prod/web");
            assertThat(c.deploymentConfiguration().maximumPercent()).isEqualTo(200);
            assertThat(c.propagateTags()).isEqualTo("NONE");
            assertThat(c.clientToken()).isEqualTo("token-1");
            assertThat(c.at()).isEqualTo(T0);
        });
        assertThat(created.get(1)).isEqualTo(new DeploymentStarted(CLUSTER, Services.ACCOUNT + "service/prod/web",
                FIRST, TD1, 3, null, T0));
        ServiceEvent[] history = created.toArray(ServiceEvent[]::new);
        DeciderSpec.of(decider).given(history).when(createCommand("token-1")).then();
        DeciderSpec.of(decider).given(history).when(createCommand("token-2"))
                .thenRejected("InvalidParameterException", "Creation of service was not idempotent.");
        DeciderSpec.of(decider).given(history).when(createCommand(null))
                .thenRejected("InvalidParameterException", "Creation of service was not idempotent.");
    }

    @Test
    void anUpdateIsTheSpecItChangedAndThePrimarysNewDesiredCountOrANewDeployment() {
        ServiceEvent[] history = DeciderSpec.of(decider).when(createCommand(null)).events()
                .toArray(ServiceEvent[]::new);
        String arn = Services.ACCOUNT + "service/prod/web";

        DeciderSpec.of(decider).given(history)
                .when(new ServiceCommand.Update(Services.updateDesiredCount(5), SECOND, T0.plusSeconds(1)))
                .then(new ServiceUpdated(CLUSTER, arn, 5, null, new DeploymentConfiguration(100, 200,
                                new DeploymentCircuitBreaker(false, false)), false, null, null, null, null, null, null,
                                null, T0.plusSeconds(1)),
                        new ServiceTasksCounted(CLUSTER, arn, null, List.of(new DeploymentCounts(FIRST, 5, 0, 0, 0,
                                false)), null, List.of(), List.of(), T0.plusSeconds(1)));
        List<ServiceEvent> redeploy = DeciderSpec.of(decider).given(history)
                .when(new ServiceCommand.Update(Services.updateTaskDefinition(TD2), SECOND, T0)).events();
        assertThat(redeploy).last().isEqualTo(new DeploymentStarted(CLUSTER, arn, SECOND, TD2, 3, null, T0));
        DeciderSpec.of(decider).when(new ServiceCommand.Update(Services.updateDesiredCount(1), SECOND, T0))
                .thenRejected("ServiceNotFoundException", "Service not found.");
    }

    @Test
    void deleteDrainsAndRetagReplacesTheTags() {
        ServiceEvent[] history = DeciderSpec.of(decider).when(createCommand(null)).events()
                .toArray(ServiceEvent[]::new);
        String arn = Services.ACCOUNT + "service/prod/web";

        assertThat(DeciderSpec.of(decider).given(history).when(new ServiceCommand.Delete(new DeleteService(true), T0))
                .then(new ServiceDeleted(CLUSTER, arn, T0), new ServiceTasksCounted(CLUSTER, arn, null,
                        List.of(new DeploymentCounts(FIRST, 0, 0, 0, 0, false)), null, List.of(), List.of(), T0))
                .status()).isEqualTo(ServiceState.Status.DRAINING);
        DeciderSpec.of(decider).given(history)
                .when(new ServiceCommand.Retag(CLUSTER, List.of(new Tag("team", "a")), null))
                .then(new ServiceTagsChanged(CLUSTER, arn, List.of(new Tag("team", "a"))));
        DeciderSpec.of(decider).given(history)
                .when(new ServiceCommand.Retag(Services.ACCOUNT + "cluster/other", List.of(), null))
                .thenRejected("ResourceNotFoundException", "The specified resource could not be found.");
    }

    @Test
    void aServiceImportedFromItsRowIsThatRowsState() {
        ServiceState state = completed(replica(3, 100, 200)).record("(service web) has reached a steady state.", T0);
        ObjectNode row = EventJson.mapper().valueToTree(state);

        assertThat(decider.evolve(null, new ServiceEvent.ServiceImported(CLUSTER, state.spec().serviceArn(), row)))
                .isEqualTo(state);
    }

    @Test
    void eventsWrittenBeforeTheyCarriedTheWholeServiceStillFold() {
        String arn = Services.ACCOUNT + "service/prod/web";
        ServiceState state = decider.fold(null, List.of(
                new ServiceCreated(CLUSTER, arn, "web", TD1, 2, "REPLICA", "EC2", new DeploymentConfiguration(100, 200,
                        new DeploymentCircuitBreaker(false, false)), List.of(), List.of()),
                new DeploymentStarted(CLUSTER, arn, FIRST, TD1, 2, null, null),
                new ServiceUpdated(CLUSTER, arn, 4, null, null, false),
                new ServiceDeleted(CLUSTER, arn)));

        assertThat(state.status()).isEqualTo(ServiceState.Status.DRAINING);
        assertThat(state.primary().id()).isEqualTo(FIRST);
        assertThat(state.spec().propagateTags()).isEqualTo("NONE");
        assertThat(state.createdAt()).isNull();
    }

    @Test
    void createServiceStartsTheFirstDeployment() {
        Decision decision = Services.created(Services.create().build(), CLUSTER, FIRST, T0);

        Deployment first = decision.next().primary();
        assertThat(decision.deploymentChanges()).containsExactly(new Started(first));
        assertThat(decision.actions()).isEmpty();
        assertThat(first).isEqualTo(new Deployment(FIRST, Status.PRIMARY, TD1, 3, 0, 0, 0, RolloutState.IN_PROGRESS,
                "ECS deployment " + FIRST + " in progress.", T0, T0, false));
        assertThat(decision.next().status()).isEqualTo(ServiceState.Status.ACTIVE);
        assertThat(decision.next().createdAt()).isEqualTo(T0);
        assertThat(decision.next().events()).isEmpty();
    }

    @Test
    void anUpdateWithANewTaskDefinitionStartsADeploymentAndKeepsTheOldOneActive() {
        ServiceState state = completed(replica(3, 100, 200));

        Decision decision = Services.updated(state, Services.updateTaskDefinition(TD2), SECOND, T0);

        assertThat(decision.next().deployments()).extracting(Deployment::id, Deployment::status,
                Deployment::taskDefinitionArn).containsExactly(
                        tuple(SECOND, Status.PRIMARY, TD2),
                        tuple(FIRST, Status.ACTIVE, TD1));
        assertThat(decision.deploymentChanges()).singleElement().isInstanceOf(Started.class);
        assertThat(decision.next().spec().taskDefinitionArn()).isEqualTo(TD2);
        assertThat(decision.next().steady()).isFalse();
        assertThat(decision.next().lastCompletedDeployment().id()).isEqualTo(FIRST);
    }

    @Test
    void anUpdateOfTheDesiredCountAloneStartsNoDeployment() {
        Decision decision = Services.updated(completed(replica(3, 100, 200)), Services.updateDesiredCount(7),
                SECOND, T0.plusSeconds(5));

        assertThat(decision.deploymentChanges()).isEmpty();
        assertThat(decision.next().deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(FIRST);
            assertThat(d.desiredCount()).isEqualTo(7);
            assertThat(d.rolloutState()).isEqualTo(RolloutState.COMPLETED);
        });
    }

    @Test
    void aReplicaServiceScaledAbove0IsOnlyDeletedWithForce() {
        ServiceState state = completed(replica(3, 100, 200));

        assertThatThrownBy(() -> Services.deleted(state, new DeleteService(false), T0))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterException");
                    assertThat(e.getMessage()).isEqualTo("The service cannot be stopped while it is scaled above 0.");
                });
        assertThat(Services.deleted(state, new DeleteService(true), T0).next().status())
                .isEqualTo(ServiceState.Status.DRAINING);
        assertThat(Services.deleted(Services.daemon(null), new DeleteService(false), T0).next().status())
                .isEqualTo(ServiceState.Status.DRAINING);
    }

    @Test
    void aDeletedServiceStopsAllItsTasksRegardlessOfTheBoundsThenTurnsInactive() {
        ServiceState draining = Services.deleted(completed(replica(3, 100, 200)), new DeleteService(true), T0)
                .next();

        Decision decision = RECONCILER.reconcile(draining, runningTasks("a", FIRST, 3), Services.cluster("i1"), T0);
        Decision after = RECONCILER.reconcile(decision.next(), List.of(), Services.cluster("i1"), T0);

        assertThat(draining.spec().desiredCount()).isZero();
        assertThat(decision.stoppedTaskArns()).hasSize(3);
        assertThat(decision.stops()).singleElement().extracting(Action.StopTasks::reason)
                .isEqualTo("Scaling activity initiated by (deployment " + FIRST + ")");
        assertThat(decision.next().status()).isEqualTo(ServiceState.Status.DRAINING);
        assertThat(decision.next().steady()).isFalse();
        assertThat(after.actions()).isEmpty();
        assertThat(after.next().status()).isEqualTo(ServiceState.Status.INACTIVE);
    }

    @Test
    void onlyAnActiveServiceCanBeUpdatedOrDeleted() {
        ServiceState draining = Services.deleted(completed(replica(0, 100, 200)), new DeleteService(false), T0)
                .next();

        assertThatThrownBy(() -> Services.updated(draining, Services.updateDesiredCount(1), SECOND, T0))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ServiceNotActiveException");
                    assertThat(e.getMessage()).isEqualTo("Service was not ACTIVE.");
                });
        assertThatThrownBy(() -> Services.deleted(draining, new DeleteService(true), T0))
                .hasMessage("Service was not ACTIVE.");
    }

    @Test
    void messagesAfterPlacementAreRecorded() {
        ServiceState state = replica(2, 100, 200);

        ServiceState started = ServiceDecider.tasksStarted(state, List.of(Services.task("a"), Services.task("b")), T0);
        ServiceState failed = ServiceDecider.placementFailed(started, "RESOURCE:MEMORY", Services.instance("ci9"),
                T0.plusSeconds(1));

        assertThat(failed.events()).extracting(ServiceMessage::message).containsExactly(
                "(service web) was unable to place a task because no container instance met all of its requirements."
                        + " The closest matching (container-instance ci9) has insufficient memory available. For more"
                        + " information, see the Troubleshooting section.",
                "(service web) has started 2 tasks: (task a) (task b).");
        assertThat(ServiceDecider.tasksStarted(state, List.of(), T0)).isSameAs(state);
    }

    @Test
    void theNewest100MessagesAreKept() {
        ServiceState state = replica(2, 100, 200);
        for (int i = 0; i < 150; i++) {
            state = state.record("message " + i, T0.plusSeconds(i));
        }

        assertThat(state.events()).hasSize(100);
        assertThat(state.events().get(0).message()).isEqualTo("message 149");
        assertThat(state.events().get(99).message()).isEqualTo("message 50");
        assertThat(state.events()).extracting(ServiceMessage::id).doesNotHaveDuplicates();
    }

    @Test
    void aRepeatedMessageIsSuppressedForSixHoursUnlessAnotherCameBetween() {
        ServiceState state = replica(2, 100, 200).record("same", T0);

        assertThat(state.record("same", T0.plusSeconds(3600)).events()).hasSize(1);
        assertThat(state.record("same", T0.plus(ServiceState.REPEAT_AFTER)).events()).hasSize(2);
        assertThat(state.record("other", T0.plusSeconds(1)).record("same", T0.plusSeconds(2)).events()).hasSize(3);
    }

    @Test
    void deploymentIdsAreEcsSvcAnd19DigitsAndDerivedRepeatably() {
        assertThat(Deployment.deriveId("x")).matches("ecs-svc/[0-9]{19}").isEqualTo(Deployment.deriveId("x"))
                .isNotEqualTo(Deployment.deriveId("y"));
        assertThat(Deployment.isValidId("ecs-svc/9223370545345641169")).isTrue();
        assertThat(Deployment.isValidId("ecs-svc/922337054534564116")).isFalse();
        assertThat(Deployment.isValidId("svc/9223370545345641169")).isFalse();
        assertThatThrownBy(() -> Deployment.start("ecs-svc/1", TD1, 1, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
