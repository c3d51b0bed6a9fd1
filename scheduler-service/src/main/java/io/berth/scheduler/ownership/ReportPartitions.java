package io.berth.scheduler.ownership;

import io.berth.scheduler.ownership.PartitionOwnership.OwnershipChanged;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions of {@code berth.task-state.events} this instance consumes. Agents' reports are keyed
 * by cluster like the commands, but Kafka assigns the two topics' partitions to the instances
 * independently: only for a cluster whose reports are applied here does this instance see every
 * change of its tasks as it commits, which memory that follows them needs ({@link #here}). A change of
 * the assignment is an {@link OwnershipChanged}: what memory holds may lack the other instance's last
 * changes.
 */
@ApplicationScoped
@Identifier(ReportPartitions.NAME)
@Default
public class ReportPartitions implements KafkaConsumerRebalanceListener {

    public static final String NAME = "scheduler-task-state-partitions";

    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    private final Event<OwnershipChanged> changed;

    public ReportPartitions(Event<OwnershipChanged> changed) {
        this.changed = changed;
    }

    /** Whether the agents' reports of the cluster's tasks are applied by this instance. */
    public boolean here(String clusterArn) {
        return assigned.contains(PartitionOwnership.partitionOf(clusterArn));
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> assigned.add(p.partition()));
        changed.fire(new OwnershipChanged());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> assigned.remove(p.partition()));
        changed.fire(new OwnershipChanged());
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }
}
