package io.berth.gateway.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.events.EventJson;
import io.berth.events.Topics;
import io.berth.eventstore.AccountsForgotten;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

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
 *
 * <p>Memory that follows the events is right only where this instance consumes every change: with
 * several gateways in one group (ADR 0036) another applies some partitions' events to the shared
 * table. So clusters are held only while this instance is assigned every partition of
 * {@code berth.cluster.events} (one gateway, as {@code ./berth up} and compose run it), and every
 * change of the assignment drops what is held; otherwise each check reads the table, as before.
 */
@ApplicationScoped
@Identifier(CatalogClusters.NAME)
@Default
public class CatalogClusters implements KafkaConsumerRebalanceListener {

    /** The rebalance listener's name, for the {@code cluster-events} channel's configuration. */
    public static final String NAME = "gateway-cluster-partitions";

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
    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    /** Whether this instance consumes every partition of the topic: only then is anything held. */
    private volatile boolean everyPartition;
    /**
     * Counts what made held clusters go (resets, assignments, changes applied elsewhere): a row read
     * before one of them is not kept after it. Guarded by {@code this}.
     */
    private long drops;

    /** The cluster {@code arn}, held or else read with {@code stored} (the table's row, if any). */
    Optional<Cluster> cluster(String arn, Supplier<Optional<Cluster>> stored) {
        Cluster cluster = held.get(arn);
        if (cluster != null) {
            return Optional.of(cluster);
        }
        long before;
        synchronized (this) {
            before = drops;
        }
        Optional<Cluster> read = stored.get();
        read.ifPresent(row -> {
            synchronized (this) {
                if (everyPartition && drops == before) {
                    held.putIfAbsent(arn, row);
                }
            }
        });
        return read;
    }

    /** The cluster {@code arn} if it is held, without reading the table. */
    Optional<Cluster> held(String arn) {
        return Optional.ofNullable(held.get(arn));
    }

    /**
     * What this instance's committed batch left of each cluster it changed, in commit order per
     * cluster; {@code delivered} are the clusters of every record of the batch: those the batch did
     * not change here (a record applied before, by another instance that had its partition) go, so
     * that the next check reads the table.
     */
    void applied(Map<String, Cluster> committed, Set<String> delivered) {
        synchronized (this) {
            if (everyPartition) {
                held.putAll(committed);
            }
            Set<String> unchanged = new HashSet<>(delivered);
            unchanged.removeAll(committed.keySet());
            if (!unchanged.isEmpty()) {
                drops++;
                held.keySet().removeAll(unchanged);
            }
        }
    }

    void forget(@Observes AccountsForgotten forgotten) {
        synchronized (this) {
            drops++;
            held.keySet().removeIf(arn -> Arns.accountOf(arn).map(forgotten::includes).orElse(true));
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.stream().filter(p -> Topics.CLUSTER_EVENTS.equals(p.topic()))
                .forEach(p -> assigned.add(p.partition()));
        reassigned(consumer);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.stream().filter(p -> Topics.CLUSTER_EVENTS.equals(p.topic()))
                .forEach(p -> assigned.remove(p.partition()));
        reassigned(consumer);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    /** What was held may lack another instance's last changes: it goes, and holding starts over if all is here. */
    private void reassigned(Consumer<?, ?> consumer) {
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.CLUSTER_EVENTS);
        synchronized (this) {
            drops++;
            held.clear();
            everyPartition = partitions != null && !partitions.isEmpty() && partitions.stream()
                    .allMatch(p -> assigned.contains(p.partition()));
        }
    }
}
