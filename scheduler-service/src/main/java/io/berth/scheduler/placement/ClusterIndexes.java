package io.berth.scheduler.placement;

import io.berth.eventstore.AccountsForgotten;
import io.berth.placement.ClusterIndex;
import io.berth.placement.TaskPlacement;
import io.berth.scheduler.ownership.OwnedIndexes;
import io.berth.scheduler.ownership.PartitionOwnership.OwnershipChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The in-memory placement index of each cluster this scheduler decides for. An index is loaded
 * from the database the first time a cluster is used and then follows every change after its
 * commit: instance events, placements, stops ({@link OwnedIndexes}: changes are idempotent, so one
 * that was committed just before a load and is applied again after it is harmless). A failed
 * decision, a rebalance or a reset drops indexes; the next use loads them again.
 */
@ApplicationScoped
public class ClusterIndexes {

    private final OwnedIndexes<ClusterIndex> indexes = new OwnedIndexes<>(this::load);
    private final TaskReservations tasks;

    public ClusterIndexes(TaskReservations tasks) {
        this.tasks = tasks;
    }

    /** Runs {@code decision} on the cluster's index, loading it first if needed, alone. */
    public <T> T decide(String clusterArn, Function<ClusterIndex, T> decision) {
        return indexes.decide(clusterArn, decision);
    }

    /** Applies a committed change to the cluster's index if it is loaded; otherwise the load sees it. */
    public void apply(String clusterArn, Consumer<ClusterIndex> change) {
        indexes.apply(clusterArn, change);
    }

    /** Forgets one cluster's index; the next decision loads it from the database. */
    public void drop(String clusterArn) {
        indexes.drop(clusterArn);
    }

    /** Forgets every index when partitions move between schedulers. */
    void dropAll(@Observes OwnershipChanged changed) {
        indexes.dropAll();
    }

    /** Forgets every index after a reset (ADR 0034): the next decision loads what is left. */
    void forget(@Observes AccountsForgotten forgotten) {
        indexes.dropAll();
    }

    private ClusterIndex load(String clusterArn) {
        ClusterIndex index = new ClusterIndex();
        for (InstanceRecord instance : InstanceRecord.<InstanceRecord>list("clusterArn = ?1 and status <> 'INACTIVE'",
                clusterArn)) {
            index.upsertInstance(instance.toPlacementState());
        }
        for (TaskPlacement task : tasks.of(clusterArn)) {
            if (index.instance(task.instanceArn()).isPresent()) {
                index.addTask(task);
            }
        }
        return index;
    }
}
