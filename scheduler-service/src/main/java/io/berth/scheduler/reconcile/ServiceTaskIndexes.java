package io.berth.scheduler.reconcile;

import io.berth.placement.PlacementRequest;
import io.berth.scheduler.ownership.OwnedIndexes;
import io.berth.scheduler.ownership.ReportPartitions;
import io.berth.scheduler.service.ServiceTask;
import io.berth.scheduler.task.Task;
import io.berth.scheduler.task.TaskView;
import io.berth.scheduler.task.TasksRecorded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tasks of the services of each cluster this scheduler owns, in memory (ADR 0011): loaded with
 * one query the first time a pass needs the cluster, then following every task change the scheduler
 * commits ({@link TasksRecorded}, after the commit), so that a pass costs what changed instead of a
 * read of every task row. Dropped when a pass fails unexpectedly, when partitions move and after a
 * reset, not when a pass loses to a concurrent change: that change is here once it commits, and a
 * reload would cost the read of every row again. {@value #LOADS} counts the loads.
 */
@ApplicationScoped
public class ServiceTaskIndexes extends OwnedIndexes<ServiceTaskIndex> {

    public static final String LOADS = "berth.scheduler.service.task.loads";
    private static final String GROUPS = PlacementRequest.SERVICE_GROUP_PREFIX + "%";

    private final ReportPartitions reports;
    private final Duration retention;
    private final Counter loads;

    public ServiceTaskIndexes(ReportPartitions reports,
            @ConfigProperty(name = "berth.scheduler.stopped-task-retention") Duration retention,
            MeterRegistry registry) {
        this.reports = reports;
        this.retention = retention;
        this.loads = Counter.builder(LOADS).description("Clusters' service tasks loaded from the task projection")
                .register(registry);
    }

    /**
     * The tasks of the service group {@code group} that had not stopped before {@code since}, in the
     * caller's transaction. Read from the projection every time while another instance applies the
     * cluster's agents' reports: their changes never reach this memory.
     */
    List<ServiceTaskIndex.Entry> of(String clusterArn, String group, Instant since) {
        if (!reports.here(clusterArn)) {
            drop(clusterArn);
        }
        return decide(clusterArn, index -> index.of(group, since));
    }

    void recorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) TasksRecorded recorded) {
        for (TasksRecorded.Recorded one : recorded.tasks()) {
            Task task = one.state().task();
            if (task.group() != null && task.group().startsWith(PlacementRequest.SERVICE_GROUP_PREFIX)) {
                apply(task.clusterArn(), index -> index.put(task.group(), new ServiceTaskIndex.Entry(
                        new ServiceTask(task.taskArn(), task.startedBy(), task.containerInstanceArn(),
                                task.lastStatus(), task.desiredStatus(), task.startedAt(), task.healthStatus(),
                                task.stopCode()), task.capacityProviderName(), task.stoppedAt(), one.version())));
            }
        }
    }

    @Override
    protected ServiceTaskIndex load(String clusterArn) {
        ServiceTaskIndex index = new ServiceTaskIndex();
        // The columns the pass needs, not the rows' JSON documents.
        List<Object[]> rows = TaskView.getEntityManager().createQuery("select t.group, t.taskArn, t.startedBy,"
                + " t.containerInstanceArn, t.lastStatus, t.desiredStatus, t.startedAt, t.healthStatus, t.stopCode,"
                + " t.capacityProvider, t.stoppedAt, t.version from TaskView t where t.clusterArn = ?1"
                + " and t.group like ?2 and (t.stoppedAt is null or t.stoppedAt >= ?3)", Object[].class)
                .setParameter(1, clusterArn).setParameter(2, GROUPS)
                .setParameter(3, Instant.now().minus(retention)).getResultList();
        for (Object[] row : rows) {
            index.put((String) row[0], new ServiceTaskIndex.Entry(new ServiceTask((String) row[1], (String) row[2],
                    (String) row[3], (String) row[4], (String) row[5], (Instant) row[6], (String) row[7],
                    (String) row[8]), (String) row[9], (Instant) row[10], (Long) row[11]));
        }
        loads.increment();
        return index;
    }
}
