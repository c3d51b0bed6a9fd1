package io.berth.scaling.policy;

import java.util.Objects;

/**
 * A scalable target as {@link ScalingDecision} needs it.
 *
 * @param currentCapacity the service's desired count now
 * @param scaleInBlocked true while something outside AAS forbids scale-in, e.g. an ECS deployment
 *     in progress (§3.8: AAS turns scale-in off during deployments; scale-out goes on)
 */
public record TargetState(int minCapacity, int maxCapacity, int currentCapacity, boolean dynamicScalingInSuspended,
        boolean dynamicScalingOutSuspended, boolean scaleInBlocked, Cooldowns cooldowns) {

    public TargetState {
        if (minCapacity < 0 || minCapacity > maxCapacity || currentCapacity < 0) {
            throw new IllegalArgumentException("inconsistent target: min " + minCapacity + ", max " + maxCapacity
                    + ", current " + currentCapacity);
        }
        Objects.requireNonNull(cooldowns, "cooldowns");
    }

    /** A target with nothing suspended or blocked and no cooldown memory. */
    public static TargetState of(int minCapacity, int maxCapacity, int currentCapacity) {
        return new TargetState(minCapacity, maxCapacity, currentCapacity, false, false, false, Cooldowns.NONE);
    }

    public TargetState withCurrentCapacity(int capacity) {
        return new TargetState(minCapacity, maxCapacity, capacity, dynamicScalingInSuspended,
                dynamicScalingOutSuspended, scaleInBlocked, cooldowns);
    }

    public TargetState withCooldowns(Cooldowns memory) {
        return new TargetState(minCapacity, maxCapacity, currentCapacity, dynamicScalingInSuspended,
                dynamicScalingOutSuspended, scaleInBlocked, memory);
    }

    public TargetState withSuspended(boolean scaleIn, boolean scaleOut) {
        return new TargetState(minCapacity, maxCapacity, currentCapacity, scaleIn, scaleOut, scaleInBlocked, cooldowns);
    }

    public TargetState withScaleInBlocked(boolean blocked) {
        return new TargetState(minCapacity, maxCapacity, currentCapacity, dynamicScalingInSuspended,
                dynamicScalingOutSuspended, blocked, cooldowns);
    }
}
