package io.berth.scaling.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.berth.scaling.policy.Decision.Outcome.NOT_SCALED;
import static io.berth.scaling.policy.Decision.Outcome.NO_ACTION;
import static io.berth.scaling.policy.Decision.Outcome.SCALE_IN;
import static io.berth.scaling.policy.Decision.Outcome.SCALE_OUT;
import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.CHANGE_IN_CAPACITY;
import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.EXACT_CAPACITY;
import static io.berth.scaling.policy.StepScalingPolicy.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY;
import static org.assertj.core.api.Assertions.assertThat;

/** Executions of step scaling policies: the step's capacity, bounds, suspensions and the policy's Cooldown. */
class StepDecisionTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final StepScalingPolicy UP = Steps.policy(CHANGE_IN_CAPACITY, "0..10:2 10.._:3");
    private static final StepScalingPolicy DOWN = Steps.policy(CHANGE_IN_CAPACITY, "_..-10:-2 -10..0:-1");

    private static TargetState target(int current) {
        return TargetState.of(1, 30, current);
    }

    @Test
    void scalesOutByTheStep() {
        Decision decision = ScalingDecision.decideStep(target(10), "up", UP, 5, T0);

        assertThat(decision.outcome()).isEqualTo(SCALE_OUT);
        assertThat(decision.newCapacity()).hasValue(12);
        assertThat(decision.cooldowns()).isEqualTo(new Cooldowns(new Cooldowns.Activity(T0, "up", 10, 12, 300), null));
    }

    @Test
    void duringItsCooldownTheCapacityJustAddedCounts() {
        Decision first = ScalingDecision.decideStep(target(10), "up", UP, 5, T0);
        TargetState after = target(12).withCooldowns(first.cooldowns());

        Decision same = ScalingDecision.decideStep(after, "up", UP, 5, T0.plusSeconds(60));
        assertThat(same.outcome()).isEqualTo(NO_ACTION);
        assertThat(same.detail()).isEqualTo("scale-out cooldown of policy up until 2024-05-01T12:05:00Z:"
                + " the 2 it added count toward this scale-out");

        // the AWS example: +2, then +3 during the cooldown adds only 1
        Decision larger = ScalingDecision.decideStep(after, "up", UP, 15, T0.plusSeconds(60));
        assertThat(larger.outcome()).isEqualTo(SCALE_OUT);
        assertThat(larger.newCapacity()).hasValue(13);
        assertThat(larger.cooldowns().lastScaleOut()).isEqualTo(new Cooldowns.Activity(T0.plusSeconds(60), "up", 12, 13, 300));

        assertThat(ScalingDecision.decideStep(after, "up", UP, 5, T0.plusSeconds(300)).newCapacity()).hasValue(14);
    }

    @Test
    void percentStepsDuringTheCooldownCountFromBeforeTheLastScaleOut() {
        StepScalingPolicy percent = Steps.policy(PERCENT_CHANGE_IN_CAPACITY, "0..10:50 10.._:100");
        Decision first = ScalingDecision.decideStep(target(10), "pct", percent, 5, T0);
        assertThat(first.newCapacity()).hasValue(15);
        TargetState after = target(15).withCooldowns(first.cooldowns());

        assertThat(ScalingDecision.decideStep(after, "pct", percent, 5, T0.plusSeconds(10)).outcome()).isEqualTo(NO_ACTION);
        assertThat(ScalingDecision.decideStep(after, "pct", percent, 12, T0.plusSeconds(10)).newCapacity()).hasValue(20);
    }

    @Test
    void duringTheCooldownAStepNeverGivesMoreThanFromTheCurrentCapacity() {
        // scaled out 10 → 12, then a scheduled action lowered the capacity to 8
        Cooldowns memory = new Cooldowns(new Cooldowns.Activity(T0, "up", 10, 12, 300), null);

        Decision decision = ScalingDecision.decideStep(target(8).withCooldowns(memory), "up", UP, 5, T0.plusSeconds(30));

        assertThat(decision.newCapacity()).hasValue(10);
    }

    @Test
    void anotherPoliciesScaleOutCountsToo() {
        Cooldowns memory = new Cooldowns(new Cooldowns.Activity(T0, "cpu-tracking", 10, 14, 300), null);

        Decision decision = ScalingDecision.decideStep(target(14).withCooldowns(memory), "up", UP, 15, T0.plusSeconds(30));

        assertThat(decision.outcome()).isEqualTo(NO_ACTION);
    }

    @Test
    void scalesInByTheStepAndWaitsForItsCooldown() {
        StepScalingPolicy down = new StepScalingPolicy(CHANGE_IN_CAPACITY, Steps.steps("_..-10:-2 -10..0:-1"), null, 120, null);
        Decision first = ScalingDecision.decideStep(target(10), "down", down, -5, T0);
        assertThat(first.outcome()).isEqualTo(SCALE_IN);
        assertThat(first.newCapacity()).hasValue(9);
        assertThat(first.cooldowns()).isEqualTo(new Cooldowns(null, new Cooldowns.Activity(T0, "down", 10, 9, 120)));

        TargetState after = target(9).withCooldowns(first.cooldowns());
        assertThat(ScalingDecision.decideStep(after, "down", down, -15, T0.plusSeconds(119)).outcome()).isEqualTo(NO_ACTION);
        assertThat(ScalingDecision.decideStep(after, "down", down, -15, T0.plusSeconds(120)).newCapacity()).hasValue(7);
    }

    @Test
    void aScaleOutEndsTheScaleInCooldown() {
        Decision in = ScalingDecision.decideStep(target(10), "down", DOWN, -5, T0);
        TargetState afterIn = target(9).withCooldowns(in.cooldowns());

        Decision out = ScalingDecision.decideStep(afterIn, "up", UP, 1, T0.plusSeconds(10));
        assertThat(out.newCapacity()).hasValue(11);
        assertThat(out.cooldowns().lastScaleIn()).isNull();

        assertThat(ScalingDecision.decideStep(target(11).withCooldowns(out.cooldowns()), "down", DOWN, -5, T0.plusSeconds(20))
                .newCapacity()).hasValue(10);
    }

    @Test
    void noStepForTheDeltaIsNoAction() {
        Decision decision = ScalingDecision.decideStep(target(10), "up", UP, -3, T0);

        assertThat(decision.outcome()).isEqualTo(NO_ACTION);
        assertThat(decision.detail()).isEqualTo("no step adjustment holds the breach delta -3.0");
    }

    @Test
    void anExactCapacityEqualToTheCurrentIsAlreadyAtDesiredCapacity() {
        Decision decision = ScalingDecision.decideStep(target(6), "exact", Steps.policy(EXACT_CAPACITY, "0.._:6"), 1, T0);

        assertThat(decision.outcome()).isEqualTo(NOT_SCALED);
        assertThat(decision.notScaledReasons()).containsExactly(new NotScaledReason("AlreadyAtDesiredCapacity", 1, 30, 6));
    }

    @Test
    void boundsClampAndReportNotScaled() {
        assertThat(ScalingDecision.decideStep(TargetState.of(1, 11, 10), "up", UP, 15, T0).newCapacity()).hasValue(11);
        assertThat(ScalingDecision.decideStep(TargetState.of(1, 10, 10), "up", UP, 15, T0).notScaledReasons())
                .containsExactly(new NotScaledReason("AlreadyAtMaxCapacity", 1, 10, 10));
        assertThat(ScalingDecision.decideStep(TargetState.of(2, 10, 5), "zero", Steps.policy(EXACT_CAPACITY, "_..0:0"), -1, T0)
                .newCapacity()).hasValue(2);
        assertThat(ScalingDecision.decideStep(TargetState.of(5, 10, 5), "down", DOWN, -1, T0).notScaledReasons())
                .containsExactly(new NotScaledReason("AlreadyAtMinCapacity", 5, 10, 5));
    }

    @Test
    void suspensionsAndDeployments() {
        assertThat(ScalingDecision.decideStep(target(10).withSuspended(false, true), "up", UP, 5, T0).outcome()).isEqualTo(NO_ACTION);
        assertThat(ScalingDecision.decideStep(target(10).withSuspended(true, false), "down", DOWN, -5, T0).outcome()).isEqualTo(NO_ACTION);
        assertThat(ScalingDecision.decideStep(target(10).withScaleInBlocked(true), "down", DOWN, -5, T0).outcome()).isEqualTo(NO_ACTION);
        assertThat(ScalingDecision.decideStep(target(10).withScaleInBlocked(true), "up", UP, 5, T0).outcome()).isEqualTo(SCALE_OUT);
    }

    @Test
    void theStepsCooldownIsTheOneRecorded() {
        StepScalingPolicy quick = new StepScalingPolicy(CHANGE_IN_CAPACITY, List.of(new StepAdjustment(0.0, null, 1)), null, 45, null);

        assertThat(ScalingDecision.decideStep(target(3), "q", quick, 1, T0).cooldowns().lastScaleOut().cooldownSeconds()).isEqualTo(45);
    }
}
