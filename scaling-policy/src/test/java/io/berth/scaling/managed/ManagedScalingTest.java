package io.berth.scaling.managed;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.scaling.managed.ManagedScaling.Decision;
import io.berth.scaling.managed.ManagedScaling.Reading;
import io.berth.scaling.managed.ManagedScaling.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedScalingTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final MetricAlarm.State QUIET = new MetricAlarm.State(MetricAlarm.Value.OK, null);
    /** Above the target for the minute before T0: the high alarm's datapoint is complete at T0. */
    private static final State ABOVE = new State(new MetricAlarm.State(MetricAlarm.Value.OK, T0.minusSeconds(60)),
            QUIET, null, null, -1);
    /** Below the target since long before T0. */
    private static final State BELOW = new State(QUIET, new MetricAlarm.State(MetricAlarm.Value.ALARM,
            T0.minus(Duration.ofMinutes(20))), null, null, -1);
    private final ManagedScaling policy = new ManagedScaling(Duration.ofMinutes(1), 15);

    private static Reading reading(int m, int n, List<String> empty, Instant at) {
        return new Reading(m, n, CapacityProviderReservation.reservation(m, n), empty, at);
    }

    @Test
    void aboveTargetScalesOutProportionallyOnceTheHighAlarmHasItsDatapoint() {
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(6, 4, List.of(), T0), ABOVE);
        assertThat(d.desiredCapacity()).isEqualTo(6);
        assertThat(d.scaleInCandidates()).isNull();
        assertThat(d.reason()).isEqualTo("CapacityProviderReservation 150 (M=6, N=4) above target 100: scale out to 6;"
                + " AlarmHigh ALARM (1 of 1 datapoints above 100)");
        assertThat(d.next().lastScaleOutAt()).isEqualTo(T0);
    }

    @Test
    void theFirstMeasurementAboveTargetWaitsForTheHighAlarm() {
        Decision first = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(6, 4, List.of(), T0),
                State.INITIAL);
        assertThat(first.requests()).isFalse();
        assertThat(first.reason()).isEqualTo("CapacityProviderReservation 150 (M=6, N=4) above target 100: no"
                + " scale-out before the high alarm; AlarmHigh OK (0 of 1 datapoints above 100 since " + T0
                + ", ALARM at " + T0.plusSeconds(60) + ")");
        Decision changed = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(7, 4, List.of(), T0.plusSeconds(59)), first.next());
        assertThat(changed.requests()).isFalse();
        Decision minute = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(7, 4, List.of(), T0.plusSeconds(60)), changed.next());
        assertThat(minute.desiredCapacity()).isEqualTo(7);
        assertThat(minute.next().high().value()).isEqualTo(MetricAlarm.Value.ALARM);
    }

    @Test
    void aDipToTheTargetStartsTheHighAlarmsDatapointAgain() {
        Decision above = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(6, 4, List.of(), T0),
                State.INITIAL);
        Decision at = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(4, 4, List.of(), T0.plusSeconds(30)), above.next());
        Decision again = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(6, 4, List.of(), T0.plusSeconds(70)), at.next());
        assertThat(again.requests()).isFalse();
        assertThat(again.next().high().breachingSince()).isEqualTo(T0.plusSeconds(70));
    }

    @Test
    void fromAnEmptyGroupAStepOfOneBecomesTwoInstances() {
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(1, 0, List.of(), T0), ABOVE);
        assertThat(d.reason()).contains("CapacityProviderReservation 200");
        assertThat(d.desiredCapacity()).isEqualTo(2);
    }

    @Test
    void fromAnEmptyGroupTheStepSizesStillHold() {
        ManagedScalingSettings one = new ManagedScalingSettings(100, 1, 1, 300);
        assertThat(policy.decide(one, false, reading(1, 0, List.of(), T0), ABOVE).desiredCapacity()).isEqualTo(1);
        ManagedScalingSettings three = new ManagedScalingSettings(100, 3, 10, 300);
        assertThat(policy.decide(three, false, reading(3, 0, List.of(), T0), ABOVE).desiredCapacity()).isEqualTo(3);
        // A larger computed step is taken as it is.
        assertThat(policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(5, 0, List.of(), T0), ABOVE)
                .desiredCapacity()).isEqualTo(5);
    }

    @Test
    void theEmptyGroupsStepOfTwoIsForWaitingTasksOnly() {
        ManagedScalingSettings ninety = new ManagedScalingSettings(90, 1, 10_000, 0);
        assertThat(policy.decide(ninety, false, reading(0, 0, List.of(), T0), ABOVE).desiredCapacity()).isEqualTo(1);
    }

    @Test
    void aLowerTargetKeepsSpareInstances() {
        ManagedScalingSettings ninety = new ManagedScalingSettings(90, 1, 10_000, 0);
        Decision d = policy.decide(ninety, false, reading(10, 10, List.of(), T0), ABOVE);
        assertThat(d.desiredCapacity()).isEqualTo(12);
    }

    @Test
    void theIncreaseIsHeldWithinTheStepSizes() {
        ManagedScalingSettings steps = new ManagedScalingSettings(100, 2, 3, 0);
        assertThat(policy.decide(steps, false, reading(20, 4, List.of(), T0), ABOVE).desiredCapacity())
                .isEqualTo(7);
        assertThat(policy.decide(steps, false, reading(5, 4, List.of(), T0), ABOVE).desiredCapacity())
                .isEqualTo(6);
    }

    @Test
    void noFurtherScaleOutDuringTheWarmUp() {
        ManagedScalingSettings settings = new ManagedScalingSettings(100, 1, 100, 300);
        Decision first = policy.decide(settings, false, reading(6, 4, List.of(), T0), ABOVE);
        Decision during = policy.decide(settings, false, reading(9, 6, List.of(), T0.plusSeconds(299)), first.next());
        assertThat(during.requests()).isFalse();
        assertThat(during.reason()).contains("warm up", "AlarmHigh ALARM");
        Decision after = policy.decide(settings, false, reading(9, 6, List.of(), T0.plusSeconds(300)), during.next());
        assertThat(after.desiredCapacity()).isEqualTo(9);
    }

    @Test
    void theSameDesiredCapacityIsNotAskedTwice() {
        ManagedScalingSettings noWarmUp = new ManagedScalingSettings(100, 1, 100, 0);
        Decision first = policy.decide(noWarmUp, false, reading(6, 4, List.of(), T0), ABOVE);
        Decision again = policy.decide(noWarmUp, false, reading(6, 4, List.of(), T0.plusSeconds(60)), first.next());
        assertThat(again.requests()).isFalse();
        assertThat(again.reason()).contains("already asked for");
    }

    @Test
    void scaleInWaitsForFifteenDatapointsBelowTarget() {
        List<String> empty = List.of("i-3", "i-4");
        State state = State.INITIAL;
        for (int minute = 0; minute < 15; minute++) {
            Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, true,
                    reading(2, 4, empty, T0.plusSeconds(60L * minute)), state);
            assertThat(d.requests()).as("minute %d", minute).isFalse();
            assertThat(d.reason()).as("minute %d", minute).contains("AlarmLow OK (" + minute + " of 15 datapoints"
                    + " below 100 since " + T0);
            state = d.next();
        }
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, true, reading(2, 4, empty, T0.plusSeconds(900)),
                state);
        assertThat(d.desiredCapacity()).isEqualTo(2);
        assertThat(d.scaleInCandidates()).containsExactly("i-3", "i-4");
        assertThat(d.reason()).isEqualTo("CapacityProviderReservation 50 (M=2, N=4) below target 100 for 15"
                + " datapoints: scale in to 2; AlarmLow ALARM (15 of 15 datapoints below 100)");
    }

    @Test
    void scaleInIsGradual() {
        Decision first = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(2, 10, List.of(), T0), BELOW);
        assertThat(first.desiredCapacity()).isEqualTo(5);
        Decision sameMinute = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(2, 5, List.of(), T0.plusSeconds(30)), first.next());
        assertThat(sameMinute.requests()).isFalse();
        Decision next = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(2, 5, List.of(), T0.plusSeconds(60)), sameMinute.next());
        assertThat(next.desiredCapacity()).isEqualTo(3);
    }

    @Test
    void withTerminationProtectionOnlyEmptyInstancesGo() {
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, true, reading(2, 10, List.of("i-9"), T0), BELOW);
        assertThat(d.desiredCapacity()).isEqualTo(9);
        assertThat(d.scaleInCandidates()).containsExactly("i-9");
        Decision none = policy.decide(ManagedScalingSettings.DEFAULTS, true, reading(2, 10, List.of(), T0), BELOW);
        assertThat(none.requests()).isFalse();
        assertThat(none.reason()).contains("no empty instance");
    }

    @Test
    void aScaleOutNeedAbortsAScaleIn() {
        Instant at = T0.plus(Duration.ofMinutes(16));
        State scalingIn = new State(QUIET, new MetricAlarm.State(MetricAlarm.Value.ALARM, T0), null,
                T0.plus(Duration.ofMinutes(15)), 5);
        Decision above = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(7, 5, List.of(), at),
                scalingIn);
        assertThat(above.requests()).isFalse();
        assertThat(above.next().low()).isEqualTo(QUIET);
        Decision out = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(7, 5, List.of(), at.plusSeconds(60)), above.next());
        assertThat(out.desiredCapacity()).isEqualTo(7);
        Decision below = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(3, 7, List.of(), at.plusSeconds(120)), out.next());
        assertThat(below.requests()).isFalse();
        assertThat(below.next().low().breachingSince()).isEqualTo(at.plusSeconds(120));
        assertThat(below.next().high()).isEqualTo(QUIET);
    }

    @Test
    void atTargetNothingHappensAndBothAlarmsAreOk() {
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(4, 4, List.of(), T0), BELOW);
        assertThat(d.requests()).isFalse();
        assertThat(d.next().low()).isEqualTo(QUIET);
        assertThat(d.next().high()).isEqualTo(QUIET);
    }
}
