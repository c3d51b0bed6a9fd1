package io.berth.scheduler.capacity;

import io.berth.capacity.CapacityProviderFold;
import io.berth.events.ClusterEvent;
import io.berth.events.ClusterEvent.ClusterCapacityProvidersPut;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.JsonColumns;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows the cluster-service's capacity providers and the clusters' associations with them, once
 * per event (the consumer skeleton's inbox, then each row's version), so that the scheduler knows
 * which providers have managed scaling (ADR 0039) without asking on every placement.
 */
@ApplicationScoped
public class CapacityProviderEventsConsumer {

    static final String PROVIDERS = "scheduler-capacity-providers";
    static final String CLUSTERS = "scheduler-cluster-providers";
    static final Selection<ClusterEvent> ASSOCIATIONS = Selection.of(ClusterEvent.class, ClusterCreated.class,
            ClusterCapacityProvidersPut.class, ClusterDeleted.class);

    private final EventConsumer consumer;

    public CapacityProviderEventsConsumer(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("capacity-provider-events")
    @Blocking(EventConsumer.WORKERS)
    public void onCapacityProviderEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(PROVIDERS, record, CapacityProviderFold.EVENTS, fresh -> {
            fresh.forEach(delivery -> CapacityProviderFold.apply(CapacityProviderRecord.class,
                    CapacityProviderRecord::new, delivery));
            return EventConsumer.NOTHING_LEFT;
        });
    }

    @Incoming("cluster-events")
    @Blocking(EventConsumer.WORKERS)
    public void onClusterEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(CLUSTERS, record, ASSOCIATIONS, fresh -> {
            fresh.forEach(CapacityProviderEventsConsumer::associate);
            return EventConsumer.NOTHING_LEFT;
        });
    }

    private static void associate(Delivery<ClusterEvent> delivery) {
        EventEnvelope envelope = delivery.envelope();
        ClusterEvent event = delivery.event();
        ClusterProvidersRecord row = ClusterProvidersRecord.findById(event.clusterArn());
        if (row != null && row.version >= envelope.aggregateVersion()) {
            return;
        }
        List<String> providers;
        if (event instanceof ClusterCreated created) {
            providers = created.capacityProviders();
        } else if (event instanceof ClusterCapacityProvidersPut put) {
            providers = put.capacityProviders();
        } else {
            if (row != null) {
                row.delete();
            }
            return;
        }
        if (row == null) {
            row = new ClusterProvidersRecord();
            row.clusterArn = event.clusterArn();
            row.capacityProviders = JsonColumns.write(providers == null ? List.of() : providers);
            row.version = envelope.aggregateVersion();
            row.persist();
        } else {
            row.capacityProviders = JsonColumns.write(providers == null ? List.of() : providers);
            row.version = envelope.aggregateVersion();
        }
    }
}
