package io.berth.cluster.capacityprovider;

import io.berth.cluster.capacityprovider.CapacityProviderCommand.CreateCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.DeleteCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.TagCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.UntagCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.UpdateCapacityProvider;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.Tags;
import io.berth.events.CapacityProviderEvent;
import io.berth.events.CapacityProviderEvent.CapacityProviderCreated;
import io.berth.events.CapacityProviderEvent.CapacityProviderDeleted;
import io.berth.events.CapacityProviderEvent.CapacityProviderTagsChanged;
import io.berth.events.CapacityProviderEvent.CapacityProviderUpdated;
import io.berth.events.Shapes.ManagedScaling;
import io.berth.eventsourcing.Decider;
import java.util.List;
import java.util.Locale;

/** The capacity provider aggregate (Auto Scaling group providers; FARGATE and FARGATE_SPOT are built in). */
public final class CapacityProviderDecider
        implements Decider<CapacityProviderCommand, CapacityProviderEvent, CapacityProviderState> {

    /** The ECS defaults of managed scaling. */
    public static final ManagedScaling DEFAULT_MANAGED_SCALING = new ManagedScaling("ENABLED", 100, 1, 10000, 300);
    /** ECS's default for managed draining when a request leaves it out. */
    public static final String DEFAULT_MANAGED_DRAINING = "ENABLED";

    @Override
    public CapacityProviderState initialState() {
        return CapacityProviderState.NONE;
    }

    @Override
    public List<CapacityProviderEvent> decide(CapacityProviderCommand command, CapacityProviderState state) {
        if (command instanceof CreateCapacityProvider create) {
            checkName(create.name());
            if (state.isActive()) {
                throw EcsErrors.clientException("The specified capacity provider already exists. To change the"
                        + " configuration of an existing capacity provider, update the capacity provider.");
            }
            if (create.autoScalingGroupArn() == null || create.autoScalingGroupArn().isBlank()) {
                throw EcsErrors.missing("autoScalingGroupProvider.autoScalingGroupArn");
            }
            checkManagedScaling(create.managedScaling());
            checkTerminationProtection(create.managedTerminationProtection(), create.managedScaling());
            checkManagedDraining(create.managedDraining());
            return List.of(new CapacityProviderCreated(create.capacityProviderArn(), create.name(),
                    create.autoScalingGroupArn(), create.managedScaling(), create.managedTerminationProtection(),
                    create.tags(), create.managedDraining()));
        }
        if (!state.isActive()) {
            throw EcsErrors.clientException("The specified capacity provider does not exist. Specify a valid name or"
                    + " ARN and try again.");
        }
        if (command instanceof UpdateCapacityProvider update) {
            ManagedScaling scaling = update.managedScaling() == null ? state.managedScaling()
                    : update.managedScaling().over(state.managedScaling());
            String protection = update.managedTerminationProtection() == null
                    ? state.managedTerminationProtection() : update.managedTerminationProtection();
            String draining = update.managedDraining() == null ? state.effectiveManagedDraining()
                    : update.managedDraining();
            checkManagedScaling(scaling);
            checkTerminationProtection(protection, scaling);
            checkManagedDraining(draining);
            return List.of(new CapacityProviderUpdated(update.capacityProviderArn(), scaling, protection, draining));
        }
        if (command instanceof DeleteCapacityProvider delete) {
            if (!delete.usedByClusters().isEmpty()) {
                throw new io.berth.ecs.EcsException(EcsErrors.RESOURCE_IN_USE, "The specified capacity provider is"
                        + " in use and cannot be removed. Disassociate it from clusters "
                        + String.join(", ", delete.usedByClusters()) + " and try again.");
            }
            return List.of(new CapacityProviderDeleted(delete.capacityProviderArn(), state.name()));
        }
        if (command instanceof TagCapacityProvider tag) {
            return List.of(new CapacityProviderTagsChanged(tag.capacityProviderArn(),
                    Tags.merge(state.tags(), tag.tags())));
        }
        if (command instanceof UntagCapacityProvider untag) {
            return List.of(new CapacityProviderTagsChanged(untag.capacityProviderArn(),
                    Tags.remove(state.tags(), untag.tagKeys())));
        }
        throw new IllegalArgumentException("Unknown capacity provider command " + command);
    }

    static void checkName(String name) {
        io.berth.ecs.Names.require(name, "Capacity provider name");
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws") || lower.startsWith("ecs") || lower.startsWith("fargate")) {
            throw EcsErrors.invalidParameter("The capacity provider name cannot start with 'aws', 'ecs' or"
                    + " 'fargate'.");
        }
    }

    static void checkManagedScaling(ManagedScaling scaling) {
        if (!"ENABLED".equals(scaling.status()) && !"DISABLED".equals(scaling.status())) {
            throw EcsErrors.invalidParameter("managedScaling.status must be ENABLED or DISABLED.");
        }
        checkRange("managedScaling.targetCapacity", scaling.targetCapacity(), 1, 100);
        checkRange("managedScaling.minimumScalingStepSize", scaling.minimumScalingStepSize(), 1, 10000);
        checkRange("managedScaling.maximumScalingStepSize", scaling.maximumScalingStepSize(), 1, 10000);
        checkRange("managedScaling.instanceWarmupPeriod", scaling.instanceWarmupPeriod(), 0, 10000);
        if (scaling.minimumScalingStepSize() > scaling.maximumScalingStepSize()) {
            throw EcsErrors.invalidParameter("managedScaling.minimumScalingStepSize cannot be greater than"
                    + " managedScaling.maximumScalingStepSize.");
        }
    }

    static void checkTerminationProtection(String protection, ManagedScaling scaling) {
        if (!"ENABLED".equals(protection) && !"DISABLED".equals(protection)) {
            throw EcsErrors.invalidParameter("managedTerminationProtection must be ENABLED or DISABLED.");
        }
        if ("ENABLED".equals(protection) && !"ENABLED".equals(scaling.status())) {
            throw EcsErrors.invalidParameter("Managed termination protection can only be enabled if managed scaling"
                    + " is also enabled.");
        }
    }

    static void checkManagedDraining(String draining) {
        if (!"ENABLED".equals(draining) && !"DISABLED".equals(draining)) {
            throw EcsErrors.invalidParameter("managedDraining must be ENABLED or DISABLED.");
        }
    }

    private static void checkRange(String member, int value, int min, int max) {
        if (value < min || value > max) {
            throw EcsErrors.invalidParameter(member + " must be between " + min + " and " + max + ".");
        }
    }

    @Override
    public CapacityProviderState evolve(CapacityProviderState state, CapacityProviderEvent event) {
        if (event instanceof CapacityProviderCreated created) {
            return new CapacityProviderState(created.capacityProviderArn(), created.name(), "ACTIVE",
                    created.autoScalingGroupArn(), created.managedScaling(), created.managedTerminationProtection(),
                    created.tags() == null ? List.of() : created.tags(), null, created.managedDraining());
        }
        if (event instanceof CapacityProviderUpdated updated) {
            return new CapacityProviderState(state.capacityProviderArn(), state.name(), state.status(),
                    state.autoScalingGroupArn(), updated.managedScaling(), updated.managedTerminationProtection(),
                    state.tags(), "UPDATE_COMPLETE",
                    updated.managedDraining() == null ? state.managedDraining() : updated.managedDraining());
        }
        if (event instanceof CapacityProviderTagsChanged tags) {
            return new CapacityProviderState(state.capacityProviderArn(), state.name(), state.status(),
                    state.autoScalingGroupArn(), state.managedScaling(), state.managedTerminationProtection(),
                    tags.tags(), state.updateStatus(), state.managedDraining());
        }
        if (event instanceof CapacityProviderDeleted) {
            return new CapacityProviderState(state.capacityProviderArn(), state.name(), "INACTIVE",
                    state.autoScalingGroupArn(), state.managedScaling(), state.managedTerminationProtection(),
                    state.tags(), "DELETE_COMPLETE", state.managedDraining());
        }
        return state;
    }
}
