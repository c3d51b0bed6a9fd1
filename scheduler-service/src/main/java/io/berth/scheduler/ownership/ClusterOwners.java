package io.berth.scheduler.ownership;

import io.berth.ecs.Arns;
import io.berth.events.SchedulerCommand;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Whether this scheduler decides a cluster, and how it tells the scheduler that does (ADR 0056): Kafka assigns the
 * partitions of each topic a scheduler consumes separately, so with two replicas one may apply the agents' reports
 * or the container instances' changes of a cluster the other decides. What it applied then reaches the owner as a
 * scheduler command on the cluster's partition, written through the outbox in the caller's transaction, so it goes
 * out only if what it tells of commits.
 */
@ApplicationScoped
public class ClusterOwners {

    private final PartitionOwnership ownership;
    private final EventStore store;

    public ClusterOwners(PartitionOwnership ownership, EventStore store) {
        this.ownership = ownership;
        this.store = store;
    }

    /** Whether this scheduler holds the partition of the cluster's commands: one look-up in memory. */
    public boolean decidesHere(String clusterArn) {
        return ownership.epochOf(PartitionOwnership.partitionOf(clusterArn)).isPresent();
    }

    /** Sends the cluster's owner {@code command}, in the caller's transaction; nobody waits for an answer. */
    public void tell(SchedulerCommand command) {
        Arns.Arn cluster = Arns.parse(command.clusterArn()).orElseThrow();
        store.append(new StreamId(SchedulerCommand.STREAM_TYPE, UUID.randomUUID().toString()), 0, List.of(command),
                EventContext.of(cluster.account(), cluster.region(), UUID.randomUUID()));
    }
}
