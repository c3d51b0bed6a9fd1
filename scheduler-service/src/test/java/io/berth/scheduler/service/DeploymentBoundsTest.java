package io.berth.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.Shapes.DeploymentCircuitBreaker;
import io.berth.events.Shapes.DeploymentConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The band of a deployment configuration, with the worked examples of the ECS guide. */
class DeploymentBoundsTest {

    @ParameterizedTest(name = "desired {0}, {1}%/{2}%: at least {3} healthy, at most {4} tasks")
    @CsvSource({
            "4, 50, 200, 2, 8",
            "2, 75, 200, 2, 4",
            "3, 100, 125, 3, 3",
            "10, 90, 110, 9, 11",
            "10, 25, 125, 3, 12",
            "7, 50, 150, 4, 10",
            "0, 100, 200, 0, 0",
            "1, 0, 100, 0, 1",
            "2147483647, 100, 200, 2147483647, 2147483647",
    })
    void minimumRoundsUpAndMaximumRoundsDown(int desired, int min, int max, int minimumHealthy, int maximumTotal) {
        DeploymentBounds bounds = DeploymentBounds.of(desired, configuration(min, max));

        assertThat(bounds).isEqualTo(new DeploymentBounds(minimumHealthy, maximumTotal));
    }

    @ParameterizedTest(name = "desired {0}, {1}%/{2}% with {0} running: may stop {3}, may start {4}")
    @CsvSource({
            "4, 50, 100, 2, 0",
            "2, 75, 100, 0, 0",
            "4, 100, 200, 0, 4",
            "3, 100, 125, 0, 0",
            "3, 50, 125, 1, 0",
    })
    void theGuidesWorkedExamples(int desired, int min, int max, int stoppable, int startable) {
        DeploymentBounds bounds = DeploymentBounds.of(desired, configuration(min, max));

        assertThat(bounds.stoppable(desired)).isEqualTo(stoppable);
        assertThat(bounds.startable(desired)).isEqualTo(startable);
    }

    private static DeploymentConfiguration configuration(int min, int max) {
        return new DeploymentConfiguration(min, max, new DeploymentCircuitBreaker(false, false));
    }
}
