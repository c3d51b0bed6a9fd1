package io.berth.cluster.contents;

import io.berth.events.BerthEvent;
import io.berth.events.ContainerInstanceEvent;
import io.berth.events.ContainerInstanceEvent.InstanceDeregistered;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.events.ServiceEvent.ServiceUpdated;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.TaskEvent;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.events.TaskStateEvent;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.ecs.RequestShapes;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.EventStoreException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each cluster's counters (registered instances, running and pending tasks, active services,
 * and the Fargate part of the last three) from the events of the services that own those facts (tasks
 * from their placement on). Each event is applied once (inbox), and a task's status only moves
 * forward (its report version). A task's launch type comes with its placement, which may arrive after
 * its agent's first reports (another topic): it then moves the task's count to Fargate.
 */
@ApplicationScoped
public class ClusterContentsConsumer {

    static final String CONSUMER = "cluster-contents";
    private static final Set<String> PENDING = Set.of("PROVISIONING", "PENDING", "ACTIVATING");

    static final Selection<ContainerInstanceEvent> INSTANCES = Selection.of(ContainerInstanceEvent.class,
            InstanceRegistered.class, InstanceDeregistered.class);
    static final Selection<TaskStateEvent> REPORTS = Selection.of(TaskStateEvent.class,
            TaskStateReported.class);
    static final Selection<TaskEvent> PLACEMENTS = Selection.of(TaskEvent.class, TaskPlaced.class,
            TaskAwaitingCapacity.class, TaskStopRequested.class);
    /**
     * The version of a task waiting in PROVISIONING for capacity: below its placement's 0, which replaces it when an
     * instance arrives, and below the STOPPED that ends a wait that never found one.
     */
    private static final long AWAITING = -1;
    static final Selection<ServiceEvent> SERVICES = Selection.of(ServiceEvent.class, ServiceCreated.class,
            ServiceUpdated.class, ServiceDeleted.class);

    private final EventConsumer consumer;
    private final DataSource dataSource;

    public ClusterContentsConsumer(EventConsumer consumer, DataSource dataSource) {
        this.consumer = consumer;
        this.dataSource = dataSource;
    }

