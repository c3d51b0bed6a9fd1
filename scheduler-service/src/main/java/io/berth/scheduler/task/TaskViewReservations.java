package io.berth.scheduler.task;

import io.berth.placement.TaskPlacement;
import io.berth.scheduler.placement.TaskReservations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What the tasks of a cluster hold on its instances, from the task projection, for loading the
 * cluster's index; Fargate tasks hold nothing there.
 */
@ApplicationScoped
public class TaskViewReservations implements TaskReservations {

    @Override
    public List<TaskPlacement> of(String clusterArn) {
        return TaskView.<TaskView>list("clusterArn = ?1 and lastStatus <> 'STOPPED' and containerInstanceArn is not null", clusterArn).stream()
                .map(TaskView::reservation).toList();
    }
}
