package io.berth.capacity;

import io.berth.events.CapacityProviderEvent;
import io.berth.events.CapacityProviderEvent.CapacityProviderCreated;
import io.berth.events.CapacityProviderEvent.CapacityProviderDeleted;
import io.berth.events.CapacityProviderEvent.CapacityProviderUpdated;
import io.berth.events.Shapes.ManagedScaling;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.scaling.managed.ProviderScaling;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.EntityManager;
import java.util.function.Supplier;

/**
 * The one consumer body of the capacity-provider events for every service that keeps a {@link
 * CapacityProviderColumns} table: once per event (the caller's inbox), and never behind a row that has seen a later
 * version of the provider's stream. Call inside the consumer's transaction.
 */
public final class CapacityProviderFold {

    /** The events that change a provider's row. */
    public static final Selection<CapacityProviderEvent> EVENTS = Selection.of(CapacityProviderEvent.class,
            CapacityProviderCreated.class, CapacityProviderUpdated.class, CapacityProviderDeleted.class);

    private CapacityProviderFold() {
    }

    /** Applies one provider event to the service's table of {@code type}, whose rows {@code fresh} makes. */
    public static <T extends CapacityProviderColumns> void apply(Class<T> type, Supplier<T> fresh,
            Delivery<CapacityProviderEvent> delivery) {
        EntityManager entities = Panache.getEntityManager(type);
        CapacityProviderEvent event = delivery.event();
        long version = delivery.envelope().aggregateVersion();
        T row = entities.find(type, event.capacityProviderArn());
        if (row != null && row.version >= version) {
            return;
        }
        if (event instanceof CapacityProviderCreated created) {
            boolean first = row == null;
            if (first) {
                row = fresh.get();
            }
            row.created(created.capacityProviderArn(), created.name(), created.autoScalingGroupArn());
            row.take(scaling(created.managedScaling(), created.managedTerminationProtection()), version);
            if (first) {
                entities.persist(row);
            }
        } else if (row != null && event instanceof CapacityProviderUpdated updated) {
            row.take(scaling(updated.managedScaling(), updated.managedTerminationProtection()), version);
        } else if (row != null && event instanceof CapacityProviderDeleted) {
            entities.remove(row);
        }
    }

    private static ProviderScaling scaling(ManagedScaling scaling, String terminationProtection) {
        return scaling == null ? ProviderScaling.unmanaged(terminationProtection)
                : ProviderScaling.of(scaling.status(), scaling.targetCapacity(), scaling.minimumScalingStepSize(),
                        scaling.maximumScalingStepSize(), scaling.instanceWarmupPeriod(), terminationProtection);
    }
}
