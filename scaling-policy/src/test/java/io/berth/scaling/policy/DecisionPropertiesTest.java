package io.berth.scaling.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.berth.scaling.policy.Decision.Outcome.NOT_SCALED;
import static io.berth.scaling.policy.Decision.Outcome.NO_ACTION;
import static io.berth.scaling.policy.Decision.Outcome.SCALE_IN;
import static io.berth.scaling.policy.Decision.Outcome.SCALE_OUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random targets, memories and proposals, evaluated from random metrics, against the invariants
 * of §3.8 that hold whatever the inputs.
 */
class DecisionPropertiesTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final TargetTracking ALARMS = new TargetTracking();

    @ParameterizedTest(name = "seed {0}: 2,000 random target tracking decisions")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void targetTrackingDecisionsKeepTheRules(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            TargetState target = randomTarget(random);
            Instant now = T0.plusSeconds(random.nextInt(900));
            List<PolicyProposal> proposals = new ArrayList<>();
            int policies = random.nextInt(4);
            for (int p = 0; p < policies; p++) {
                TargetTrackingPolicy policy = new TargetTrackingPolicy(10 + random.nextInt(90), TargetTrackingPolicy.CPU,
                        null, null, random.nextInt(600), random.nextInt(600), random.nextInt(4) == 0);
                proposals.add(new PolicyProposal("p" + p, policy,
                        ALARMS.evaluate(policy, target.currentCapacity(), randomDatapoints(random))));
            }

            Decision decision = ScalingDecision.decide(target, proposals, now);

            String what = target + " " + proposals + " at " + now + " → " + decision;
            checkInvariants(target, decision, now, what);
            boolean anyOut = proposals.stream().anyMatch(p -> p.proposal().direction() == Proposal.Direction.OUT);
            if (decision.outcome() == SCALE_OUT) {
                int largest = proposals.stream().filter(p -> p.proposal().direction() == Proposal.Direction.OUT)
                        .mapToInt(p -> p.proposal().capacity()).max().orElseThrow();
                assertThat(decision.toCapacity()).as(what).isEqualTo(ScalingDecision.clamp(largest, target.minCapacity(),
                        target.maxCapacity()));
            }
            if (decision.outcome() == SCALE_IN) {
                assertThat(anyOut).as(what).isFalse();
                assertThat(proposals.stream().filter(p -> !p.policy().disableScaleIn()))
                        .as(what).isNotEmpty()
                        .allMatch(p -> p.proposal().direction() == Proposal.Direction.IN);
            }
            if (proposals.stream().allMatch(p -> p.proposal().direction() == Proposal.Direction.NONE)) {
                assertThat(decision.outcome()).as(what).isEqualTo(NO_ACTION);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}: 2,000 random step executions")
    @ValueSource(longs = {6, 7, 8, 9, 10})
    void stepDecisionsKeepTheRules(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            TargetState target = randomTarget(random);
            Instant now = T0.plusSeconds(random.nextInt(900));
            StepScalingPolicy policy = StepPropertiesTest.randomPolicy(random);
            double delta = random.nextGaussian() * 30;

            Decision decision = ScalingDecision.decideStep(target, "step", policy, delta, now);

            String what = target + " " + policy + " delta " + delta + " at " + now + " → " + decision;
            checkInvariants(target, decision, now, what);
            if (policy.stepFor(delta).isEmpty()) {
                assertThat(decision.outcome()).as(what).isEqualTo(NO_ACTION);
            }
            if (decision.scales()) {
                assertThat(decision.cooldowns()).as(what).isEqualTo(decision.outcome() == SCALE_OUT
                        ? new Cooldowns(new Cooldowns.Activity(now, "step", target.currentCapacity(), decision.toCapacity(),
                                policy.cooldown()), null)
                        : new Cooldowns(null, new Cooldowns.Activity(now, "step", target.currentCapacity(), decision.toCapacity(),
                                policy.cooldown())));
            }
        }
    }

    private static void checkInvariants(TargetState target, Decision decision, Instant now, String what) {
        int current = target.currentCapacity();
        assertThat(decision.fromCapacity()).as(what).isEqualTo(current);
        if (decision.scales()) {
            assertThat(decision.toCapacity()).as(what).isBetween(target.minCapacity(), target.maxCapacity());
            assertThat(decision.notScaledReasons()).as(what).isEmpty();
        } else {
            assertThat(decision.toCapacity()).as(what).isEqualTo(current);
            assertThat(decision.newCapacity()).as(what).isEmpty();
            assertThat(decision.cooldowns()).as(what).isEqualTo(target.cooldowns());
        }
        assertThat(decision.notScaledReasons()).as(what).hasSize(decision.outcome() == NOT_SCALED ? 1 : 0);
        if (decision.outcome() == SCALE_OUT) {
            assertThat(decision.toCapacity()).as(what).isGreaterThan(current);
            assertThat(target.dynamicScalingOutSuspended()).as(what).isFalse();
            Cooldowns.Activity last = target.cooldowns().lastScaleOut();
            if (last != null && last.coolingDownAt(now)) {
                assertThat(decision.toCapacity()).as(what).isGreaterThan(Math.min(current, last.toCapacity()));
            }
            assertThat(decision.cooldowns().lastScaleIn()).as(what).isNull();
        }
        if (decision.outcome() == SCALE_IN) {
            assertThat(decision.toCapacity()).as(what).isLessThan(current);
            assertThat(target.dynamicScalingInSuspended() || target.scaleInBlocked()).as(what).isFalse();
            Cooldowns.Activity last = target.cooldowns().lastScaleIn();
            assertThat(last == null || !last.coolingDownAt(now)).as(what).isTrue();
            assertThat(decision.cooldowns().lastScaleOut()).as(what).isNull();
        }
        if (decision.outcome() == NOT_SCALED) {
            NotScaledReason reason = decision.notScaledReasons().get(0);
            assertThat(reason).as(what).isEqualTo(new NotScaledReason(reason.code(), target.minCapacity(),
                    target.maxCapacity(), current));
            if (reason.code().equals(NotScaledReason.ALREADY_AT_MAX_CAPACITY)) {
                assertThat(current).as(what).isGreaterThanOrEqualTo(target.maxCapacity());
            }
            if (reason.code().equals(NotScaledReason.ALREADY_AT_MIN_CAPACITY)) {
                assertThat(current).as(what).isLessThanOrEqualTo(target.minCapacity());
            }
        }
    }

    private static TargetState randomTarget(Random random) {
        int min = random.nextInt(5);
        int max = min + random.nextInt(30);
        int current = random.nextInt(4) == 0 ? random.nextInt(40) : ScalingDecision.clamp(random.nextInt(40), min, max);
        Cooldowns.Activity out = random.nextBoolean() ? null
                : new Cooldowns.Activity(T0.plusSeconds(random.nextInt(600)), "p0", random.nextInt(20), random.nextInt(40),
                        random.nextInt(600));
        Cooldowns.Activity in = random.nextBoolean() ? null
                : new Cooldowns.Activity(T0.plusSeconds(random.nextInt(600)), "p1", random.nextInt(40), random.nextInt(20),
                        random.nextInt(600));
        return new TargetState(min, max, current, random.nextInt(5) == 0, random.nextInt(5) == 0, random.nextInt(5) == 0,
                new Cooldowns(out, in));
    }

    private static List<Double> randomDatapoints(Random random) {
        int count = random.nextInt(20);
        double level = random.nextDouble() * 150;
        List<Double> datapoints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            datapoints.add(random.nextInt(30) == 0 ? null : Math.max(0, level + random.nextGaussian() * 5));
        }
        return datapoints;
    }
}
