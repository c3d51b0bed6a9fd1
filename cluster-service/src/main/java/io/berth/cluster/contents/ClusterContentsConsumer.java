package io.berth.cluster.contents;

import io.berth.events.ContainerInstanceEvent.InstanceDeregistered;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.eventstore.EventStoreException;
import io.berth.eventstore.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each cluster's counters (registered instances, running and pending tasks, active services)
 * from the events of the services that own those facts. Each event is applied once (inbox), and a
 * task's status only moves forward (its report version).
 */
@ApplicationScoped
public class ClusterContentsConsumer {

    static final String CONSUMER = "cluster-contents";

    private final Inbox inbox;
    private final DataSource dataSource;

    public ClusterContentsConsumer(Inbox inbox, DataSource dataSource) {
        this.inbox = inbox;
        this.dataSource = dataSource;
    }

    @Incoming("container-instance-events")
    @Blocking
    @Transactional
    public void onInstanceEvent(EventEnvelope event) {
        if (event == null || !(event.payload() instanceof InstanceRegistered
                || event.payload() instanceof InstanceDeregistered) || !inbox.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        if (event.payload() instanceof InstanceRegistered registered) {
            if (update("insert into cluster_instance values (?, ?) on conflict do nothing",
                    registered.containerInstanceArn(), registered.clusterArn()) == 1) {
                adjust(registered.clusterArn(), "registered_container_instances", 1);
            }
        } else if (event.payload() instanceof InstanceDeregistered deregistered) {
            if (update("delete from cluster_instance where container_instance_arn = ?",
                    deregistered.containerInstanceArn()) == 1) {
                adjust(deregistered.clusterArn(), "registered_container_instances", -1);
            }
        }
    }

    /** Reports arrive in bursts (a task's PENDING and RUNNING often together): a batch is one transaction. */
    @Incoming("task-state-events")
    @Blocking
    @Transactional
    public void onTaskStateEvents(List<EventEnvelope> events) {
        for (EventEnvelope event : events) {
            onTaskStateEvent(event);
        }
    }

    private void onTaskStateEvent(EventEnvelope event) {
        if (event == null || !(event.payload() instanceof TaskStateReported report)
                || !inbox.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        String previous = previousStatus(report);
        if (previous == null && !isNew(report)) {
            return;
        }
        update("""
                insert into cluster_task_status values (?, ?, ?, ?)
                on conflict (task_arn) do update set last_status = excluded.last_status, version = excluded.version
                """, report.taskArn(), report.clusterArn(), report.lastStatus(), report.version());
        adjustFor(report.clusterArn(), previous, -1);
        adjustFor(report.clusterArn(), report.lastStatus(), 1);
    }

    @Incoming("service-events")
    @Blocking
    @Transactional
    public void onServiceEvent(EventEnvelope event) {
        if (event == null || !(event.payload() instanceof ServiceCreated || event.payload() instanceof ServiceDeleted)
                || !inbox.firstDelivery(CONSUMER, event.eventId())) {
            return;
        }
        if (event.payload() instanceof ServiceCreated created) {
            if (update("insert into cluster_service values (?, ?) on conflict do nothing", created.serviceArn(),
                    created.clusterArn()) == 1) {
                adjust(created.clusterArn(), "active_services", 1);
            }
        } else if (event.payload() instanceof ServiceDeleted deleted) {
            if (update("delete from cluster_service where service_arn = ?", deleted.serviceArn()) == 1) {
                adjust(deleted.clusterArn(), "active_services", -1);
            }
        }
    }

    /** The status the report replaces, if it is newer than what is known; null if none or stale. */
    private String previousStatus(TaskStateReported report) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select last_status, version from cluster_task_status where task_arn = ?")) {
            s.setString(1, report.taskArn());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getLong(2) >= report.version()) {
                    return null;
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new EventStoreException("Reading the status of " + report.taskArn() + " failed", e);
        }
    }

    private boolean isNew(TaskStateReported report) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select 1 from cluster_task_status where task_arn = ?")) {
            s.setString(1, report.taskArn());
            try (ResultSet rs = s.executeQuery()) {
                return !rs.next();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Reading the status of " + report.taskArn() + " failed", e);
        }
    }

    private void adjustFor(String clusterArn, String status, int delta) {
        if ("RUNNING".equals(status)) {
            adjust(clusterArn, "running_tasks", delta);
        } else if ("PENDING".equals(status)) {
            adjust(clusterArn, "pending_tasks", delta);
        }
    }

    private void adjust(String clusterArn, String counter, int delta) {
        update("insert into cluster_contents (cluster_arn) values (?) on conflict do nothing", clusterArn);
        update("update cluster_contents set " + counter + " = greatest(0, " + counter + " + ?) where cluster_arn = ?",
                delta, clusterArn);
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("Updating cluster contents failed", e);
        }
    }
}
