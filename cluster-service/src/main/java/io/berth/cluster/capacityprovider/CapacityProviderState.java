package io.berth.cluster.capacityprovider;

import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.Shapes.Tag;
import java.util.List;

/** A capacity provider as its events made it; {@code status} is null before it was created. */
public record CapacityProviderState(String capacityProviderArn, String name, String status,
        String autoScalingGroupArn, ManagedScaling managedScaling, String managedTerminationProtection,
        List<Tag> tags, String updateStatus) {

    public static final CapacityProviderState NONE = new CapacityProviderState(null, null, null, null, null, null,
            List.of(), null);

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
