package io.berth.scheduler.capacity;

import io.berth.ecs.Arns;
import java.util.List;
import java.util.Optional;

/** The capacity providers with managed scaling, as the scheduler learned them. Call inside a transaction. */
public final class ManagedProviders {

    private ManagedProviders() {
    }

    /** The provider named {@code name} in the cluster's account and Region, if its managed scaling is ENABLED. */
    public static Optional<CapacityProviderRecord> managed(String clusterArn, String name) {
        if (name == null) {
            return Optional.empty();
        }
        CapacityProviderRecord row = CapacityProviderRecord.findById(Arns.ofResourceId(clusterArn,
                "capacity-provider/" + name));
        return Optional.ofNullable(row).filter(r -> r.scaling().enabled());
    }

    /** The providers with managed scaling ENABLED that are associated with the cluster. */
    public static List<CapacityProviderRecord> ofCluster(String clusterArn) {
        ClusterProvidersRecord cluster = ClusterProvidersRecord.findById(clusterArn);
        if (cluster == null) {
            return List.of();
        }
        return cluster.names().stream().map(name -> managed(clusterArn, name)).flatMap(Optional::stream).toList();
    }

    /** The clusters with at least one provider whose managed scaling is ENABLED. */
    public static List<String> clusters() {
        return ClusterProvidersRecord.<ClusterProvidersRecord>listAll().stream()
                .filter(c -> !ofCluster(c.clusterArn).isEmpty()).map(c -> c.clusterArn).toList();
    }
}
