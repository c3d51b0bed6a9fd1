package io.berth.scaling.managed;

/**
 * What a capacity provider's events say of its managed scaling, as every service that follows them keeps it: the
 * status, the settings with ECS's defaults for members left out, and managed termination protection. The one fold of
 * a provider's {@code managedScaling} and {@code managedTerminationProtection}, so that the scheduler and the
 * scaling-service never read the same event two ways. Pure: the caller passes the event's members.
 */
public record ProviderScaling(String status, ManagedScalingSettings settings, String managedTerminationProtection) {

    public static final String ENABLED = "ENABLED";
    public static final String DISABLED = "DISABLED";

    /** A provider whose event carries no {@code managedScaling}: off, with ECS's defaults. */
    public static ProviderScaling unmanaged(String managedTerminationProtection) {
        return new ProviderScaling(DISABLED, ManagedScalingSettings.DEFAULTS, orDisabled(managedTerminationProtection));
    }

    /**
     * A provider event's {@code managedScaling} members, where 0 stands for a member left out and a missing status
     * for DISABLED.
     */
    public static ProviderScaling of(String status, int targetCapacity, int minimumScalingStepSize,
            int maximumScalingStepSize, int instanceWarmupPeriod, String managedTerminationProtection) {
        return new ProviderScaling(orDisabled(status), ManagedScalingSettings.orDefaults(targetCapacity,
                minimumScalingStepSize, maximumScalingStepSize, instanceWarmupPeriod),
                orDisabled(managedTerminationProtection));
    }

    public boolean enabled() {
        return ENABLED.equals(status);
    }

    public boolean terminationProtection() {
        return ENABLED.equals(managedTerminationProtection);
    }

    private static String orDisabled(String value) {
        return value == null ? DISABLED : value;
    }
}
