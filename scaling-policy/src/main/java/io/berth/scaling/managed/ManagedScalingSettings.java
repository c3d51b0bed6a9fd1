package io.berth.scaling.managed;

/**
 * A capacity provider's {@code managedScaling} as ECS defines it (reference ecs-api.md §3.7):
 * {@code targetCapacity} 1–100, step sizes 1–10,000, {@code instanceWarmupPeriod} in seconds.
 */
public record ManagedScalingSettings(int targetCapacity, int minimumScalingStepSize, int maximumScalingStepSize,
        int instanceWarmupPeriod) {

    /** ECS's defaults: target 100, steps 1 to 10,000, a warm-up of 300 s. */
    public static final ManagedScalingSettings DEFAULTS = new ManagedScalingSettings(100, 1, 10_000, 300);

    public ManagedScalingSettings {
        if (targetCapacity < 1 || targetCapacity > 100) {
            throw new IllegalArgumentException("targetCapacity " + targetCapacity + " is not within 1 to 100");
        }
        if (minimumScalingStepSize < 1 || maximumScalingStepSize < minimumScalingStepSize) {
            throw new IllegalArgumentException("scaling steps " + minimumScalingStepSize + " to "
                    + maximumScalingStepSize + " are not a range of at least 1");
        }
        if (instanceWarmupPeriod < 0) {
            throw new IllegalArgumentException("instanceWarmupPeriod " + instanceWarmupPeriod + " is negative");
        }
    }

    /** Settings as a provider event carries them, where 0 stands for a member left out: ECS's default then. */
    public static ManagedScalingSettings orDefaults(int targetCapacity, int minimumScalingStepSize,
            int maximumScalingStepSize, int instanceWarmupPeriod) {
        return new ManagedScalingSettings(targetCapacity == 0 ? DEFAULTS.targetCapacity : targetCapacity,
                minimumScalingStepSize == 0 ? DEFAULTS.minimumScalingStepSize : minimumScalingStepSize,
                maximumScalingStepSize == 0 ? DEFAULTS.maximumScalingStepSize : maximumScalingStepSize,
                instanceWarmupPeriod);
    }

    /** {@code instances} within the step sizes. */
    int step(int instances) {
        return Math.min(maximumScalingStepSize, Math.max(minimumScalingStepSize, instances));
    }
}
