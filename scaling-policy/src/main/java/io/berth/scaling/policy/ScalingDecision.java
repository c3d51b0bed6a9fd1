package io.berth.scaling.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Dynamic scaling of one scalable target (§3.8): combines what its policies propose with its
 * bounds, suspensions and cooldowns into one {@link Decision}.
 *
 * <ul>
 *   <li>Several target tracking policies: scale out if any wants to, to the largest capacity
 *       proposed; scale in only if every policy with scale-in enabled wants to, to the largest of
 *       their capacities (the smallest change). Ties go to the first proposal in the list.</li>
 *   <li>The result is clamped to [min, max]. A policy that wants to scale but is stopped by a bound
 *       gives {@code NOT_SCALED} with {@code AlreadyAtMaxCapacity} / {@code AlreadyAtMinCapacity}
 *       ({@code AlreadyAtDesiredCapacity} when a step asks for the current capacity).</li>
 *   <li>Scale-out cooldown: the capacity the last scale-out added counts, so during it a scale-out
 *       happens only if it goes above what the last one set (target tracking), or if the step
 *       applied to the capacity before the last scale-out goes above the current one (step
 *       scaling). Scale-out is never held back by a scale-in cooldown, and it ends that cooldown.</li>
 *   <li>Scale-in cooldown: no scale-in until it ends. A scale-in forgets the last scale-out, whose
 *       added capacity it has taken back.</li>
 *   <li>{@code DynamicScalingOutSuspended} and {@code DynamicScalingInSuspended} stop their direction,
 *       and so does {@link TargetState#scaleInBlocked()} for scale-in. Scheduled actions are not
 *       dynamic scaling: they ignore all of this and only {@link #clamp}.</li>
 * </ul>
 */
public final class ScalingDecision {

    private ScalingDecision() {
    }

    /**
     * {@code desired} brought into [min, max]. RegisterScalableTarget uses it on the service's desired
     * count, and a scheduled action on the current capacity with its new bounds (below the new
     * minimum scales out to it, above the new maximum scales in to it).
     */
    public static int clamp(int desired, int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        return Math.max(min, Math.min(max, desired));
    }

    /** The capacity bounds of RegisterScalableTarget and of a scheduled action, once both are known. */
    public static void checkCapacityRange(int minCapacity, int maxCapacity) {
        if (minCapacity < 0) {
            throw new ScalingValidationException("MinCapacity must be at least 0.");
        }
        if (maxCapacity < 0) {
            throw new ScalingValidationException("MaxCapacity must be at least 0.");
        }
        if (minCapacity > maxCapacity) {
            throw new ScalingValidationException("MinCapacity (" + minCapacity + ") must not be greater than MaxCapacity ("
                    + maxCapacity + ").");
        }
    }

    /** The target tracking policies of one target, evaluated at {@code now}. */
    public static Decision decide(TargetState target, List<PolicyProposal> proposals, Instant now) {
        Objects.requireNonNull(now, "now");
        List<PolicyProposal> out = proposals.stream()
                .filter(p -> p.proposal().direction() == Proposal.Direction.OUT).collect(Collectors.toList());
        if (!out.isEmpty()) {
            PolicyProposal winner = largest(out);
            return scaleOut(target, winner.policyName(), winner.proposal().capacity(),
                    winner.policy().scaleOutCooldown(), OptionalInt.empty(), now);
        }
        List<PolicyProposal> voters = proposals.stream()
                .filter(p -> !p.policy().disableScaleIn()).collect(Collectors.toList());
        if (voters.isEmpty() || voters.stream().anyMatch(p -> p.proposal().direction() != Proposal.Direction.IN)) {
            boolean someIn = voters.stream().anyMatch(p -> p.proposal().direction() == Proposal.Direction.IN);
            return noAction(target, null, someIn
                    ? "not every policy with scale-in enabled wants to scale in" : "no policy wants to scale");
        }
        PolicyProposal winner = largest(voters);
        return scaleIn(target, winner.policyName(), winner.proposal().capacity(), winner.policy().scaleInCooldown(), now);
    }

    /**
     * One execution of a step scaling policy: its alarm is in ALARM and the metric is
     * {@code breachDelta} away from the alarm's threshold. The policy's {@code Cooldown} is the
     * cooldown of the activity it causes, in both directions.
     */
    public static Decision decideStep(TargetState target, String policyName, StepScalingPolicy policy,
            double breachDelta, Instant now) {
        Objects.requireNonNull(now, "now");
        int current = target.currentCapacity();
        OptionalInt desired = policy.desiredCapacity(current, breachDelta);
        if (desired.isEmpty()) {
            return noAction(target, policyName, "no step adjustment holds the breach delta " + breachDelta);
        }
        if (desired.getAsInt() > current) {
            OptionalInt counted = OptionalInt.empty();
            if (target.cooldowns().scaleOutCoolingDown(now)) {
                counted = policy.desiredCapacity(target.cooldowns().lastScaleOut().fromCapacity(), breachDelta);
            }
            return scaleOut(target, policyName, desired.getAsInt(), policy.cooldown(), counted, now);
        }
        if (desired.getAsInt() < current) {
            return scaleIn(target, policyName, desired.getAsInt(), policy.cooldown(), now);
        }
        return notScaled(target, policyName, NotScaledReason.ALREADY_AT_DESIRED_CAPACITY);
    }

    /**
     * @param countedDesired during a scale-out cooldown, a step's capacity counted from before the
     *     last scale-out; empty for target tracking, which compares with what the last one set
     */
    private static Decision scaleOut(TargetState target, String policyName, int desired, int cooldown,
            OptionalInt countedDesired, Instant now) {
        if (target.dynamicScalingOutSuspended()) {
            return noAction(target, policyName, "dynamic scale-out is suspended");
        }
        int current = target.currentCapacity();
        int to = clamp(desired, target.minCapacity(), target.maxCapacity());
        if (to <= current) {
            return notScaled(target, policyName, current >= target.maxCapacity()
                    ? NotScaledReason.ALREADY_AT_MAX_CAPACITY : NotScaledReason.ALREADY_AT_DESIRED_CAPACITY);
        }
        Cooldowns memory = target.cooldowns();
        if (memory.scaleOutCoolingDown(now)) {
            Cooldowns.Activity last = memory.lastScaleOut();
            int bar = countedDesired.isPresent() ? current : last.toCapacity();
            if (countedDesired.isPresent()) {
                // never more than the step gives from the current capacity, should that be lower than the count's base
                to = Math.min(to, clamp(countedDesired.getAsInt(), target.minCapacity(), target.maxCapacity()));
            }
            if (to <= bar) {
                return noAction(target, policyName, "scale-out cooldown of policy " + last.policyName() + " until "
                        + last.cooldownEndsAt() + ": the " + (last.toCapacity() - last.fromCapacity())
                        + " it added count toward this scale-out");
            }
        }
        Cooldowns.Activity activity = new Cooldowns.Activity(now, policyName, current, to, cooldown);
        return new Decision(Decision.Outcome.SCALE_OUT, current, to, policyName,
                "scale out from " + current + " to " + to, List.of(), new Cooldowns(activity, null));
    }

    private static Decision scaleIn(TargetState target, String policyName, int desired, int cooldown, Instant now) {
        if (target.dynamicScalingInSuspended()) {
            return noAction(target, policyName, "dynamic scale-in is suspended");
        }
        if (target.scaleInBlocked()) {
            return noAction(target, policyName, "scale-in is blocked (deployment in progress)");
        }
        int current = target.currentCapacity();
        int to = clamp(desired, target.minCapacity(), target.maxCapacity());
        if (to >= current) {
            return notScaled(target, policyName, current <= target.minCapacity()
                    ? NotScaledReason.ALREADY_AT_MIN_CAPACITY : NotScaledReason.ALREADY_AT_DESIRED_CAPACITY);
        }
        Cooldowns memory = target.cooldowns();
        if (memory.scaleInCoolingDown(now)) {
            return noAction(target, policyName, "scale-in cooldown of policy " + memory.lastScaleIn().policyName()
                    + " until " + memory.lastScaleIn().cooldownEndsAt());
        }
        Cooldowns.Activity activity = new Cooldowns.Activity(now, policyName, current, to, cooldown);
        return new Decision(Decision.Outcome.SCALE_IN, current, to, policyName,
                "scale in from " + current + " to " + to, List.of(), new Cooldowns(null, activity));
    }

    private static PolicyProposal largest(List<PolicyProposal> proposals) {
        PolicyProposal largest = proposals.get(0);
        for (PolicyProposal p : proposals) {
            if (p.proposal().capacity() > largest.proposal().capacity()) {
                largest = p;
            }
        }
        return largest;
    }

    private static Decision notScaled(TargetState target, String policyName, String code) {
        NotScaledReason reason = new NotScaledReason(code, target.minCapacity(), target.maxCapacity(),
                target.currentCapacity());
        return new Decision(Decision.Outcome.NOT_SCALED, target.currentCapacity(), target.currentCapacity(), policyName,
                "not scaled: " + code, List.of(reason), target.cooldowns());
    }

    private static Decision noAction(TargetState target, String policyName, String detail) {
        return new Decision(Decision.Outcome.NO_ACTION, target.currentCapacity(), target.currentCapacity(), policyName,
                detail, List.of(), target.cooldowns());
    }
}
