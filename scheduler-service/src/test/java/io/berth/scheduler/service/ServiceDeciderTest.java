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
import io.berth.scheduler.service.ServiceCommand.DeleteService;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceDeciderTest {

    @Test
    void createServiceStartsTheFirstDeployment() {
        Decision decision = ServiceDecider.create(Services.create().build(), CLUSTER, FIRST, T0);

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

        Decision decision = ServiceDecider.update(state, Services.updateTaskDefinition(TD2), SECOND, T0);

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
        Decision decision = ServiceDecider.update(completed(replica(3, 100, 200)), Services.updateDesiredCount(7),
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

        assertThatThrownBy(() -> ServiceDecider.delete(state, new DeleteService(false), T0))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterException");
                    assertThat(e.getMessage()).isEqualTo("The service cannot be stopped while it is scaled above 0.");
                });
        assertThat(ServiceDecider.delete(state, new DeleteService(true), T0).next().status())
                .isEqualTo(ServiceState.Status.DRAINING);
        assertThat(ServiceDecider.delete(Services.daemon(null), new DeleteService(false), T0).next().status())
                .isEqualTo(ServiceState.Status.DRAINING);
    }

    @Test
    void aDeletedServiceStopsAllItsTasksRegardlessOfTheBoundsThenTurnsInactive() {
        ServiceState draining = ServiceDecider.delete(completed(replica(3, 100, 200)), new DeleteService(true), T0)
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
        ServiceState draining = ServiceDecider.delete(completed(replica(0, 100, 200)), new DeleteService(false), T0)
                .next();

        assertThatThrownBy(() -> ServiceDecider.update(draining, Services.updateDesiredCount(1), SECOND, T0))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ServiceNotActiveException");
                    assertThat(e.getMessage()).isEqualTo("Service was not ACTIVE.");
                });
        assertThatThrownBy(() -> ServiceDecider.delete(draining, new DeleteService(true), T0))
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