    @Incoming("container-instance-events")
    @Blocking(EventConsumer.WORKERS)
    public void onInstanceEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(CONSUMER, record, INSTANCES, fresh -> {
            fresh.forEach(delivery -> apply(delivery.event()));
            return EventConsumer.NOTHING_LEFT;
        });
    }

    private void apply(ContainerInstanceEvent event) {
        if (event instanceof InstanceRegistered registered) {
            if (update("insert into cluster_instance values (?, ?) on conflict do nothing",
                    registered.containerInstanceArn(), registered.clusterArn()) == 1) {
                adjust(registered.clusterArn(), "registered_container_instances", 1);
            }
        } else if (event instanceof InstanceDeregistered deregistered) {
            if (update("delete from cluster_instance where container_instance_arn = ?",
                    deregistered.containerInstanceArn()) == 1) {
                adjust(deregistered.clusterArn(), "registered_container_instances", -1);
            }
        }
    }

    /**
     * Reports arrive in bursts (a task's PENDING and RUNNING often together): a batch is one
     * transaction of a few set-based statements, whatever its size: the inbox, its clusters' lock, the tasks' known
     * statuses, their new ones, and one counter update per cluster.
     */
    @Incoming("task-state-events")
    @Blocking(EventConsumer.WORKERS)
    public void onTaskStateEvents(ConsumerRecords<String, EventEnvelope> records) {
        consumeStatuses(records, REPORTS, event -> {
            TaskStateReported report = (TaskStateReported) event;
            return new StatusChange(report.taskArn(), report.clusterArn(), report.lastStatus(), report.version(), null,
                    null);
        });
    }

    /**
     * A placed task is pending from the moment RunTask answers, before its agent reports anything:
     * it counts (and keeps its cluster from being deleted) at once. Its agent's first report, at
     * version 1, takes over from this version 0. A task waiting for capacity is pending too (ECS counts
     * PROVISIONING tasks in {@code pendingTasksCount}); a stop with no container instance ends a wait that no
     * instance answered, and changes nothing for a task that was placed.
     */
    @Incoming("task-events")
    @Blocking(EventConsumer.WORKERS)
    public void onTaskEvents(ConsumerRecords<String, EventEnvelope> records) {
        consumeStatuses(records, PLACEMENTS, event -> {
            if (event instanceof TaskAwaitingCapacity awaiting) {
                return new StatusChange(awaiting.taskArn(), awaiting.clusterArn(), "PROVISIONING", AWAITING, null,
                        awaiting.capacityProviderName());
            }
            if (event instanceof TaskStopRequested stop) {
                return stop.containerInstanceArn() == null
                        ? new StatusChange(stop.taskArn(), stop.clusterArn(), "STOPPED", 0, null, null) : null;
            }
            TaskPlaced placed = (TaskPlaced) event;
            return new StatusChange(placed.taskArn(), placed.clusterArn(), "PENDING", 0, placed.launchType(),
                    placed.capacityProviderName());
        });
    }

    /**
     * What an event says of one task's status, at the version of the task's reports; its launch type and the
     * capacity provider it runs on where the event says them (null where it does not).
     */
    private record StatusChange(String taskArn, String clusterArn, String status, long version, String launchType,
            String capacityProvider) {
    }

    private <E extends BerthEvent> void consumeStatuses(ConsumerRecords<String, EventEnvelope> records,
            Selection<E> selection, Function<E, StatusChange> change) {
        consumer.consumeUntilApplied(CONSUMER, records, selection, fresh -> {
            applyStatuses(fresh.stream().map(d -> change.apply(d.event())).filter(java.util.Objects::nonNull)
                    .toList());
            return EventConsumer.NOTHING_LEFT;
        });
    }

    private void applyStatuses(List<StatusChange> changes) {
        lockClusters(changes.stream().map(StatusChange::clusterArn).distinct().sorted().toArray(String[]::new));
        Map<String, KnownStatus> known = knownStatuses(changes.stream().map(StatusChange::taskArn).distinct()
                .toList());
        Map<String, KnownStatus> changed = new LinkedHashMap<>();
        Map<String, int[]> deltas = new LinkedHashMap<>();
        for (StatusChange change : changes) {
            KnownStatus previous = known.get(change.taskArn());
            KnownStatus next = previous == null ? new KnownStatus(change.clusterArn(), change.status(),
                    change.version(), change.launchType(), change.capacityProvider()) : previous.with(change);
            if (next.equals(previous)) {
                continue;
            }
            known.put(change.taskArn(), next);
            changed.put(change.taskArn(), next);
            int[] delta = deltas.computeIfAbsent(change.clusterArn(), c -> new int[4]);
            count(delta, previous, -1);
            count(delta, next, 1);
        }
        store(changed);
        // Each cluster's row is there: lockClusters made it. Its four task counters change in one statement.
        deltas.forEach((clusterArn, delta) -> {
            if (delta[0] != 0 || delta[1] != 0 || delta[2] != 0 || delta[3] != 0) {
                update("""
                        update cluster_contents set running_tasks = greatest(0, running_tasks + ?),
                            pending_tasks = greatest(0, pending_tasks + ?),
                            running_fargate_tasks = greatest(0, running_fargate_tasks + ?),
                            pending_fargate_tasks = greatest(0, pending_fargate_tasks + ?)
                        where cluster_arn = ?
                        """, delta[0], delta[1], delta[2], delta[3], clusterArn);
            }
        });
    }

    /**
     * A task's status as this service last applied it; launch type and capacity provider null until an event
     * names them.
     */
    private record KnownStatus(String clusterArn, String status, long version, String launchType,
            String capacityProvider) {

        /** The status of a newer report, the launch type and provider of a placement: each only adds what this lacks. */
        KnownStatus with(StatusChange change) {
            boolean newer = change.version() > version;
            return new KnownStatus(clusterArn, newer ? change.status() : status, newer ? change.version() : version,
                    change.launchType() != null ? change.launchType() : launchType,
                    change.capacityProvider() != null ? change.capacityProvider() : capacityProvider);
        }

        boolean fargate() {
            return "FARGATE".equals(launchType);
        }
    }

    /**
     * Running, pending, running on Fargate and pending on Fargate, in that order; a Fargate task's
     * PROVISIONING and ACTIVATING are pending too.
     */
    private static void count(int[] delta, KnownStatus task, int by) {
        if (task == null) {
            return;
        }
        int fargate = task.fargate() ? by : 0;
        if ("RUNNING".equals(task.status())) {
            delta[0] += by;
            delta[2] += fargate;
        } else if (PENDING.contains(task.status())) {
            delta[1] += by;
            delta[3] += fargate;
        }
    }

    @Incoming("service-events")
    @Blocking(EventConsumer.WORKERS)
    public void onServiceEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(CONSUMER, record, SERVICES, fresh -> {
            fresh.stream().map(Delivery::event).forEach(this::apply);
            return EventConsumer.NOTHING_LEFT;
        });
    }

    private void apply(ServiceEvent event) {
        if (event instanceof ServiceCreated created) {
            boolean fargate = RequestShapes.onFargate(created.launchType(), created.capacityProviderStrategy());
            if (update("""
                    insert into cluster_service (service_arn, cluster_arn, fargate, capacity_providers)
                    values (?, ?, ?, ?) on conflict do nothing
                    """, created.serviceArn(), created.clusterArn(), fargate,
                    providers(created.capacityProviderStrategy())) == 1) {
                adjust(created.clusterArn(), "active_services", 1);
                adjust(created.clusterArn(), "active_fargate_services", fargate ? 1 : 0);
            }
        } else if (event instanceof ServiceUpdated updated && updated.capacityProviderStrategy() != null) {
            update("update cluster_service set capacity_providers = ? where service_arn = ?",
                    providers(updated.capacityProviderStrategy()), updated.serviceArn());
            // A new strategy can move a service between Fargate and instances; only a change counts.
            boolean fargate = RequestShapes.onFargate(null, updated.capacityProviderStrategy());
            if (update("update cluster_service set fargate = ? where service_arn = ? and fargate <> ?", fargate,
                    updated.serviceArn(), fargate) == 1) {
                adjust(updated.clusterArn(), "active_fargate_services", fargate ? 1 : -1);
            }
        } else if (event instanceof ServiceDeleted deleted) {
            if (update("delete from cluster_service where service_arn = ? and not fargate", deleted.serviceArn()) == 1) {
                adjust(deleted.clusterArn(), "active_services", -1);
            } else if (update("delete from cluster_service where service_arn = ?", deleted.serviceArn()) == 1) {
                adjust(deleted.clusterArn(), "active_services", -1);
                adjust(deleted.clusterArn(), "active_fargate_services", -1);
            }
        }
    }

    /**
     * Two channels apply task statuses (placements and agents' reports, two topics), each batch reading its tasks'
     * known statuses and writing them back with their clusters' counters. A task's placement and first report often
     * come together: the two batches of one cluster take turns, or one that read before the other committed writes
     * back a status without the other's part and counts the task a second time (a read committed transaction does not
     * see the other's rows until they commit, and its upsert then overwrites them). The lock is each cluster's
     * counters row, which the batch updates anyway: inserted if missing (a batch inserting the same row waits for the
     * other's commit), locked if present, in the clusters' order so that two batches never wait for each other.
     */
    private void lockClusters(String[] sortedClusterArns) {
        if (sortedClusterArns.length == 0) {
            return;
        }
        update("""
                insert into cluster_contents (cluster_arn) select c from unnest(?) c order by c
                on conflict (cluster_arn) do update set cluster_arn = excluded.cluster_arn
                """, (Object) sortedClusterArns);
    }

    private Map<String, KnownStatus> knownStatuses(List<String> taskArns) {
        Map<String, KnownStatus> known = new HashMap<>();
        if (taskArns.isEmpty()) {
            return known;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select task_arn, cluster_arn, last_status, version, launch_type, capacity_provider from cluster_task_status"
                        + " where task_arn = any(?)")) {
            s.setArray(1, c.createArrayOf("text", taskArns.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    known.put(rs.getString(1), new KnownStatus(rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return known;
        } catch (SQLException e) {
            throw new EventStoreException("Reading the status of " + taskArns.size() + " tasks failed", e);
        }
    }

    private void store(Map<String, KnownStatus> statuses) {
        if (statuses.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into cluster_task_status
                    (task_arn, cluster_arn, last_status, version, launch_type, capacity_provider)
                values (?, ?, ?, ?, ?, ?)
                on conflict (task_arn) do update set last_status = excluded.last_status, version = excluded.version,
                    launch_type = excluded.launch_type, capacity_provider = excluded.capacity_provider
                """)) {
            for (Map.Entry<String, KnownStatus> status : statuses.entrySet()) {
                s.setString(1, status.getKey());
                s.setString(2, status.getValue().clusterArn());
                s.setString(3, status.getValue().status());
                s.setLong(4, status.getValue().version());
                s.setString(5, status.getValue().launchType());
                s.setString(6, status.getValue().capacityProvider());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new EventStoreException("Updating the status of " + statuses.size() + " tasks failed", e);
        }
    }

    private void adjust(String clusterArn, String counter, int delta) {
        if (delta == 0) {
            return;
        }
        update("insert into cluster_contents (cluster_arn) values (?) on conflict do nothing", clusterArn);
        update("update cluster_contents set " + counter + " = greatest(0, " + counter + " + ?) where cluster_arn = ?",
                delta, clusterArn);
    }

    private static String[] providers(List<CapacityProviderStrategyItem> strategy) {
        return strategy == null ? new String[0]
                : strategy.stream().map(CapacityProviderStrategyItem::capacityProvider).distinct()
                        .toArray(String[]::new);
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i] instanceof String[] array ? c.createArrayOf("text", array)
                        : parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("Updating cluster contents failed", e);
        }
    }
}
