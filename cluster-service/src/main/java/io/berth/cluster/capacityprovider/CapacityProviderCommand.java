package io.berth.cluster.capacityprovider;

import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.Shapes.Tag;
import java.util.List;

/** What can be asked of a capacity provider, named by its ARN. */
public sealed interface CapacityProviderCommand {

    String capacityProviderArn();

    record CreateCapacityProvider(String capacityProviderArn, String name, String autoScalingGroupArn,
            ManagedScaling managedScaling, String managedTerminationProtection, String managedDraining,
            List<Tag> tags) implements CapacityProviderCommand {
    }

    /** Members left null keep their value. */
    record UpdateCapacityProvider(String capacityProviderArn, ManagedScalingUpdate managedScaling,
            String managedTerminationProtection, String managedDraining) implements CapacityProviderCommand {
    }

    /** The managed scaling members an update sets; null ones keep their value. */
    record ManagedScalingUpdate(String status, Integer targetCapacity, Integer minimumScalingStepSize,
            Integer maximumScalingStepSize, Integer instanceWarmupPeriod) {

        ManagedScaling over(ManagedScaling base) {
            return new ManagedScaling(status == null ? base.status() : status,
                    targetCapacity == null ? base.targetCapacity() : targetCapacity,
                    minimumScalingStepSize == null ? base.minimumScalingStepSize() : minimumScalingStepSize,
                    maximumScalingStepSize == null ? base.maximumScalingStepSize() : maximumScalingStepSize,
                    instanceWarmupPeriod == null ? base.instanceWarmupPeriod() : instanceWarmupPeriod);
        }
    }

    /** {@code usedByClusters}: the clusters it is associated with, which forbid the delete. */
    record DeleteCapacityProvider(String capacityProviderArn, List<String> usedByClusters)
            implements CapacityProviderCommand {
    }

    record TagCapacityProvider(String capacityProviderArn, List<Tag> tags) implements CapacityProviderCommand {
    }

    record UntagCapacityProvider(String capacityProviderArn, List<String> tagKeys) implements CapacityProviderCommand {
    }
}
