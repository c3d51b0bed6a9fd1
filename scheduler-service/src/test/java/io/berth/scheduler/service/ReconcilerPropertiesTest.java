package io.berth.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.scheduler.service.ServiceCommand.DeleteService;
import io.berth.scheduler.service.ServiceCommand.RequestedCircuitBreaker;
import io.berth.scheduler.service.ServiceCommand.RequestedConfiguration;
import io.berth.scheduler.service.ServiceCommand.UpdateService;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random histories: instances drain and join, the desired count and task definition change,
 * tasks die, turn unhealthy or fail to start. Throughout, deciding again on applied actions asks for
 * nothing ({@link World#step}); once the world is calm the service reaches a steady state with its
 * desired count off draining instances, or reports that its configuration lets no task move.
 */
class ReconcilerPropertiesTest {

    private static final int[][] CONFIGURATIONS = {{100, 200}, {50, 100}, {0, 100}, {50, 200}, {100, 150},
            {90, 110}, {25, 125}, {100, 101}};
    private static final String[] TASK_DEFINITIONS = {Services.TD1, Services.TD2, Services.TD3};

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCalmWorldSettlesOrReportsTheStall(long seed) {
        Random random = new Random(seed);
        int[] configuration = CONFIGURATIONS[random.nextInt(CONFIGURATIONS.length)];
        boolean daemon = random.nextInt(4) == 0;
        RequestedConfiguration requested = new RequestedConfiguration(configuration[0],
                daemon ? null : configuration[1],
                random.nextBoolean() ? new RequestedCircuitBreaker(true, random.nextBoolean()) : null);
        World world = new World(Services.created(Services.create().desiredCount(daemon ? null : random.nextInt(8))
                .schedulingStrategy(daemon ? "DAEMON" : null).configuration(requested).build(), Services.CLUSTER,
                Services.FIRST, Services.T0).next(), "i1", "i2", "i3", "i4");

        for (int i = 0; i < 30; i++) {
            disturb(world, random, daemon);
            world.step();
        }
        world.failingTaskDefinitions.clear();
        if (world.state.primary().rolloutState() == Deployment.RolloutState.FAILED) {
            world.update(new UpdateService(null, null, null, null, null, null, null, null, null, null, true));
        }
        boolean stalled = false;
        for (int i = 0; i < 40 && !world.steady(); i++) {
            stalled |= world.step().stalled();
        }

        if (world.steady()) {
            assertThat(world.live()).hasSize(world.state.spec().desiredCount())
                    .noneMatch(t -> world.draining.contains(t.containerInstanceArn()));
            assertThat(world.state.deployments()).singleElement();
        } else {
            DeploymentBounds bounds = world.state.spec().bounds();
            assertThat(stalled).as("not steady, so stalled").isTrue();
            if (!daemon) {
                assertThat(world.healthy()).isLessThanOrEqualTo(bounds.minimumHealthy());
                assertThat(world.live()).hasSizeGreaterThanOrEqualTo(bounds.maximumTotal());
            }
        }
        world.state = Services.deleted(world.state, new DeleteService(true), world.now).next();
        // The first step asks the tasks to stop; the service is INACTIVE once they have stopped.
        world.step();
        world.step();
        assertThat(world.state.status()).isEqualTo(ServiceState.Status.INACTIVE);
    }

    private static void disturb(World world, Random random, boolean daemon) {
        int event = random.nextInt(10);
        if (event == 0 && !daemon) {
            world.update(Services.updateDesiredCount(random.nextInt(9)));
        } else if (event == 1) {
            world.update(Services.updateTaskDefinition(TASK_DEFINITIONS[random.nextInt(3)]));
        } else if (event == 2 && world.active.size() > 1) {
            world.drain("i" + (1 + random.nextInt(4)));
        } else if (event == 3) {
            world.join("i" + (1 + random.nextInt(6)));
        } else if (event == 4 && !world.live().isEmpty()) {
            ServiceTask t = world.live().get(random.nextInt(world.live().size()));
            world.tasks.put(t.taskArn(), new ServiceTask(t.taskArn(), t.deploymentId(), t.containerInstanceArn(),
                    "STOPPED", "STOPPED", t.startedAt(), null, "EssentialContainerExited"));
        } else if (event == 5 && !world.live().isEmpty()) {
            ServiceTask t = world.live().get(random.nextInt(world.live().size()));
            world.tasks.put(t.taskArn(), new ServiceTask(t.taskArn(), t.deploymentId(), t.containerInstanceArn(),
                    t.lastStatus(), t.desiredStatus(), t.startedAt(), "UNHEALTHY", null));
        } else if (event == 6 && random.nextInt(4) == 0) {
            world.failingTaskDefinitions.add(TASK_DEFINITIONS[random.nextInt(3)]);
        } else if (event == 7 && random.nextInt(3) == 0) {
            world.failingTaskDefinitions.clear();
        }
    }
}
