package io.berth.scaling.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * What a scalable target remembers of its last dynamic scale-out and scale-in, for the cooldowns of
 * §3.8. One memory per target, shared by all its policies: an activity of any policy starts the
 * cooldown that policy configured.
 *
 * @param lastScaleOut null when there was none, or a scale-in or an expired cooldown made it irrelevant
 * @param lastScaleIn null when there was none, or a scale-out cancelled its cooldown
 */
public record Cooldowns(Activity lastScaleOut, Activity lastScaleIn) {

    /** A target that has not scaled yet. */
    public static final Cooldowns NONE = new Cooldowns(null, null);

    /**
     * One scaling activity.
     *
     * @param policyName the policy that caused it
     * @param fromCapacity the capacity before
     * @param toCapacity the capacity it set
     * @param cooldownSeconds the cooldown it started: ScaleOutCooldown or ScaleInCooldown of a target
     *     tracking policy, Cooldown of a step scaling policy
     */
    public record Activity(Instant at, String policyName, int fromCapacity, int toCapacity, int cooldownSeconds) {

        public Activity {
            Objects.requireNonNull(at, "at");
            if (cooldownSeconds < 0) {
                throw new IllegalArgumentException("cooldown " + cooldownSeconds + " is negative");
            }
        }

        public Instant cooldownEndsAt() {
            return at.plusSeconds(cooldownSeconds);
        }

        /** The cooldown runs from {@code at} (inclusive) to {@link #cooldownEndsAt()} (exclusive). */
        public boolean coolingDownAt(Instant now) {
            return now.isBefore(cooldownEndsAt());
        }
    }

    boolean scaleOutCoolingDown(Instant now) {
        return lastScaleOut != null && lastScaleOut.coolingDownAt(now);
    }

    boolean scaleInCoolingDown(Instant now) {
        return lastScaleIn != null && lastScaleIn.coolingDownAt(now);
    }
}
