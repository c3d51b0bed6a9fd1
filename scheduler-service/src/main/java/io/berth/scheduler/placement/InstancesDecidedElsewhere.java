package io.berth.scheduler.placement;

import io.berth.events.SchedulerCommand.FollowInstanceChanges;
import io.berth.scheduler.ownership.ClusterOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Container instances' changes of a cluster another scheduler decides (ADR 0056, as for agents' reports): Kafka
 * assigns the partitions of {@code berth.container-instance.events} apart from those of the commands, so with two
 * replicas one may store an instance registered, drained, lost or gone while the other decides its cluster — whose
 * placement index would not see it, nor would what waits for capacity there be tried again. The applying scheduler
 * tells the owner which instances changed ({@link FollowInstanceChanges}); the owner reads them again from the
 * projection both share.
 */
@ApplicationScoped
public class InstancesDecidedElsewhere {

    private final ClusterOwners owners;
    private final ClusterIndexes indexes;
    private final Event<InstancesChanged> changed;

    public InstancesDecidedElsewhere(ClusterOwners owners, ClusterIndexes indexes, Event<InstancesChanged> changed) {
        this.owners = owners;
        this.indexes = indexes;
        this.changed = changed;
    }

    /**
     * In the transaction that stored the instances' changes, by cluster: tells the owner of each cluster decided
     * elsewhere. A cluster decided here costs one look-up in memory.
     */
    void stored(Map<String, ? extends Collection<String>> instancesByCluster) {
        instancesByCluster.forEach((clusterArn, instances) -> {
            if (!owners.decidesHere(clusterArn)) {
                owners.tell(new FollowInstanceChanges(clusterArn, List.copyOf(instances)));
            }
        });
    }

    /**
     * The owner, in the transaction deciding the command: the named instances as the projection holds them now go
     * into the cluster's index (upserted with the tasks it holds for them, or removed when no longer registered),
     * which is idempotent, the changes being committed already. Returns what to do after the commit: announce the
     * change, so that the cluster's services and its tasks waiting for capacity are tried again.
     */
    public Runnable follow(FollowInstanceChanges follow) {
        indexes.apply(follow.clusterArn(), index -> follow.containerInstanceArns().forEach(arn -> {
            InstanceRecord record = InstanceRecord.findById(arn);
            if (record == null || !follow.clusterArn().equals(record.clusterArn)) {
                index.removeInstance(arn);
            } else {
                index.upsertInstance(record.toPlacementState());
            }
        }));
        return () -> changed.fire(new InstancesChanged(follow.clusterArn()));
    }
}
