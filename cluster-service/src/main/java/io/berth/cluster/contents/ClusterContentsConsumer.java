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
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.EventStoreException;
import io.smallrye.common.annotation.Blocking;
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
 * Keeps each cluster's counters (registered instances, running and pending tasks, active services)
 * from the events of the services that own those facts (tasks from their placement on). Each event is applied once (inbox), and a
 * task's status only moves forward (its report version).
 */
@ApplicationScoped
public class ClusterContentsConsumer {

    static final String CONSUMER = "cluster-contents";
    private static final Set<String> PENDING = Set.of("PROVISIONING", "PENDING", "ACTIVATING");

    private static final Selection<ContainerInstanceEvent> INSTANCES = Selection.of(ContainerInstanceEvent.class,
            InstanceRegistered.class, InstanceDeregistered.class);
    private static final Selection<TaskStateEvent> REPORTS = Selection.of(TaskStateEvent.class,
            TaskStateReported.class);
    private static final Selection<TaskEvent> PLACEMENTS = Selection.of(TaskEvent.class, TaskPlaced.class,
            TaskAwaitingCapacity.class, TaskStopRequested.class);
    /**
     * The version of a task waiting in PROVISIONING for capacity: below its placement's 0, which replaces it when an
     * instance arrives, and below the STOPPED that ends a wait that never found one.
     */
    private static final long AWAITING = -1;
    private static final Selection<ServiceEvent> SERVICES = Selection.of(ServiceEvent.class, ServiceCreated.class,
            ServiceUpdated.class, ServiceDeleted.class);

    private final EventConsumer consumer;
    private final DataSource dataSource;

    public ClusterContentsConsumer(EventConsumer consumer, DataSource dataSource) {
        this.consumer = consumer;
        this.dataSource = dataSource;
    }

