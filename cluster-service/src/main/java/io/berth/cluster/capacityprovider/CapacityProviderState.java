package io.berth.cluster.capacityprovider;

import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.Shapes.Tag;
import java.util.List;

/**
 * A capacity provider as its events made it; {@code status} is null before it was created. {@code managedDraining}
 * is null for a provider whose events predate it, which ECS treats as ENABLED.
 */
public record CapacityProviderState(String capacityProviderArn, String name, String status,
        String autoScalingGroupArn, ManagedScaling managedScaling, String managedTerminationProtection,
        List<Tag> tags, String updateStatus, String managedDraining) {

    public static final CapacityProviderState NONE = new CapacityProviderState(null, null, null, null, null, null,
            List.of(), null, null);

    /** ENABLED or DISABLED, never null. */
    public String effectiveManagedDraining() {
        return managedDraining == null ? CapacityProviderDecider.DEFAULT_MANAGED_DRAINING : managedDraining;
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
