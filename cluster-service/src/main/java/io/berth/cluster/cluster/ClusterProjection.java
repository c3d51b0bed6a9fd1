package io.berth.cluster.cluster;

import io.berth.eventstore.JsonColumns;
import io.berth.events.ClusterEvent;
import io.berth.events.EventEnvelope;
import io.berth.eventsourcing.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Keeps {@link ClusterView} equal to the cluster streams folded by {@link ClusterDecider}. */
@ApplicationScoped
public class ClusterProjection implements Projection {

    public static final String STREAM_TYPE = "cluster";
    private static final ClusterDecider DECIDER = new ClusterDecider();

    @Override
    public String name() {
        return "cluster-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE);
    }

    @Override
    public void reset() {
        ClusterView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope event) {
        // A stream's first event has no row to read: a row comes only from its stream's events (a reset deletes
        // both), and persisting one that were there would fail at the flush rather than be overwritten.
        ClusterView view = event.aggregateVersion() == 1 ? null : ClusterView.findById(event.aggregateId());
        ClusterState before = view == null ? ClusterState.NONE : stateOf(view);
        ClusterState after = DECIDER.evolve(before, (ClusterEvent) event.payload());
        if (view == null) {
            view = new ClusterView();
            view.clusterArn = event.aggregateId();
            view.account = event.account();
            view.region = event.region();
        }
        view.clusterName = after.clusterName();
        view.status = after.status();
        view.settings = JsonColumns.write(after.settings());
        view.configuration = JsonColumns.write(after.configuration());
        view.serviceConnectDefaults = JsonColumns.write(after.serviceConnectDefaults());
        view.capacityProviders = JsonColumns.write(after.capacityProviders());
        view.defaultStrategy = JsonColumns.write(after.defaultCapacityProviderStrategy());
        view.tags = JsonColumns.write(after.tags());
        view.persist();
    }

    /** The state a row holds, the inverse of {@link #apply}. */
    public static ClusterState stateOf(ClusterView view) {
        return new ClusterState(view.clusterArn, view.clusterName, view.status,
                JsonColumns.read(view.settings, new com.fasterxml.jackson.core.type.TypeReference<>() { }),
                (com.fasterxml.jackson.databind.node.ObjectNode) JsonColumns.tree(view.configuration),
                (com.fasterxml.jackson.databind.node.ObjectNode) JsonColumns.tree(view.serviceConnectDefaults),
                JsonColumns.read(view.capacityProviders, new com.fasterxml.jackson.core.type.TypeReference<>() { }),
                JsonColumns.read(view.defaultStrategy, new com.fasterxml.jackson.core.type.TypeReference<>() { }),
                JsonColumns.read(view.tags, new com.fasterxml.jackson.core.type.TypeReference<>() { }));
    }
}
