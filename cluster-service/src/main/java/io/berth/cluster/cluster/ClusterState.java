package io.berth.cluster.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.KeyValue;
import io.berth.events.Shapes.Tag;
import java.util.List;

/** A cluster as its events made it; {@code status} is null before it was ever created. */
public record ClusterState(String clusterArn, String clusterName, String status, List<KeyValue> settings,
        ObjectNode configuration, ObjectNode serviceConnectDefaults, List<String> capacityProviders,
        List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy, List<Tag> tags) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";

    public static final ClusterState NONE = new ClusterState(null, null, null, List.of(), null, null, List.of(),
            List.of(), List.of());

    public boolean exists() {
        return status != null;
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    ClusterState with(String newStatus, List<KeyValue> newSettings, ObjectNode newConfiguration,
            ObjectNode newServiceConnectDefaults, List<String> newProviders,
            List<CapacityProviderStrategyItem> newStrategy, List<Tag> newTags) {
        return new ClusterState(clusterArn, clusterName, newStatus, newSettings, newConfiguration,
                newServiceConnectDefaults, newProviders, newStrategy, newTags);
    }
}
