package io.berth.scheduler.service;

import static io.berth.scheduler.service.Services.TD1;
import static io.berth.scheduler.service.Services.TD2;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.scheduler.service.Deployment.RolloutState;
import io.berth.scheduler.service.DeploymentChange.Completed;
import io.berth.scheduler.service.DeploymentChange.Removed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 10-task service on TD1 is updated to TD2 and simulated step by step: after every step the
 * healthy tasks stay at or above ⌈10 × min / 100⌉ and the tasks not STOPPED, those told to stop
 * included, at or below ⌊10 × max / 100⌋ (a stopped task's room is taken only once it stopped), and
 * the deployment completes with 10 TD2 tasks, the old deployment removed.
 */
class RollingDeploymentTest {

    private static final int DESIRED = 10;

    @ParameterizedTest(name = "min {0}% max {1}%: done within {2} steps")
    @CsvSource({
            "100, 200, 2",
            "50, 100, 5",
            "0, 100, 3",
            "50, 200, 2",
            "100, 150, 4",
            "90, 110, 11",
            "25, 125, 4",
            "0, 200, 2",
    })
    void staysWithinTheBandAtEveryStepAndCompletes(int min, int max, int expectedSteps) {
        World world = new World(Services.replica(DESIRED, min, max), "i1", "i2", "i3", "i4", "i5");
        world.stepUntil(World::steady, 10, w -> { });
        assertThat(world.live()).hasSize(DESIRED).allMatch(t -> t.deploymentId().equals(Services.FIRST));
        int floor = (DESIRED * min + 99) / 100;
        int ceiling = DESIRED * max / 100;

        world.update(Services.updateTaskDefinition(TD2));
        String second = world.state.primary().id();
        int steps = world.stepUntil(w -> w.state.primary().rolloutState() == RolloutState.COMPLETED, 40, w -> {
            assertThat(w.healthy()).as("healthy tasks at %s", w.now).isGreaterThanOrEqualTo(floor);
            assertThat(w.occupying()).as("tasks not stopped yet at %s, those told to stop included", w.now)
                    .hasSizeLessThanOrEqualTo(ceiling);
        });

        assertThat(steps).isEqualTo(expectedSteps);
        assertThat(world.state.deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(second);
            assertThat(d.taskDefinitionArn()).isEqualTo(TD2);
            assertThat(d.runningCount()).isEqualTo(DESIRED);
            assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment " + second + " completed.");
        });
        assertThat(world.live()).hasSize(DESIRED).allMatch(t -> t.deploymentId().equals(second) && t.running());
        assertThat(world.state.lastCompletedDeployment().taskDefinitionArn()).isEqualTo(TD2);
        assertThat(world.decisions).flatExtracting(Decision::deploymentChanges)
                .filteredOn(c -> c instanceof Removed).extracting(DeploymentChange::deploymentId)
                .containsExactly(Services.FIRST);
        assertThat(world.decisions).flatExtracting(Decision::deploymentChanges)
                .filteredOn(c -> c instanceof Completed).extracting(DeploymentChange::deploymentId)
                .containsExactly(Services.FIRST, second);
        assertThat(world.messages()).filteredOn(m -> m.endsWith("has reached a steady state.")).hasSize(2);
        assertThat(world.messages().get(0)).isEqualTo("(service web) has reached a steady state.");
        assertThat(world.messages().get(1)).isEqualTo("(service web) (deployment " + second
                + ") deployment completed.");
        assertThat(world.state.spec().taskDefinitionArn()).isEqualTo(TD2);
        assertThat(TD1).isNotEqualTo(TD2);
    }

    @ParameterizedTest(name = "min {0}% max {1}%: the first step stops {2} and starts {3}")
    @CsvSource({
            "0, 100, 10, 0",
            "50, 100, 5, 0",
            "100, 200, 0, 10",
            "50, 200, 5, 10",
            "100, 150, 0, 5",
            "90, 110, 1, 1",
    })
    void theFirstStepUsesBothBoundsAsFarAsTheyGo(int min, int max, int stops, int starts) {
        World world = new World(Services.replica(DESIRED, min, max), "i1", "i2", "i3", "i4", "i5");
        world.stepUntil(World::steady, 10, w -> { });
        world.update(Services.updateTaskDefinition(TD2));

        Decision first = world.step();

        assertThat(first.stoppedTaskArns()).hasSize(stops);
        assertThat(first.startCount()).isEqualTo(starts);
        assertThat(first.stops()).allSatisfy(s -> {
            assertThat(s.stopCode()).isEqualTo("ServiceSchedulerInitiated");
            assertThat(s.reason()).isEqualTo("Scaling activity initiated by (deployment "
                    + world.state.primary().id() + ")");
        });
    }
}
