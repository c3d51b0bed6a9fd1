package io.berth.scheduler.service;

import static io.berth.scheduler.service.Services.CLUSTER;
import static io.berth.scheduler.service.Services.FIRST;
import static io.berth.scheduler.service.Services.SECOND;
import static io.berth.scheduler.service.Services.T0;
import static io.berth.scheduler.service.Services.TD1;
import static io.berth.scheduler.service.Services.TD2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.scheduler.service.Deployment.RolloutState;
import io.berth.scheduler.service.ServiceCommand.StopDeployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** StopServiceDeployment (ROLLBACK) as the service decider takes it. */
class StopServiceDeploymentTest {

    private static final String ROLLBACK = Deployment.deriveId("stop");

    private static ServiceState completedThenRolling() {
        ServiceState completed = Services.completed(Services.created(Services.create().desiredCount(2).build(),
                CLUSTER, FIRST, T0).next());
        return Services.updated(completed, Services.updateTaskDefinition(TD2), SECOND, T0.plusSeconds(60)).next();
    }

    private static ServiceState stop(ServiceState state, String deploymentId) {
        return Services.DECIDER.fold(state, Services.DECIDER.decide(new StopDeployment(deploymentId, ROLLBACK,
                T0.plusSeconds(90)), state));
    }

    @Test
    void theDeploymentInProgressFailsAndTheLastCompletedTaskDefinitionIsDeployedAgain() {
        ServiceState stopped = stop(completedThenRolling(), SECOND);

        assertThat(stopped.primary().id()).isEqualTo(ROLLBACK);
        assertThat(stopped.primary().taskDefinitionArn()).isEqualTo(TD1);
        assertThat(stopped.primary().rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(stopped.spec().taskDefinitionArn()).isEqualTo(TD1);
        assertThat(stopped.deployment(SECOND)).hasValueSatisfying(d -> {
            assertThat(d.rolloutState()).isEqualTo(RolloutState.FAILED);
            assertThat(d.rolloutStateReason())
                    .isEqualTo("ECS deployment " + SECOND + " stopped by StopServiceDeployment: rolling back.");
        });
    }

    @Test
    void whatCanNotBeStoppedIsRefusedAsEcsRefusesIt() {
        ServiceState rolling = completedThenRolling();
        ServiceState first = Services.created(Services.create().desiredCount(2).build(), CLUSTER, FIRST, T0).next();

        assertThat(List.of(
                code(() -> stop(rolling, Deployment.deriveId("nothing"))),
                code(() -> stop(null, SECOND)),
                code(() -> stop(rolling, FIRST)),
                code(() -> stop(first, FIRST)),
                code(() -> stop(Services.completed(first), FIRST))))
                .containsExactly("ServiceDeploymentNotFoundException", "ServiceDeploymentNotFoundException",
                        "ConflictException", "ConflictException", "ConflictException");
    }

    private static String code(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (EcsException e) {
            return e.code();
        }
    }
}
