package io.berth.scheduler.placement;

import io.berth.placement.TaskPlacement;
import java.util.List;

/**
 * What the tasks of a cluster hold on its instances, for loading a cluster's index. The tasks'
 * owner answers it, so that the index depends on no task model.
 */
public interface TaskReservations {

    /** The tasks of the cluster that are not STOPPED, with what each reserves. */
    List<TaskPlacement> of(String clusterArn);
}
