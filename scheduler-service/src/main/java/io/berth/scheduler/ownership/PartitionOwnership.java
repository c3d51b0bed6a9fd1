package io.berth.scheduler.ownership;

import io.berth.events.Topic;
import io.berth.eventstore.EventStoreException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Default;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Single writer per cluster: this instance decides a cluster's commands only while Kafka assigns
 * it the cluster's partition of {@code berth.scheduler.commands}. Each assignment bumps the
 * partition's fencing epoch in the database; every decision locks the partition's row and checks
 * the epoch it was read under, so a stale owner (after a rebalance, a long pause) can not write.
 * Whoever keeps state per cluster in memory follows {@link OwnershipChanged}; work that resumes when
 * partitions arrive follows {@link PartitionsAssigned}.
 */
@ApplicationScoped
@Identifier(PartitionOwnership.NAME)
@Default
public class PartitionOwnership implements KafkaConsumerRebalanceListener {

    public static final String NAME = "scheduler-commands-ownership";
    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);

    private final DataSource dataSource;
    private final String owner = UUID.randomUUID().toString();
    private final Map<Integer, Long> epochs = new ConcurrentHashMap<>();
    private final Event<OwnershipChanged> changed;
    private final Event<PartitionsAssigned> assigned;

    public PartitionOwnership(DataSource dataSource, Event<OwnershipChanged> changed,
            Event<PartitionsAssigned> assigned) {
        this.dataSource = dataSource;
        this.changed = changed;
        this.assigned = assigned;
    }

    /**
     * Partitions came or went: state kept in memory for the clusters decided here may be stale.
     * Fired synchronously, before this instance decides anything under the new assignment.
     */
    public record OwnershipChanged() {
    }

    /** Announced after this instance took partitions, so that work of their clusters resumes. */
    public record PartitionsAssigned(Set<Integer> partitions) {
    }

    /** Thrown when a decision runs under an epoch that is no longer the partition's. */
    public static final class StaleOwnerException extends RuntimeException {
        StaleOwnerException(String message) {
            super(message);
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        changed.fire(new OwnershipChanged());
        for (TopicPartition partition : partitions) {
            long epoch = QuarkusTransaction.requiringNew().call(() -> bump(partition.partition()));
            epochs.put(partition.partition(), epoch);
            LOG.debugf("Owning %s at epoch %d", partition, epoch);
        }
        assigned.fireAsync(new PartitionsAssigned(partitions.stream().map(TopicPartition::partition)
                .collect(Collectors.toSet())));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> epochs.remove(p.partition()));
        changed.fire(new OwnershipChanged());
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    /**
     * The partition of {@code berth.scheduler.commands} that holds a cluster's commands: what Kafka's
     * default partitioner picks for the cluster ARN as key over the topic's partitions.
     */
    public static int partitionOf(String clusterArn) {
        return Utils.toPositive(Utils.murmur2(clusterArn.getBytes(StandardCharsets.UTF_8))) % Topic.DEFAULT_PARTITIONS;
    }

    /** The epoch under which this instance owns {@code partition}; empty when it does not. */
    public OptionalLong epochOf(int partition) {
        Long epoch = epochs.get(partition);
        return epoch == null ? OptionalLong.empty() : OptionalLong.of(epoch);
    }

    /**
     * Inside the decision's transaction: locks the partition's row until the commit and refuses
     * if another instance has been assigned the partition since {@code epoch}.
     */
    public void requireCurrent(int partition, long epoch) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select epoch from partition_owner where topic_partition = ? for update")) {
            select.setInt(1, partition);
            try (ResultSet rs = select.executeQuery()) {
                long current = rs.next() ? rs.getLong(1) : -1;
                if (current != epoch) {
                    throw new StaleOwnerException("partition " + partition + " is at epoch " + current
                            + ", this decision was read at epoch " + epoch);
                }
            }
        } catch (SQLException e) {
            throw new EventStoreException("Checking the fencing epoch of partition " + partition + " failed", e);
        }
    }

    private long bump(int partition) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement upsert = c.prepareStatement("""
                        insert into partition_owner (topic_partition, epoch, owner) values (?, 1, ?)
                        on conflict (topic_partition)
                        do update set epoch = partition_owner.epoch + 1, owner = excluded.owner
                        returning epoch
                        """)) {
            upsert.setInt(1, partition);
            upsert.setString(2, owner);
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new EventStoreException("Taking partition " + partition + " failed", e);
        }
    }
}
