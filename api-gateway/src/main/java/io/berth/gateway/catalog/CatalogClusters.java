package io.berth.gateway.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.events.EventJson;
import io.berth.eventstore.AccountsForgotten;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The catalog's clusters held in memory (issue 21, ADR 0063): what {@code gateway_cluster} holds,
 * so that the cluster check of every scheduler read and command is a map lookup, not a JDBC read.
 * The table stays the truth; this holds a cluster once it was read from the table or changed by one
 * of its events, and always as the last committed change left it:
 * <ul>
 * <li>{@link CatalogConsumer} puts each changed cluster after its batch commits and before the
 * batch's positions are announced, so a read that waited for the caller's writes finds them here;</li>
 * <li>a read that misses reads the table and keeps the row only if no event put a newer one
 * meanwhile ({@code putIfAbsent}) and no reset forgot the account meanwhile;</li>
 * <li>a reset of an account (ADR 0034) drops its clusters once its deletions have committed.</li>
 * </ul>
 * A cluster the table does not hold is not held here either: the caller asks the owner then.
 */
@ApplicationScoped
public class CatalogClusters {

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

    private final Map<String, Cluster> held = new ConcurrentHashMap<>();
    /** Counts the resets seen: a row read before one is not kept after it. Guarded by {@code this}. */
    private long resets;

    /** The cluster {@code arn}, held or else read with {@code stored} (the table's row, if any). */
    Optional<Cluster> cluster(String arn, Supplier<Optional<Cluster>> stored) {
        Cluster cluster = held.get(arn);
        if (cluster != null) {
            return Optional.of(cluster);
        }
        long before;
        synchronized (this) {
            before = resets;
        }
        Optional<Cluster> read = stored.get();
        read.ifPresent(row -> {
            synchronized (this) {
                if (resets == before) {
                    held.putIfAbsent(arn, row);
                }
            }
        });
        return read;
    }

    /** What a committed change left of cluster {@code arn}; called in commit order per cluster. */
    void changed(Map<String, Cluster> committed) {
        held.putAll(committed);
    }

    void forget(@Observes AccountsForgotten forgotten) {
        synchronized (this) {
            resets++;
            held.keySet().removeIf(arn -> Arns.accountOf(arn).map(forgotten::includes).orElse(true));
        }
    }
}
