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
    private final ManagedScaling policy = new ManagedScaling(Duration.ofMinutes(1), 15);

    private static Reading reading(int m, int n, List<String> empty, Instant at) {
        return new Reading(m, n, CapacityProviderReservation.reservation(m, n), empty, at);
    }

    @Test
    void aboveTargetScalesOutProportionally() {
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(6, 4, List.of(), T0), State.INITIAL);
        assertThat(d.desiredCapacity()).isEqualTo(6);
        assertThat(d.scaleInCandidates()).isNull();
        assertThat(d.reason()).contains("CapacityProviderReservation 150", "target 100", "M=6", "N=4");
        assertThat(d.next().lastScaleOutAt()).isEqualTo(T0);
    }

    @Test
    void fromAnEmptyGroupTheFirstScaleOutIsTheMeasuredNeed() {
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(1, 0, List.of(), T0), State.INITIAL);
        assertThat(d.reason()).contains("CapacityProviderReservation 200");
        assertThat(d.desiredCapacity()).isEqualTo(1);
    }

    @Test
    void aLowerTargetKeepsSpareInstances() {
        ManagedScalingSettings ninety = new ManagedScalingSettings(90, 1, 10_000, 0);
        Decision d = policy.decide(ninety, false, reading(10, 10, List.of(), T0), State.INITIAL);
        assertThat(d.desiredCapacity()).isEqualTo(12);
    }

    @Test
    void theIncreaseIsHeldWithinTheStepSizes() {
        ManagedScalingSettings steps = new ManagedScalingSettings(100, 2, 3, 0);
        assertThat(policy.decide(steps, false, reading(20, 4, List.of(), T0), State.INITIAL).desiredCapacity())
                .isEqualTo(7);
        assertThat(policy.decide(steps, false, reading(5, 4, List.of(), T0), State.INITIAL).desiredCapacity())
                .isEqualTo(6);
    }

    @Test
    void noFurtherScaleOutDuringTheWarmUp() {
        ManagedScalingSettings settings = new ManagedScalingSettings(100, 1, 100, 300);
        Decision first = policy.decide(settings, false, reading(6, 4, List.of(), T0), State.INITIAL);
        Decision during = policy.decide(settings, false, reading(9, 6, List.of(), T0.plusSeconds(299)), first.next());
        assertThat(during.requests()).isFalse();
        assertThat(during.reason()).contains("warm up");
        Decision after = policy.decide(settings, false, reading(9, 6, List.of(), T0.plusSeconds(300)), during.next());
        assertThat(after.desiredCapacity()).isEqualTo(9);
    }

    @Test
    void theSameDesiredCapacityIsNotAskedTwice() {
        ManagedScalingSettings noWarmUp = new ManagedScalingSettings(100, 1, 100, 0);
        Decision first = policy.decide(noWarmUp, false, reading(6, 4, List.of(), T0), State.INITIAL);
        Decision again = policy.decide(noWarmUp, false, reading(6, 4, List.of(), T0.plusSeconds(60)), first.next());
        assertThat(again.requests()).isFalse();
        assertThat(again.reason()).contains("already asked for");
    }

    @Test
    void scaleInWaitsForFifteenDatapointsBelowTarget() {
        List<String> empty = List.of("i-3", "i-4");
        State state = State.INITIAL;
        for (int minute = 0; minute < 14; minute++) {
            Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, true,
                    reading(2, 4, empty, T0.plusSeconds(60L * minute)), state);
            assertThat(d.requests()).as("minute %d", minute).isFalse();
            state = d.next();
        }
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, true, reading(2, 4, empty, T0.plusSeconds(840)),
                state);
        assertThat(d.desiredCapacity()).isEqualTo(2);
        assertThat(d.scaleInCandidates()).containsExactly("i-3", "i-4");
        assertThat(d.reason()).contains("below target 100", "15 datapoints");
    }

    @Test
    void scaleInIsGradual() {
        State alarmed = new State(T0, null, null, -1);
        Instant late = T0.plus(Duration.ofMinutes(20));
        Decision first = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(2, 10, List.of(), late), alarmed);
        assertThat(first.desiredCapacity()).isEqualTo(5);
        Decision sameMinute = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(2, 5, List.of(), late.plusSeconds(30)), first.next());
        assertThat(sameMinute.requests()).isFalse();
        Decision next = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(2, 5, List.of(), late.plusSeconds(60)), sameMinute.next());
        assertThat(next.desiredCapacity()).isEqualTo(3);
    }

    @Test
    void withTerminationProtectionOnlyEmptyInstancesGo() {
        State alarmed = new State(T0, null, null, -1);
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, true,
                reading(2, 10, List.of("i-9"), T0.plus(Duration.ofMinutes(20))), alarmed);
        assertThat(d.desiredCapacity()).isEqualTo(9);
        assertThat(d.scaleInCandidates()).containsExactly("i-9");
        Decision none = policy.decide(ManagedScalingSettings.DEFAULTS, true,
                reading(2, 10, List.of(), T0.plus(Duration.ofMinutes(20))), alarmed);
        assertThat(none.requests()).isFalse();
        assertThat(none.reason()).contains("no empty instance");
    }

    @Test
    void aScaleOutNeedAbortsAScaleIn() {
        State scalingIn = new State(T0, null, T0.plus(Duration.ofMinutes(15)), 5);
        Instant at = T0.plus(Duration.ofMinutes(16));
        Decision out = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(7, 5, List.of(), at), scalingIn);
        assertThat(out.desiredCapacity()).isEqualTo(7);
        assertThat(out.next().belowTargetSince()).isNull();
        Decision below = policy.decide(ManagedScalingSettings.DEFAULTS, false,
                reading(3, 7, List.of(), at.plusSeconds(60)), out.next());
        assertThat(below.requests()).isFalse();
        assertThat(below.next().belowTargetSince()).isEqualTo(at.plusSeconds(60));
    }

    @Test
    void atTargetNothingHappensAndTheLowAlarmResets() {
        Decision d = policy.decide(ManagedScalingSettings.DEFAULTS, false, reading(4, 4, List.of(), T0),
                new State(T0.minusSeconds(600), null, null, -1));
        assertThat(d.requests()).isFalse();
        assertThat(d.next().belowTargetSince()).isNull();
    }
}
