package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** {@code configuration} and {@code serviceConnectDefaults} are the ECS objects as given. */
    @JsonTypeName("ClusterCreated")
    record ClusterCreated(String clusterArn, String clusterName, List<KeyValue> settings,
            List<String> capacityProviders, List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy,
            List<Tag> tags, ObjectNode configuration, ObjectNode serviceConnectDefaults) implements ClusterEvent {
    }

    /** UpdateCluster: only the members the request set are present. */
    @JsonTypeName("ClusterUpdated")
    record ClusterUpdated(String clusterArn, List<KeyValue> settings, ObjectNode configuration,
            ObjectNode serviceConnectDefaults) implements ClusterEvent {
    }

    @JsonTypeName("ClusterSettingsUpdated")
    record ClusterSettingsUpdated(String clusterArn, List<KeyValue> settings) implements ClusterEvent {
    }

    @JsonTypeName("ClusterCapacityProvidersPut")
    record ClusterCapacityProvidersPut(String clusterArn, List<String> capacityProviders,
            List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy) implements ClusterEvent {
    }

    /** The complete set of tags after a TagResource or UntagResource. */
    @JsonTypeName("ClusterTagsChanged")
    record ClusterTagsChanged(String clusterArn, List<Tag> tags) implements ClusterEvent {
    }

    @JsonTypeName("ClusterDeleted")
    record ClusterDeleted(String clusterArn) implements ClusterEvent {
    }
}
