package io.berth.cluster.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.KeyValue;
import io.berth.events.Shapes.Tag;
import java.util.List;
import java.util.Set;

/** What can be asked of a cluster. Every command names the cluster by its ARN. */
public sealed interface ClusterCommand {

    String clusterArn();

    /**
     * @param knownCapacityProviders the capacity providers that exist for the caller, so the decider
     *     can refuse unknown ones without a lookup of its own
     */
    record CreateCluster(String clusterArn, String clusterName, List<KeyValue> settings, ObjectNode configuration,
            List<String> capacityProviders, List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy,
            List<Tag> tags, ObjectNode serviceConnectDefaults, Set<String> knownCapacityProviders)
            implements ClusterCommand {
    }

    record UpdateCluster(String clusterArn, List<KeyValue> settings, ObjectNode configuration,
            ObjectNode serviceConnectDefaults) implements ClusterCommand {
    }

    record UpdateClusterSettings(String clusterArn, List<KeyValue> settings) implements ClusterCommand {
    }

    /** {@code providersInUse}: those the cluster's tasks or services use now, which it may not drop. */
    record PutClusterCapacityProviders(String clusterArn, List<String> capacityProviders,
            List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy, Set<String> knownCapacityProviders,
            Set<String> providersInUse) implements ClusterCommand {
    }

    /** {@code contents} is what the cluster holds now, from the other services' events. */
    record DeleteCluster(String clusterArn, ClusterContents contents) implements ClusterCommand {
    }

    record TagCluster(String clusterArn, List<Tag> tags) implements ClusterCommand {
    }

    record UntagCluster(String clusterArn, List<String> tagKeys) implements ClusterCommand {
    }
}
