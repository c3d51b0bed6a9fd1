package io.berth.agent.cluster;

import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.eventstore.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Learns which clusters exist from the cluster-service's events, once per event. */
@ApplicationScoped
public class ClusterEventsConsumer {

    private final Inbox inbox;

    public ClusterEventsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("cluster-events")
    @Blocking
    @Transactional
    public void onClusterEvent(EventEnvelope event) {
        if (event == null || !(event.payload() instanceof ClusterCreated || event.payload() instanceof ClusterDeleted)
                || !inbox.firstDelivery("known-clusters", event.eventId())) {
            return;
        }
        if (event.payload() instanceof ClusterCreated created) {
            record(created.clusterArn(), "ACTIVE");
        } else if (event.payload() instanceof ClusterDeleted deleted) {
            record(deleted.clusterArn(), "INACTIVE");
        }
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
