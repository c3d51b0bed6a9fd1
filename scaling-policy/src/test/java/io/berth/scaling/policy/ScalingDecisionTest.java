package io.berth.scaling.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static io.berth.scaling.policy.Decision.Outcome.NOT_SCALED;
import static io.berth.scaling.policy.Decision.Outcome.NO_ACTION;
import static io.berth.scaling.policy.Decision.Outcome.SCALE_IN;
import static io.berth.scaling.policy.Decision.Outcome.SCALE_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several target tracking policies on one target: bounds, suspensions and cooldowns (§3.8). */
class ScalingDecisionTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final TargetTrackingPolicy CPU = TargetTrackingPolicy.predefined(50, TargetTrackingPolicy.CPU);
    private static final TargetTrackingPolicy MEMORY = TargetTrackingPolicy.predefined(70, TargetTrackingPolicy.MEMORY);
    private static final TargetTrackingPolicy NO_SCALE_IN =
            new TargetTrackingPolicy(60, TargetTrackingPolicy.MEMORY, null, null, 300, 300, true);

    private static PolicyProposal out(String name, int capacity) {
        return new PolicyProposal(name, CPU, new Proposal(Proposal.Direction.OUT, capacity, "high"));
    }

    private static PolicyProposal in(String name, int capacity) {
        return new PolicyProposal(name, CPU, new Proposal(Proposal.Direction.IN, capacity, "low"));
    }

    private static PolicyProposal none(String name, int capacity) {
        return new PolicyProposal(name, MEMORY, Proposal.none(capacity, "ok"));
    }

    @Test
    void noProposalsNoAction() {
        Decision decision = ScalingDecision.decide(TargetState.of(1, 10, 4), List.of(), T0);

        assertThat(decision.outcome()).isEqualTo(NO_ACTION);
        assertThat(decision.newCapacity()).isEmpty();
        assertThat(decision.cooldowns()).isEqualTo(Cooldowns.NONE);
    }

    @Test
    void anyPolicyScalesOutAndTheLargestWins() {
        Decision decision = ScalingDecision.decide(TargetState.of(1, 20, 4),
                List.of(in("cpu", 3), out("mem", 6), out("req", 9), none("other", 4)), T0);

        assertThat(decision.outcome()).isEqualTo(SCALE_OUT);
        assertThat(decision.newCapacity()).hasValue(9);
        assertThat(decision.policyName()).isEqualTo("req");
        assertThat(decision.cooldowns()).isEqualTo(new Cooldowns(new Cooldowns.Activity(T0, "req", 4, 9, 300), null));
    }

    @Test
    void tiesGoToTheFirstProposal() {
        assertThat(ScalingDecision.decide(TargetState.of(1, 20, 4), List.of(out("a", 6), out("b", 6)), T0).policyName())
                .isEqualTo("a");
    }

    @Test
    void scaleInOnlyWhenAllPoliciesWithScaleInEnabledAgree() {
        TargetState target = TargetState.of(1, 20, 10);

        assertThat(ScalingDecision.decide(target, List.of(in("cpu", 8), none("mem", 10)), T0).outcome()).isEqualTo(NO_ACTION);

        Decision agreed = ScalingDecision.decide(target, List.of(in("cpu", 8), in("mem", 9)), T0);
        assertThat(agreed.outcome()).isEqualTo(SCALE_IN);
        assertThat(agreed.newCapacity()).hasValue(9);
        assertThat(agreed.policyName()).isEqualTo("mem");
        assertThat(agreed.cooldowns()).isEqualTo(new Cooldowns(null, new Cooldowns.Activity(T0, "mem", 10, 9, 300)));
    }

    @Test
    void policiesWithScaleInDisabledDoNotVote() {
        PolicyProposal noVote = new PolicyProposal("mem", NO_SCALE_IN, Proposal.none(10, "scale-in disabled"));

        assertThat(ScalingDecision.decide(TargetState.of(1, 20, 10), List.of(in("cpu", 8), noVote), T0).newCapacity()).hasValue(8);
        assertThat(ScalingDecision.decide(TargetState.of(1, 20, 10), List.of(noVote), T0).outcome()).isEqualTo(NO_ACTION);
    }

    @Test
    void scaleOutIsClampedToMax() {
        Decision decision = ScalingDecision.decide(TargetState.of(1, 8, 4), List.of(out("cpu", 30)), T0);

        assertThat(decision.newCapacity()).hasValue(8);
    }

    @Test
    void scaleInIsClampedToMin() {
        Decision decision = ScalingDecision.decide(TargetState.of(3, 8, 4), List.of(in("cpu", 0)), T0);

        assertThat(decision.newCapacity()).hasValue(3);
    }

    @Test
    void atMaxIsNotScaled() {
        Decision decision = ScalingDecision.decide(TargetState.of(1, 8, 8), List.of(out("cpu", 12)), T0);

        assertThat(decision.outcome()).isEqualTo(NOT_SCALED);
        assertThat(decision.toCapacity()).isEqualTo(8);
        assertThat(decision.notScaledReasons()).containsExactly(new NotScaledReason("AlreadyAtMaxCapacity", 1, 8, 8));
        assertThat(decision.notScaledReasons().get(0).toJson()).isEqualTo(
                Json.of("{'Code':'AlreadyAtMaxCapacity','MaxCapacity':8,'MinCapacity':1,'CurrentCapacity':8}"));
        assertThat(decision.cooldowns()).isEqualTo(Cooldowns.NONE);
    }

    @Test
    void atMinIsNotScaled() {
        Decision decision = ScalingDecision.decide(TargetState.of(2, 8, 2), List.of(in("cpu", 1)), T0);

        assertThat(decision.outcome()).isEqualTo(NOT_SCALED);
        assertThat(decision.notScaledReasons()).containsExactly(new NotScaledReason("AlreadyAtMinCapacity", 2, 8, 2));
    }

    @Test
    void aTargetAboveItsMaximumIsNotScaledOutFurther() {
        Decision decision = ScalingDecision.decide(TargetState.of(1, 8, 12), List.of(out("cpu", 14)), T0);

        assertThat(decision.outcome()).isEqualTo(NOT_SCALED);
        assertThat(decision.notScaledReasons().get(0).code()).isEqualTo(NotScaledReason.ALREADY_AT_MAX_CAPACITY);
    }

    @Test
    void suspensionsStopTheirDirectionOnly() {
        TargetState outSuspended = TargetState.of(1, 20, 10).withSuspended(false, true);
        TargetState inSuspended = TargetState.of(1, 20, 10).withSuspended(true, false);

        assertThat(ScalingDecision.decide(outSuspended, List.of(out("cpu", 12)), T0).outcome()).isEqualTo(NO_ACTION);
        assertThat(ScalingDecision.decide(outSuspended, List.of(in("cpu", 9)), T0).outcome()).isEqualTo(SCALE_IN);
        assertThat(ScalingDecision.decide(inSuspended, List.of(in("cpu", 9)), T0).outcome()).isEqualTo(NO_ACTION);
        assertThat(ScalingDecision.decide(inSuspended, List.of(out("cpu", 12)), T0).outcome()).isEqualTo(SCALE_OUT);
    }

    @Test
    void aDeploymentBlocksScaleInButNotScaleOut() {
        TargetState deploying = TargetState.of(1, 20, 10).withScaleInBlocked(true);

        assertThat(ScalingDecision.decide(deploying, List.of(in("cpu", 9)), T0).detail())
                .isEqualTo("scale-in is blocked (deployment in progress)");
        assertThat(ScalingDecision.decide(deploying, List.of(out("cpu", 12)), T0).newCapacity()).hasValue(12);
    }

    @ParameterizedTest(name = "{0}s after a scale-out from 8 to 12, current {1}, proposal {2} → {3}")
    @CsvSource({
            "0, 12, 13, SCALE_OUT",   // above what the last scale-out set
            "60, 10, 12, NO_ACTION",  // capacity lowered meanwhile (e.g. a scheduled action): 12 is not above 12
            "60, 10, 11, NO_ACTION",
            "299, 10, 12, NO_ACTION",
            "300, 10, 12, SCALE_OUT", // the cooldown is over
            "60, 10, 13, SCALE_OUT",
    })
    void duringTheScaleOutCooldownTheAddedCapacityCounts(long seconds, int current, int proposed, Decision.Outcome expected) {
        Cooldowns memory = new Cooldowns(new Cooldowns.Activity(T0, "cpu", 8, 12, 300), null);
        TargetState target = TargetState.of(1, 20, current).withCooldowns(memory);
        Instant now = T0.plusSeconds(seconds);

        Decision decision = ScalingDecision.decide(target, List.of(out("cpu", proposed)), now);

        assertThat(decision.outcome()).isEqualTo(expected);
        if (expected == SCALE_OUT) {
            assertThat(decision.newCapacity()).hasValue(proposed);
            assertThat(decision.cooldowns().lastScaleOut()).isEqualTo(new Cooldowns.Activity(now, "cpu", current, proposed, 300));
        } else {
            assertThat(decision.detail()).startsWith("scale-out cooldown of policy cpu until 2024-05-01T12:05:00Z");
            assertThat(decision.cooldowns()).isEqualTo(memory);
        }
    }

    @Test
    void aStaleScaleOutProposalIsAlreadyAtDesiredCapacity() {
        Decision decision = ScalingDecision.decide(TargetState.of(1, 20, 10), List.of(out("cpu", 9)), T0);

        assertThat(decision.notScaledReasons()).containsExactly(new NotScaledReason("AlreadyAtDesiredCapacity", 1, 20, 10));
    }

    @Test
    void theScaleOutCooldownIsThePolicys() {
        TargetTrackingPolicy quick = new TargetTrackingPolicy(50, TargetTrackingPolicy.CPU, null, null, 60, 900, false);
        PolicyProposal proposal = new PolicyProposal("quick", quick, new Proposal(Proposal.Direction.OUT, 6, "high"));

        Decision decision = ScalingDecision.decide(TargetState.of(1, 20, 4), List.of(proposal), T0);

        assertThat(decision.cooldowns().lastScaleOut().cooldownSeconds()).isEqualTo(60);
        assertThat(decision.cooldowns().lastScaleOut().cooldownEndsAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theScaleInCooldownBlocksScaleIn() {
        Cooldowns memory = new Cooldowns(null, new Cooldowns.Activity(T0, "cpu", 10, 9, 300));
        TargetState target = TargetState.of(1, 20, 9).withCooldowns(memory);

        Decision blocked = ScalingDecision.decide(target, List.of(in("cpu", 8)), T0.plusSeconds(299));
        assertThat(blocked.outcome()).isEqualTo(NO_ACTION);
        assertThat(blocked.detail()).isEqualTo("scale-in cooldown of policy cpu until 2024-05-01T12:05:00Z");

        assertThat(ScalingDecision.decide(target, List.of(in("cpu", 8)), T0.plusSeconds(300)).newCapacity()).hasValue(8);
    }

    @Test
    void aScaleOutIsNotBlockedByTheScaleInCooldownAndEndsIt() {
        Cooldowns memory = new Cooldowns(null, new Cooldowns.Activity(T0, "cpu", 10, 9, 300));
        TargetState target = TargetState.of(1, 20, 9).withCooldowns(memory);

        Decision out = ScalingDecision.decide(target, List.of(out("cpu", 11)), T0.plusSeconds(30));
        assertThat(out.outcome()).isEqualTo(SCALE_OUT);
        assertThat(out.cooldowns().lastScaleIn()).isNull();

        TargetState after = target.withCurrentCapacity(11).withCooldowns(out.cooldowns());
        assertThat(ScalingDecision.decide(after, List.of(in("cpu", 10)), T0.plusSeconds(40)).outcome()).isEqualTo(SCALE_IN);
    }

    @Test
    void aScaleInForgetsTheLastScaleOut() {
        Cooldowns memory = new Cooldowns(new Cooldowns.Activity(T0, "cpu", 8, 12, 300), null);
        TargetState target = TargetState.of(1, 20, 12).withCooldowns(memory);

        Decision in = ScalingDecision.decide(target, List.of(in("cpu", 11)), T0.plusSeconds(10));

        assertThat(in.cooldowns().lastScaleOut()).isNull();
        TargetState after = target.withCurrentCapacity(11).withCooldowns(in.cooldowns());
        assertThat(ScalingDecision.decide(after, List.of(out("cpu", 12)), T0.plusSeconds(20)).newCapacity()).hasValue(12);
    }

    @ParameterizedTest(name = "clamp({0}, {1}, {2}) = {3}")
    @CsvSource({"5, 1, 10, 5", "0, 1, 10, 1", "12, 1, 10, 10", "3, 0, 0, 0", "-4, 0, 5, 0", "7, 7, 7, 7"})
    void clamp(int desired, int min, int max, int expected) {
        assertThat(ScalingDecision.clamp(desired, min, max)).isEqualTo(expected);
    }

    @Test
    void clampNeedsARange() {
        assertThatThrownBy(() -> ScalingDecision.clamp(1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "min {0}, max {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "-1 | 5 | MinCapacity must be at least 0.",
            "0  | -1 | MaxCapacity must be at least 0.",
            "6  | 5 | MinCapacity (6) must not be greater than MaxCapacity (5).",
    })
    void capacityRange(int min, int max, String message) {
        assertThatThrownBy(() -> ScalingDecision.checkCapacityRange(min, max))
                .isInstanceOf(ScalingValidationException.class).hasMessage(message);
    }

    @Test
    void aValidCapacityRange() {
        ScalingDecision.checkCapacityRange(0, 0);
        ScalingDecision.checkCapacityRange(2, 10);
        assertThat(TargetState.of(0, 0, 0).maxCapacity()).isZero();
    }

    @Test
    void inconsistentTargetsAreBugs() {
        assertThatThrownBy(() -> TargetState.of(5, 4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetState.of(-1, 4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetState.of(1, 4, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
