package io.berth.agent.cluster;

import io.berth.events.ClusterEvent;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns which clusters exist from the cluster-service's events, once per event. */
@ApplicationScoped
public class ClusterEventsConsumer {

    static final String CONSUMER = "known-clusters";
    static final Selection<ClusterEvent> CREATED_OR_DELETED = Selection.of(ClusterEvent.class,
            ClusterCreated.class, ClusterDeleted.class);

    private final EventConsumer consumer;

    public ClusterEventsConsumer(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("cluster-events")
    @Blocking(EventConsumer.WORKERS)
    public void onClusterEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(CONSUMER, record, CREATED_OR_DELETED, fresh -> {
            fresh.forEach(delivery -> record(delivery.event().clusterArn(),
                    delivery.event() instanceof ClusterCreated ? "ACTIVE" : "INACTIVE"));
            return EventConsumer.NOTHING_LEFT;
        });
    }

    private static void record(String clusterArn, String status) {
        KnownCluster cluster = KnownCluster.findById(clusterArn);
        if (cluster == null) {
            cluster = new KnownCluster();
            cluster.clusterArn = clusterArn;
        }
        cluster.status = status;
        cluster.persist();
    }
}
