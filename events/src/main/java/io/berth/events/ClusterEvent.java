package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.KeyValue;
import io.berth.events.Shapes.Tag;
import java.util.List;

/** Topic {@value Topics#CLUSTER_EVENTS}: the life of a cluster, owned by the cluster-service. */
public sealed interface ClusterEvent extends BerthEvent {

    String clusterArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    @JsonTypeName("ClusterCreated")
    record ClusterCreated(String clusterArn, String clusterName, List<KeyValue> settings,
            List<String> capacityProviders, List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy,
            List<Tag> tags) implements ClusterEvent {
    }

    @JsonTypeName("ClusterSettingsUpdated")
    record ClusterSettingsUpdated(String clusterArn, List<KeyValue> settings) implements ClusterEvent {
    }

    @JsonTypeName("ClusterCapacityProvidersPut")
    record ClusterCapacityProvidersPut(String clusterArn, List<String> capacityProviders,
            List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy) implements ClusterEvent {
    }

    @JsonTypeName("ClusterDeleted")
    record ClusterDeleted(String clusterArn) implements ClusterEvent {
    }
}
