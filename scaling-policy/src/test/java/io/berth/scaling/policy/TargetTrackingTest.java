package io.berth.scaling.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static io.berth.scaling.policy.Proposal.Direction.IN;
import static io.berth.scaling.policy.Proposal.Direction.NONE;
import static io.berth.scaling.policy.Proposal.Direction.OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTrackingTest {

    private static final TargetTracking ALARMS = new TargetTracking();
    private static final TargetTrackingPolicy CPU_50 = TargetTrackingPolicy.predefined(50, TargetTrackingPolicy.CPU);

    private static List<Double> repeat(double value, int times) {
        return new ArrayList<>(Collections.nCopies(times, value));
    }

    @ParameterizedTest(name = "{0} tasks at {1}% of a 50% target → {2}")
    @CsvSource({
            "4, 80, 7",     // ceil(4 × 80 / 50) = ceil(6.4)
            "10, 100, 20",
            "10, 51, 11",   // ceil(10.2)
            "1, 50.001, 2", // at least one more
            "3, 1000, 60",
    })
    void scaleOutIsProportional(int current, double metric, int expected) {
        Proposal proposal = ALARMS.evaluate(CPU_50, current, repeat(metric, 3));

        assertThat(proposal.direction()).isEqualTo(OUT);
        assertThat(proposal.capacity()).isEqualTo(expected);
        assertThat(proposal.reason()).isEqualTo("metric " + metric + " > target 50.0 in the last 3 datapoints");
    }

    @Test
    void scaleOutUsesTheLatestDatapoint() {
        assertThat(ALARMS.evaluate(CPU_50, 10, List.of(90.0, 60.0, 75.0)).capacity()).isEqualTo(15);
    }

    @Test
    void alarmHighNeedsThreeDatapointsAboveTheTarget() {
        assertThat(ALARMS.evaluate(CPU_50, 4, List.of(80.0, 80.0)).direction()).isEqualTo(NONE);
        assertThat(ALARMS.evaluate(CPU_50, 4, List.of(40.0, 80.0, 80.0)).direction()).isEqualTo(NONE);
        assertThat(ALARMS.evaluate(CPU_50, 4, List.of(50.0, 80.0, 80.0)).direction()).isEqualTo(NONE);
        assertThat(ALARMS.evaluate(CPU_50, 4, List.of(10.0, 80.0, 80.0, 80.0)).direction()).isEqualTo(OUT);
    }

    @Test
    void missingDataIsNoAction() {
        assertThat(ALARMS.evaluate(CPU_50, 4, Arrays.asList(80.0, null, 80.0))).isEqualTo(Proposal.none(4, "insufficient data"));
        assertThat(ALARMS.evaluate(CPU_50, 4, Arrays.asList(80.0, 80.0, Double.NaN)).direction()).isEqualTo(NONE);
        assertThat(ALARMS.evaluate(CPU_50, 4, List.of())).isEqualTo(Proposal.none(4, "insufficient data"));
        List<Double> lowWithAGap = repeat(10, 15);
        lowWithAGap.set(3, null);
        assertThat(ALARMS.evaluate(CPU_50, 10, lowWithAGap).direction()).isEqualTo(NONE);
        assertThat(ALARMS.evaluate(CPU_50, 10, repeat(10, 14))).isEqualTo(Proposal.none(10, "no alarm in state ALARM"));
    }

    @Test
    void aMissingDatapointOutsideTheWindowDoesNotMatter() {
        List<Double> datapoints = new ArrayList<>(Arrays.asList(null, 80.0, 80.0, 80.0));

        assertThat(ALARMS.evaluate(CPU_50, 4, datapoints).direction()).isEqualTo(OUT);
    }

    @ParameterizedTest(name = "{0} tasks at {1}% of a 50% target → {2}")
    @CsvSource({
            "10, 40, 9",    // proportional ceil(8.0) = 8, but at most ceil(10% of 10) = 1 fewer
            "20, 10, 18",   // proportional 4, at most 2 fewer
            "100, 44, 90",  // proportional 88, at most 10 fewer
            "100, 44.9, 90",
            "9, 1, 8",      // at most max(1, ceil(0.9)) = 1 fewer
            "1, 0, 0",      // one task, no load: down to zero
            "3, 0, 2",
            "11, 0, 9",     // ceil(1.1) = 2 fewer
    })
    void scaleInIsGradual(int current, double metric, int expected) {
        Proposal proposal = ALARMS.evaluate(CPU_50, current, repeat(metric, 15));

        assertThat(proposal.direction()).isEqualTo(IN);
        assertThat(proposal.capacity()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} tasks at {1}% → {2}")
    @CsvSource({
            "15, 44.9, 14", // proportional ceil(13.47) = 14 is closer than the limit 15 − 2 = 13
            "15, 30, 13",   // proportional 9 is further: the limit
    })
    void scaleInTakesWhicheverOfProportionalAndTheLimitIsCloser(int current, double metric, int expected) {
        assertThat(ALARMS.evaluate(CPU_50, current, repeat(metric, 15)).capacity()).isEqualTo(expected);
    }

    @Test
    void alarmLowNeedsFifteenDatapointsBelowNinetyPercent() {
        List<Double> datapoints = repeat(40, 15);
        datapoints.set(0, 45.0);

        assertThat(ALARMS.evaluate(CPU_50, 10, datapoints).direction()).isEqualTo(NONE);
        assertThat(ALARMS.evaluate(CPU_50, 10, repeat(44.99, 15)).direction()).isEqualTo(IN);
        assertThat(ALARMS.evaluate(CPU_50, 10, repeat(45, 15)).direction()).isEqualTo(NONE);
    }

    @Test
    void oneTaskAtLowLoadStays() {
        assertThat(ALARMS.evaluate(CPU_50, 1, repeat(40, 15)))
                .extracting(Proposal::direction, Proposal::capacity).containsExactly(NONE, 1);
    }

    @Test
    void disabledScaleInNeverScalesIn() {
        TargetTrackingPolicy noScaleIn = new TargetTrackingPolicy(50, TargetTrackingPolicy.CPU, null, null, 300, 300, true);

        assertThat(ALARMS.evaluate(noScaleIn, 10, repeat(1, 15))).isEqualTo(Proposal.none(10, "scale-in disabled"));
        assertThat(ALARMS.evaluate(noScaleIn, 10, repeat(80, 3)).direction()).isEqualTo(OUT);
    }

    @Test
    void withoutCapacityThereIsNothingToMeasure() {
        assertThat(ALARMS.evaluate(CPU_50, 0, repeat(100, 15))).isEqualTo(Proposal.none(0, "no capacity to measure"));
    }

    @Test
    void theDatapointCountsAreParameters() {
        TargetTracking fast = new TargetTracking(1, 2);

        assertThat(fast.evaluate(CPU_50, 2, List.of(100.0)).capacity()).isEqualTo(4);
        assertThat(fast.evaluate(CPU_50, 2, List.of(10.0, 10.0)).direction()).isEqualTo(IN);
        assertThat(fast.evaluate(CPU_50, 2, List.of(10.0)).direction()).isEqualTo(NONE);
        assertThatThrownBy(() -> new TargetTracking(0, 15)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hugeMetricsSaturate() {
        assertThat(ALARMS.evaluate(CPU_50, 1000, repeat(1e300, 3)).capacity()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ALARMS.evaluate(CPU_50, Integer.MAX_VALUE, repeat(60, 3)).capacity()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void alarmNamesAndCause() {
        String high = TargetTracking.alarmName("service/c/s", OUT, "4f2a");

        assertThat(high).isEqualTo("TargetTracking-service/c/s-AlarmHigh-4f2a");
        assertThat(TargetTracking.alarmName("service/c/s", IN, "4f2a")).isEqualTo("TargetTracking-service/c/s-AlarmLow-4f2a");
        assertThat(TargetTracking.cause(high, "cpu50"))
                .isEqualTo("monitor alarm TargetTracking-service/c/s-AlarmHigh-4f2a in state ALARM triggered policy cpu50");
        assertThatThrownBy(() -> TargetTracking.alarmName("service/c/s", NONE, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
