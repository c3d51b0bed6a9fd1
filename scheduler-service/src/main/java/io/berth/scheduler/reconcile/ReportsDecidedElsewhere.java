package io.berth.scheduler.reconcile;

import io.berth.events.SchedulerCommand.FollowTaskReports;
import io.berth.scheduler.ownership.ClusterOwners;
import io.berth.scheduler.task.Task;
import io.berth.scheduler.task.TasksRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agents' reports of a cluster this scheduler does not decide (ADR 0056): Kafka assigns the partitions
 * of {@code berth.task-state.events} and of {@code berth.scheduler.commands} separately, so with two
 * replicas one may apply the reports of a cluster the other owns. Its wake-ups would reach no one, so
 * in the reports' transaction it sends the owner {@link FollowTaskReports} through the outbox: the
 * services whose tasks changed and the tasks that stopped. The owner decides it after the reports'
 * commit and reconciles the services as if it had applied them. A cluster decided here costs one
 * look-up of its partition's epoch per batch.
 */
@ApplicationScoped
public class ReportsDecidedElsewhere {

    private final ClusterOwners owners;

    public ReportsDecidedElsewhere(ClusterOwners owners) {
        this.owners = owners;
    }

    /**
     * Inside the transaction that recorded the tasks. Only agents' reports are applied outside the owner
     * (commands and reconciliations run under the epoch), so every task here came with a report.
     */
    void recorded(@Observes TasksRecorded recorded) {
        Map<String, List<Task>> byCluster = new LinkedHashMap<>();
        for (TasksRecorded.Recorded one : recorded.tasks()) {
            Task task = one.state().task();
            byCluster.computeIfAbsent(task.clusterArn(), k -> new ArrayList<>()).add(task);
        }
        byCluster.forEach((clusterArn, tasks) -> {
            if (!owners.decidesHere(clusterArn)) {
                tellOwner(clusterArn, tasks);
            }
        });
    }

    private void tellOwner(String clusterArn, List<Task> tasks) {
        Set<String> services = new LinkedHashSet<>();
        Set<String> stopped = new LinkedHashSet<>();
        for (Task task : tasks) {
            ServiceReconciliation.serviceOf(clusterArn, task.group()).ifPresent(services::add);
            // Only tasks on container instances hold a place in the owner's placement index.
            if (task.isStopped() && task.containerInstanceArn() != null) {
                stopped.add(task.taskArn());
            }
        }
        if (services.isEmpty() && stopped.isEmpty()) {
            return;
        }
        owners.tell(new FollowTaskReports(clusterArn, List.copyOf(services), List.copyOf(stopped)));
    }
}
