package io.berth.agent.autoscaling;

import io.berth.events.CapacityProviderEvent;
import io.berth.events.CapacityProviderEvent.CapacityProviderCreated;
import io.berth.events.CapacityProviderEvent.CapacityProviderDeleted;
import io.berth.events.CapacityProviderEvent.CapacityProviderUpdated;
import io.berth.events.EventEnvelope;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns the capacity providers backed by Auto Scaling groups from the cluster-service, once per event:
 * the instances a group launches afterwards register with the provider's name, and its terminations
 * drain them first unless the provider's {@code managedDraining} is DISABLED. A provider whose events predate
 * the setting drains, as ECS's default is ENABLED.
 */
@ApplicationScoped
public class CapacityProviderEventsConsumer {

    static final String CONSUMER = "auto-scaling-capacity-providers";
    static final Selection<CapacityProviderEvent> SETTINGS = Selection.of(CapacityProviderEvent.class,
            CapacityProviderCreated.class, CapacityProviderUpdated.class, CapacityProviderDeleted.class);

    private final EventConsumer consumer;

    public CapacityProviderEventsConsumer(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("capacity-provider-events")
    @Blocking(EventConsumer.WORKERS)
    public void onCapacityProviderEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(CONSUMER, record, SETTINGS, fresh -> {
            fresh.forEach(delivery -> {
                if (delivery.event() instanceof CapacityProviderCreated created) {
                    if (created.autoScalingGroupArn() != null
                            && CapacityProviderGroup.findById(created.capacityProviderArn()) == null) {
                        CapacityProviderGroup provider = new CapacityProviderGroup();
                        provider.capacityProviderArn = created.capacityProviderArn();
                        provider.name = created.name();
                        provider.account = delivery.envelope().account();
                        provider.region = delivery.envelope().region();
                        provider.autoScalingGroup = created.autoScalingGroupArn();
                        provider.managedDraining = drains(created.managedDraining());
                        provider.persist();
                    }
                } else if (delivery.event() instanceof CapacityProviderUpdated updated) {
                    CapacityProviderGroup provider = CapacityProviderGroup.findById(updated.capacityProviderArn());
                    if (provider != null) {
                        provider.managedDraining = drains(updated.managedDraining());
                    }
                } else {
                    CapacityProviderGroup.deleteById(delivery.event().capacityProviderArn());
                }
            });
            return EventConsumer.NOTHING_LEFT;
        });
    }

    private static boolean drains(String managedDraining) {
        return !"DISABLED".equals(managedDraining);
    }
}
