package io.berth.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeChartTest {

    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

    @Test
    void aStepSeriesHoldsEachValueUntilTheNextAndToTheEnd() {
        TimeChart chart = TimeChart.of(List.of(new TimeChart.Series("running", "#000", true, false, List.of(
                new TimeChart.Point(T0, 0), new TimeChart.Point(T0.plusSeconds(50), 10)))), List.of(), T0,
                T0.plusSeconds(100));

        int left = TimeChart.LEFT;
        int right = TimeChart.WIDTH - TimeChart.RIGHT;
        int middle = left + (right - left) / 2;
        int bottom = TimeChart.HEIGHT - TimeChart.BOTTOM;
        assertThat(chart.lines().get(0).points()).isEqualTo(left + "," + bottom + " " + middle + "," + bottom + " "
                + middle + "," + TimeChart.TOP + " " + right + "," + TimeChart.TOP);
        assertThat(chart.lines().get(0).lastValue()).isEqualTo("10");
        assertThat(chart.ticks()).extracting(TimeChart.Tick::label).containsExactly("0", "5", "10");
        assertThat(chart.from()).isEqualTo("06:00:00");
        assertThat(chart.to()).isEqualTo("06:01:40");
    }

    @Test
    void marksOutsideTheWindowAreLeftOut() {
        TimeChart chart = TimeChart.of(List.of(), List.of(new TimeChart.Mark(T0.minusSeconds(1), "before", "red"),
                new TimeChart.Mark(T0.plusSeconds(10), "inside", "red")), T0, T0.plusSeconds(20));

        assertThat(chart.rules()).extracting(TimeChart.Rule::label).containsExactly("inside");
        assertThat(chart.empty()).isTrue();
    }

    @Test
    void theValueAxisEndsAtARoundNumber() {
        assertThat(TimeChart.niceCeiling(7)).isEqualTo(10);
        assertThat(TimeChart.niceCeiling(75)).isEqualTo(100);
        assertThat(TimeChart.niceCeiling(1.5)).isEqualTo(2);
        assertThat(TimeChart.niceCeiling(0)).isEqualTo(1);
        assertThat(TimeChart.format(37.25)).isEqualTo("37.3");
    }

    @Test
    void stepsAreEvenlySpacedWithTheTimeSinceThePreviousOne() {
        List<TimeChart.Step> steps = TimeChart.steps(List.of(new TimeChart.Mark(T0, "placed", "b"),
                new TimeChart.Mark(T0.plusMillis(120), "pending", "b"),
                new TimeChart.Mark(T0.plusSeconds(3725), "stopped", "r")));

        assertThat(steps).extracting(TimeChart.Step::x).containsExactly(TimeChart.LEFT,
                TimeChart.LEFT + (TimeChart.WIDTH - TimeChart.LEFT - TimeChart.RIGHT) / 2,
                TimeChart.WIDTH - TimeChart.RIGHT);
        assertThat(steps).extracting(TimeChart.Step::after).containsExactly("", "+120 ms", "+1 h 2 min");
        assertThat(steps.get(0).at()).isEqualTo("06:00:00.000");
        assertThat(TimeChart.elapsed(java.time.Duration.ofMillis(4240))).isEqualTo("4.2 s");
    }
}
