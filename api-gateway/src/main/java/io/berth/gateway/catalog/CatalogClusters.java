package io.berth.gateway.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import io.berth.events.Topics;
import io.berth.eventstore.AccountsForgotten;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The catalog's clusters held in memory (issue 21, ADR 0063): what {@code gateway_cluster} holds,
 * so that the cluster check of every scheduler read and command is a map lookup, not a JDBC read.
 * {@link CatalogConsumer} puts each changed cluster after its batch commits; how rows are held, kept
 * right and dropped is {@link HeldRows}'s: only while this instance is assigned every partition of
 * {@code berth.cluster.events}.
 */
@ApplicationScoped
@Identifier(CatalogClusters.NAME)
@Default
public class CatalogClusters extends HeldRows<CatalogClusters.Cluster> {

    /** The rebalance listener's name, for the {@code cluster-events} channel's configuration. */
    public static final String NAME = "gateway-cluster-partitions";

    public CatalogClusters() {
        super(Topics.CLUSTER_EVENTS, Integer.MAX_VALUE);
    }

    /** A cluster as the catalog's row holds it; its JSON is never handed out, only copies. */
    record Cluster(String status, JsonNode capacityProviders, JsonNode defaultStrategy) {

        /** As {@link Catalog#cluster} answers it. */
        ObjectNode described(String arn, String name) {
            ObjectNode cluster = EventJson.mapper().createObjectNode().put("clusterArn", arn)
                    .put("clusterName", name).put("status", status);
            cluster.set("capacityProviders", capacityProviders.deepCopy());
            cluster.set("defaultCapacityProviderStrategy", defaultStrategy.deepCopy());
            return cluster;
        }
    }

    /** The cluster {@code arn}, held or else read with {@code stored} (the table's row, if any). */
    Optional<Cluster> cluster(String arn, Supplier<Optional<Cluster>> stored) {
        return row(arn, stored);
    }

    void forget(@Observes AccountsForgotten forgotten) {
        forgetAccounts(forgotten);
    }
}
