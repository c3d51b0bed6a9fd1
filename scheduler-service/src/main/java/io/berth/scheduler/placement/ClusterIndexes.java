package io.berth.scheduler.placement;

import io.berth.placement.ClusterIndex;
import io.berth.placement.TaskPlacement;
import io.berth.scheduler.ownership.OwnedIndexes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The in-memory placement index of each cluster this scheduler decides for. An index is loaded
 * from the database the first time a cluster is used and then follows every change after its
 * commit: instance events, placements, stops ({@link OwnedIndexes}: changes are idempotent, so one
 * that was committed just before a load and is applied again after it is harmless). A decision's
 * placements are reserved before its commit, so a failed decision drops the cluster's index, as do a
 * rebalance and a reset; the next use loads it again.
 */
@ApplicationScoped
public class ClusterIndexes extends OwnedIndexes<ClusterIndex> {

    private final TaskReservations tasks;

    public ClusterIndexes(TaskReservations tasks) {
        this.tasks = tasks;
    }

    @Override
    protected ClusterIndex load(String clusterArn) {
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
