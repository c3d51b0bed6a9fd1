package io.berth.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutTest {

    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

    private static Rollout.Counted counted(int second, Object... deploymentRunningDesired) {
        Map<String, int[]> deployments = new LinkedHashMap<>();
        for (int i = 0; i < deploymentRunningDesired.length; i += 3) {
            deployments.put((String) deploymentRunningDesired[i], new int[] {(int) deploymentRunningDesired[i + 1],
                    (int) deploymentRunningDesired[i + 2]});
        }
        return new Rollout.Counted(T0.plusSeconds(second), deployments);
    }

    /** As the scheduler records it: each count event names only the deployments whose counts changed. */
    private static List<Rollout.Moment> rollingUpdate() {
        return List.of(new Rollout.Started(T0, "d1", 4), counted(10, "d1", 4, 4),
                new Rollout.Started(T0.plusSeconds(20), "d2", 4), counted(25, "d1", 4, 0),
                counted(30, "d2", 2, 4), counted(40, "d1", 2, 0, "d2", 4, 4),
                new Rollout.Failed(T0.plusSeconds(45), "d2", "tasks failed to start", "d1"));
    }

    @Test
    void newAndOldTasksAreDrawnAgainstTheBandOfTheNewestDeployment() {
        TimeChart chart = Rollout.band(rollingUpdate(), 50, 150, T0.plusSeconds(60));

        assertThat(chart.lines()).extracting(TimeChart.Line::name).containsExactly("maximum (150%)",
                "minimum healthy (50%)", "old deployments running", "newest deployment running");
        assertThat(chart.lines()).extracting(TimeChart.Line::lastValue).containsExactly("6", "2", "2", "4");
        assertThat(chart.rules()).singleElement().satisfies(r -> assertThat(r.label())
                .isEqualTo("circuit breaker: tasks failed to start"));
    }

    @Test
    void desiredAndRunningFollowTheCounts() {
        TimeChart chart = Rollout.counts(rollingUpdate(), List.of(), T0.plusSeconds(60));

        assertThat(chart.lines()).extracting(TimeChart.Line::lastValue).containsExactly("4", "6");
    }

    @Test
    void aRemovedDeploymentNoLongerCounts() {
        List<Rollout.Moment> history = new java.util.ArrayList<>(rollingUpdate());
        history.add(new Rollout.Removed(T0.plusSeconds(50), "d1"));

        TimeChart chart = Rollout.band(history, 50, 150, T0.plusSeconds(60));

        assertThat(chart.lines()).extracting(TimeChart.Line::lastValue).containsExactly("6", "2", "0", "4");
    }

    @Test
    void eventsOfOneDecisionMakeOnePoint() {
        Instant decided = T0.plusSeconds(10);
        List<Rollout.Moment> history = List.of(new Rollout.Started(T0, "d1", 2), counted(5, "d1", 2, 2),
                new Rollout.Started(decided, "d2", 2), new Rollout.Removed(decided, "d1"),
                new Rollout.Counted(decided, Map.of("d2", new int[] {2, 2})));

        TimeChart chart = Rollout.counts(history, List.of(), T0.plusSeconds(20));

        // Points at 0 s, 5 s and 10 s only, each a step (two coordinates) but the last, which runs to the end.
        assertThat(chart.lines().get(1).points().split(" ")).hasSize(6);
        assertThat(chart.lines().get(1).lastValue()).isEqualTo("2");
    }

    @Test
    void aServiceWithoutHistoryDrawsNothing() {
        assertThat(Rollout.band(List.of(), 100, 200, T0).empty()).isTrue();
    }
}