    @Incoming("container-instance-events")
    @Blocking
    public void onInstanceEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consume(CONSUMER, record, INSTANCES, fresh -> {
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
     * transaction of a few set-based statements, whatever its size: the inbox, the tasks' known
     * statuses, their new ones, and one counter update per cluster.
     */
    @Incoming("task-state-events")
    @Blocking
    public void onTaskStateEvents(ConsumerRecords<String, EventEnvelope> records) {
        consumeStatuses(records, REPORTS, event -> {
            TaskStateReported report = (TaskStateReported) event;
            return new StatusChange(report.taskArn(), report.clusterArn(), report.lastStatus(), report.version(), null);
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
    @Blocking
    public void onTaskEvents(ConsumerRecords<String, EventEnvelope> records) {
        consumeStatuses(records, PLACEMENTS, event -> {
            if (event instanceof TaskAwaitingCapacity awaiting) {
                return new StatusChange(awaiting.taskArn(), awaiting.clusterArn(), "PROVISIONING", AWAITING,
                        awaiting.capacityProviderName());
            }
            if (event instanceof TaskStopRequested stop) {
                return stop.containerInstanceArn() == null
                        ? new StatusChange(stop.taskArn(), stop.clusterArn(), "STOPPED", 0, null) : null;
            }
            TaskPlaced placed = (TaskPlaced) event;
            return new StatusChange(placed.taskArn(), placed.clusterArn(), "PENDING", 0,
                    placed.capacityProviderName());
        });
    }

    /**
     * What an event says of one task's status, at the version of the task's reports, and the capacity provider it
     * runs on when the event names one (null keeps the one known).
     */
    private record StatusChange(String taskArn, String clusterArn, String status, long version,
            String capacityProvider) {
    }

    private <E extends BerthEvent> void consumeStatuses(ConsumerRecords<String, EventEnvelope> records,
            Selection<E> selection, Function<E, StatusChange> change) {
        consumer.consume(CONSUMER, records, selection, fresh -> {
            applyStatuses(fresh.stream().map(d -> change.apply(d.event())).filter(java.util.Objects::nonNull)
                    .toList());
            return EventConsumer.NOTHING_LEFT;
        });
    }

    private void applyStatuses(List<StatusChange> changes) {
        Map<String, KnownStatus> known = knownStatuses(changes.stream().map(StatusChange::taskArn).distinct()
                .toList());
        Map<String, KnownStatus> changed = new LinkedHashMap<>();
        Map<String, int[]> deltas = new LinkedHashMap<>();
        for (StatusChange change : changes) {
            KnownStatus previous = known.get(change.taskArn());
            if (previous != null && previous.version() >= change.version()) {
                continue;
            }
            KnownStatus next = new KnownStatus(change.clusterArn(), change.status(), change.version(),
                    change.capacityProvider());
            known.put(change.taskArn(), next);
            changed.put(change.taskArn(), next);
            int[] delta = deltas.computeIfAbsent(change.clusterArn(), c -> new int[2]);
            count(delta, previous == null ? null : previous.status(), -1);
            count(delta, change.status(), 1);
        }
        store(changed);
        deltas.forEach((clusterArn, delta) -> {
            adjust(clusterArn, "running_tasks", delta[0]);
            adjust(clusterArn, "pending_tasks", delta[1]);
        });
    }

    /** A task's status as this service last applied it. */
    private record KnownStatus(String clusterArn, String status, long version, String capacityProvider) {
    }

    /** Running and pending counts, in that order; a Fargate task's PROVISIONING and ACTIVATING are pending too. */
    private static void count(int[] delta, String status, int by) {
        if ("RUNNING".equals(status)) {
            delta[0] += by;
        } else if (status != null && PENDING.contains(status)) {
            delta[1] += by;
        }
    }

    @Incoming("service-events")
    @Blocking
    public void onServiceEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consume(CONSUMER, record, SERVICES, fresh -> {
            fresh.stream().map(Delivery::event).forEach(this::apply);
            return EventConsumer.NOTHING_LEFT;
        });
    }

    private void apply(ServiceEvent event) {
        if (event instanceof ServiceCreated created) {
            if (update("insert into cluster_service values (?, ?, ?) on conflict do nothing", created.serviceArn(),
                    created.clusterArn(), providers(created.capacityProviderStrategy())) == 1) {
                adjust(created.clusterArn(), "active_services", 1);
            }
        } else if (event instanceof ServiceUpdated updated) {
            if (updated.capacityProviderStrategy() != null) {
                update("update cluster_service set capacity_providers = ? where service_arn = ?",
                        providers(updated.capacityProviderStrategy()), updated.serviceArn());
            }
        } else if (event instanceof ServiceDeleted deleted) {
            if (update("delete from cluster_service where service_arn = ?", deleted.serviceArn()) == 1) {
                adjust(deleted.clusterArn(), "active_services", -1);
            }
        }
    }

    private Map<String, KnownStatus> knownStatuses(List<String> taskArns) {
        Map<String, KnownStatus> known = new HashMap<>();
        if (taskArns.isEmpty()) {
            return known;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select task_arn, cluster_arn, last_status, version from cluster_task_status where task_arn = any(?)")) {
            s.setArray(1, c.createArrayOf("text", taskArns.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    known.put(rs.getString(1), new KnownStatus(rs.getString(2), rs.getString(3), rs.getLong(4),
                            null));
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
                insert into cluster_task_status values (?, ?, ?, ?, ?)
                on conflict (task_arn) do update set last_status = excluded.last_status, version = excluded.version,
                    capacity_provider = coalesce(excluded.capacity_provider, cluster_task_status.capacity_provider)
                """)) {
            for (Map.Entry<String, KnownStatus> status : statuses.entrySet()) {
                s.setString(1, status.getKey());
                s.setString(2, status.getValue().clusterArn());
                s.setString(3, status.getValue().status());
                s.setLong(4, status.getValue().version());
                s.setString(5, status.getValue().capacityProvider());
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
