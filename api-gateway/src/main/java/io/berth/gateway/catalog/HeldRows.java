package io.berth.gateway.catalog;

import io.berth.ecs.Arns;
import io.berth.eventstore.AccountsForgotten;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Rows of one of the catalog's tables held in memory by ARN (issue 21, ADR 0063), so that a check on
 * the request path is a map lookup, not a JDBC read. The table stays the truth; a row is held once it
 * was read from the table or changed by one of its events, and always as the last committed change left it:
 * <ul>
 * <li>the consumer hands over what its batch changed (or the keys it may have changed) after the batch
 * commits and before its positions are announced, so a read that waited for the caller's writes finds
 * them;</li>
 * <li>a read that misses reads the table and keeps the row only if nothing was dropped meanwhile (an
 * event, a reset, an assignment) and no event put a newer one ({@code putIfAbsent});</li>
 * <li>a reset of an account (ADR 0034) drops its rows once its deletions have committed.</li>
 * </ul>
 * A row the table does not hold is not held here either: the caller asks the owner then.
 *
 * <p>Memory that follows the events is right only where this instance consumes every change: with
 * several gateways in one group (ADR 0036) another applies some partitions' events to the shared
 * table. So rows are held only while this instance is assigned every partition of the table's topic
 * (one gateway, as {@code ./berth up} and compose run it), and every change of the assignment drops
 * what is held; otherwise each check reads the table. At most {@code capacity} rows are held; past it,
 * the others are read from the table each time.
 */
abstract class HeldRows<V> implements KafkaConsumerRebalanceListener {

    private final String topic;
    private final int capacity;
    private final Map<String, V> held = new ConcurrentHashMap<>();
    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    /** Whether this instance consumes every partition of the topic: only then is anything held. */
    private volatile boolean everyPartition;
    /**
     * Counts what made held rows go (resets, assignments, changes applied elsewhere): a row read
     * before one of them is not kept after it. Guarded by {@code this}.
     */
    private long drops;

    HeldRows(String topic, int capacity) {
        this.topic = topic;
        this.capacity = capacity;
    }

    /** The row {@code key}, held or else read with {@code stored} (the table's row, if any). */
    Optional<V> row(String key, Supplier<Optional<V>> stored) {
        V row = held.get(key);
        if (row != null) {
            return Optional.of(row);
        }
        long before;
        synchronized (this) {
            before = drops;
        }
        Optional<V> read = stored.get();
        read.ifPresent(value -> {
            synchronized (this) {
                if (everyPartition && drops == before && held.size() < capacity) {
                    held.putIfAbsent(key, value);
                }
            }
        });
        return read;
    }

    /** The row {@code key} if it is held, without reading the table. */
    Optional<V> held(String key) {
        return Optional.ofNullable(held.get(key));
    }

    /**
     * What this instance's committed batch left of each row it changed, in commit order per row;
     * {@code delivered} are the keys of every record of the batch: those the batch did not change
     * here (a record applied before, by another instance that had its partition) go, so that the next
     * check reads the table.
     */
    void applied(Map<String, V> committed, Set<String> delivered) {
        synchronized (this) {
            if (everyPartition) {
                committed.forEach((key, value) -> {
                    if (held.containsKey(key) || held.size() < capacity) {
                        held.put(key, value);
                    }
                });
            }
            Set<String> unchanged = new HashSet<>(delivered);
            unchanged.removeAll(committed.keySet());
            if (!unchanged.isEmpty()) {
                drop(unchanged::contains);
            }
        }
    }

    /** The rows whose keys {@code which} names go: the next check of each reads the table. */
    synchronized void drop(Predicate<String> which) {
        drops++;
        held.keySet().removeIf(which);
    }

    /** A reset's accounts' rows go (and a row whose ARN names no account). */
    void forgetAccounts(AccountsForgotten forgotten) {
        drop(arn -> Arns.accountOf(arn).map(forgotten::includes).orElse(true));
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.stream().filter(p -> topic.equals(p.topic())).forEach(p -> assigned.add(p.partition()));
        reassigned(consumer);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.stream().filter(p -> topic.equals(p.topic())).forEach(p -> assigned.remove(p.partition()));
        reassigned(consumer);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    /** What was held may lack another instance's last changes: it goes, and holding starts over if all is here. */
    private void reassigned(Consumer<?, ?> consumer) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        synchronized (this) {
            drops++;
            held.clear();
            everyPartition = partitions != null && !partitions.isEmpty() && partitions.stream()
                    .allMatch(p -> assigned.contains(p.partition()));
        }
    }
}
