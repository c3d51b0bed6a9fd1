package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.Shapes.Tag;
import java.util.List;

/** Topic {@value Topics#CAPACITY_PROVIDER_EVENTS}: capacity providers, owned by the cluster-service. */
public sealed interface CapacityProviderEvent extends BerthEvent {

    String capacityProviderArn();

    @Override
    default String partitionKey() {
        return capacityProviderArn();
    }

    @JsonTypeName("CapacityProviderCreated")
    record CapacityProviderCreated(String capacityProviderArn, String name, String autoScalingGroupArn,
            ManagedScaling managedScaling, String managedTerminationProtection, List<Tag> tags,
            String managedDraining) implements CapacityProviderEvent {
    }

    @JsonTypeName("CapacityProviderUpdated")
    record CapacityProviderUpdated(String capacityProviderArn, ManagedScaling managedScaling,
            String managedTerminationProtection, String managedDraining) implements CapacityProviderEvent {
    }

    /** The complete set of tags after a TagResource or UntagResource. */
    @JsonTypeName("CapacityProviderTagsChanged")
    record CapacityProviderTagsChanged(String capacityProviderArn, List<Tag> tags) implements CapacityProviderEvent {
    }

    @JsonTypeName("CapacityProviderDeleted")
    record CapacityProviderDeleted(String capacityProviderArn, String name) implements CapacityProviderEvent {
    }
}
