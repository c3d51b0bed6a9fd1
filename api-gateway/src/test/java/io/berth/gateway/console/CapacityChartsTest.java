package io.berth.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityChartsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    /** A group of one instance: a task waits, managed scaling asks for a second, then the load leaves. */
    private static List<CapacityCharts.Measurement> measurements() {
        return List.of(new CapacityCharts.Measurement(at(10), 100, 1, null, "CapacityProviderReservation 100 at target"),
                new CapacityCharts.Measurement(at(20), 200, 1, 2, "above target 100: scale out to 2"),
                new CapacityCharts.Measurement(at(40), 100, 2, null, "at target 100"),
                new CapacityCharts.Measurement(at(60), 50, 2, null, "below target 100 since 06:01:00"),
                new CapacityCharts.Measurement(at(90), 50, 2, 1, "below target 100 for 15 datapoints: scale in to 1"));
    }

    private static List<CapacityCharts.GroupMoment> group() {
        return List.of(new CapacityCharts.DesiredCapacity(at(0), 0), new CapacityCharts.DesiredCapacity(at(2), 1),
                new CapacityCharts.InService(at(5), "i-1"), new CapacityCharts.DesiredCapacity(at(21), 2),
                new CapacityCharts.InService(at(30), "i-2"), new CapacityCharts.DesiredCapacity(at(91), 1),
                new CapacityCharts.OutOfService(at(92), "i-2"), new CapacityCharts.OutOfService(at(95), "i-2"));
    }

    @Test
    void theReservationIsDrawnInStepsAgainstTheTargetAcrossTheWholeSpan() {
        CapacityCharts.Provider provider = CapacityCharts.provider("cp", "hosts", "target 100%", 100, measurements(),
                group(), at(120));

        TimeChart chart = provider.reservation();
        assertThat(chart.lines()).extracting(TimeChart.Line::name).containsExactly("targetCapacity 100%",
                "CapacityProviderReservation %");
        assertThat(chart.lines()).extracting(TimeChart.Line::lastValue).containsExactly("100", "50");
        assertThat(chart.lines().get(0).dashed()).isTrue();
        // Both charts start with the group's first event, so that they line up one above the other.
        assertThat(chart.from()).isEqualTo("06:00:00");
        assertThat(provider.instances().from()).isEqualTo("06:00:00");
        // The target runs from the left edge to the right one; the reservation holds its last value to the end.
        assertThat(chart.lines().get(0).points()).startsWith(TimeChart.LEFT + ",")
                .contains(" " + (TimeChart.WIDTH - TimeChart.RIGHT) + ",");
        assertThat(chart.lines().get(1).points()).contains((TimeChart.WIDTH - TimeChart.RIGHT) + ",");
    }

    @Test
    void theGroupsDesiredAndInServiceInstancesFollowItsEvents() {
        TimeChart chart = CapacityCharts.provider("cp", "hosts", "", 100, measurements(), group(), at(120))
                .instances();

        assertThat(chart.lines()).extracting(TimeChart.Line::name).containsExactly("desired capacity", "in service");
        assertThat(chart.lines()).extracting(TimeChart.Line::lastValue).containsExactly("1", "1");
        // 0 in service from creation, 1, 2, then back to 1 once; a terminated instance that already left counts once.
        String inService = chart.lines().get(1).points();
        assertThat(inService.split(" ")).hasSize(2 * 4);
    }

    @Test
    void eachDecisionIsARuleColouredByItsDirectionAndListedNewestFirstWithItsReason() {
        CapacityCharts.Provider provider = CapacityCharts.provider("cp", "hosts", "", 100, measurements(), group(),
                at(120));

        assertThat(provider.instances().rules()).extracting(TimeChart.Rule::label).containsExactly(
                "scale out to 2: above target 100: scale out to 2",
                "scale in to 1: below target 100 for 15 datapoints: scale in to 1");
        assertThat(provider.instances().rules()).extracting(TimeChart.Rule::color).containsExactly(Rollout.NEW,
                Rollout.OLD);
        assertThat(provider.reservation().rules()).hasSize(2);
        assertThat(provider.decisions()).extracting(CapacityCharts.Decision::direction)
                .containsExactly(CapacityCharts.SCALE_IN, CapacityCharts.SCALE_OUT);
        assertThat(provider.decisions().get(1)).isEqualTo(new CapacityCharts.Decision("2026-12-05T06:00:20Z",
                CapacityCharts.SCALE_OUT, 2, "above target 100: scale out to 2"));
        assertThat(provider.reservationId()).isEqualTo("reservation-cp");
    }

    @Test
    void aProviderWithoutMeasurementsOrGroupHistoryDrawsNothingYet() {
        CapacityCharts.Provider provider = CapacityCharts.provider("cp", "", "", 100, List.of(), List.of(), at(120));

        assertThat(provider.instances().empty()).isTrue();
        assertThat(provider.decisions()).isEmpty();
        assertThat(provider.reservation().lines().get(1).points()).isEmpty();
    }
}
