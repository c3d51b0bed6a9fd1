package io.berth.scaling.policy;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of {@link ScalingDecision} for one scalable target.
 *
 * @param outcome what to do
 * @param fromCapacity the current capacity
 * @param toCapacity the new capacity for {@code SCALE_OUT}/{@code SCALE_IN}, otherwise the current one
 * @param policyName the policy that decided (the largest proposal), or null when none asked for a change
 * @param detail why, in words, for logs and the activity's {@code StatusMessage}
 * @param notScaledReasons one reason for {@code NOT_SCALED}, otherwise empty
 * @param cooldowns the target's memory after this decision; store it
 */
public record Decision(Outcome outcome, int fromCapacity, int toCapacity, String policyName, String detail,
        List<NotScaledReason> notScaledReasons, Cooldowns cooldowns) {

    /** What the caller does with a decision. */
    public enum Outcome {
        /** Set the desired count to {@code toCapacity} and record a scaling activity. */
        SCALE_OUT,
        /** Set the desired count to {@code toCapacity} and record a scaling activity. */
        SCALE_IN,
        /** A policy wanted to scale but the capacity bounds stop it: a "not scaled" activity. */
        NOT_SCALED,
        /** Nothing to record: no policy wants to scale, or a suspension, block or cooldown holds it back. */
        NO_ACTION
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        notScaledReasons = List.copyOf(notScaledReasons);
        Objects.requireNonNull(cooldowns, "cooldowns");
    }

    /** The capacity to set, when the decision scales. */
    public OptionalInt newCapacity() {
        return scales() ? OptionalInt.of(toCapacity) : OptionalInt.empty();
    }

    public boolean scales() {
        return outcome == Outcome.SCALE_OUT || outcome == Outcome.SCALE_IN;
    }
}
