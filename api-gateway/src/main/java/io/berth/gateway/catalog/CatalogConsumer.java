package io.berth.gateway.catalog;

import io.berth.ecs.TaskDefinitionRevision;
import io.berth.events.BerthEvent;
import io.berth.events.ClusterEvent;
import io.berth.events.ClusterEvent.ClusterCapacityProvidersPut;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.events.TaskDefinitionEvent;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionRegistered;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.EventStoreException;
import io.berth.eventstore.JsonColumns;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the gateway's {@link Catalog} from the cluster-service's events, through the consumer
 * skeleton: each event once, and the positions applied recorded with the rows, so that a caller's
 * read waits for exactly what it wrote (ADR 0033, ADR 0036).
 */
@ApplicationScoped
public class CatalogConsumer {

    static final String CLUSTERS = "gateway-clusters";
    static final String TASK_DEFINITIONS = "gateway-task-definitions";
    static final Selection<ClusterEvent> CLUSTER_CHANGES = Selection.of(ClusterEvent.class,
            ClusterCreated.class, ClusterCapacityProvidersPut.class, ClusterDeleted.class);
    private static final Selection<TaskDefinitionEvent> REVISIONS = Selection.of(TaskDefinitionEvent.class);

    private static final String CREATE_CLUSTER = """
            insert into gateway_cluster (cluster_arn, status, capacity_providers, default_strategy)
            values (?, 'ACTIVE', ?, ?)
            on conflict (cluster_arn) do update set status = 'ACTIVE',
                capacity_providers = excluded.capacity_providers, default_strategy = excluded.default_strategy
            returning status, capacity_providers, default_strategy
            """;
    private static final String PUT_PROVIDERS = """
            update gateway_cluster set capacity_providers = ?, default_strategy = ? where cluster_arn = ?
            returning status, capacity_providers, default_strategy
            """;
    private static final String DELETE_CLUSTER = """
            update gateway_cluster set status = 'INACTIVE' where cluster_arn = ?
            returning status, capacity_providers, default_strategy
            """;
    private static final String REGISTER = """
            insert into gateway_task_definition (task_definition_arn, family_arn, revision, status, definition, tags)
            values (?, ?, ?, ?, ?, ?) on conflict (task_definition_arn) do nothing
            """;
    private static final String UPDATE_REVISION = """
            update gateway_task_definition set status = ?, definition = ?, tags = ? where task_definition_arn = ?
            """;

    private final EventConsumer consumer;
    private final DataSource dataSource;
    private final CatalogClusters clusters;

    public CatalogConsumer(EventConsumer consumer, DataSource dataSource, CatalogClusters clusters) {
        this.consumer = consumer;
        this.dataSource = dataSource;
        this.clusters = clusters;
    }

    @Incoming("cluster-events")
    @Blocking(EventConsumer.WORKERS)
    public void onClusterEvents(ConsumerRecords<String, EventEnvelope> records) {
        // Each attempt starts from nothing: what a rolled-back one gathered is not kept (ADR 0070).
        consumer.untilApplied(CLUSTERS, () -> applyClusterEvents(records));
    }

    private void applyClusterEvents(ConsumerRecords<String, EventEnvelope> records) {
        // The clusters as the batch left them, held in memory once it has committed (before its positions
        // are announced: a read that waited for them finds them there).
        Map<String, CatalogClusters.Cluster> changed = new LinkedHashMap<>();
        Set<String> delivered = new HashSet<>();
        records.forEach(r -> delivered.add(r.key()));
        delivered.remove(null);
        AtomicBoolean kept = new AtomicBoolean();
        consume(CLUSTERS, records, CLUSTER_CHANGES, (c, event) -> apply(c, event).ifPresent(
                cluster -> changed.put(event.clusterArn(), cluster)), () -> {
                    kept.set(true);
                    clusters.applied(changed, delivered);
                });
        // A batch with no event to apply here (all applied before) runs nothing after a commit: the clusters
        // its records name go all the same.
        if (!kept.get()) {
            clusters.applied(Map.of(), delivered);
        }
    }

    @Incoming("task-definition-events")
    @Blocking(EventConsumer.WORKERS)
    public void onTaskDefinitionEvents(ConsumerRecords<String, EventEnvelope> records) {
        consumer.untilApplied(TASK_DEFINITIONS, () -> consume(TASK_DEFINITIONS, records, REVISIONS,
                CatalogConsumer::apply, EventConsumer.NOTHING_LEFT));
    }

    /** How one event changes the catalog's rows, on the batch's connection. */
    private interface RowChange<E extends BerthEvent> {

        void apply(Connection c, E event) throws SQLException;
    }

    private <E extends BerthEvent> void consume(String name, ConsumerRecords<String, EventEnvelope> records,
            Selection<E> selection, RowChange<E> change, Runnable afterCommit) {
        consumer.consume(name, records, selection, fresh -> {
            try (Connection c = dataSource.getConnection()) {
                for (Delivery<E> delivery : fresh) {
                    change.apply(c, delivery.event());
                }
            } catch (SQLException e) {
                throw new EventStoreException("Applying events to the gateway's catalog (" + name + ") failed", e);
            }
            return afterCommit;
        });
    }

    /** The cluster's row as {@code event} left it; empty for an event that changed no row. */
    private static Optional<CatalogClusters.Cluster> apply(Connection c, ClusterEvent event) throws SQLException {
        if (event instanceof ClusterCreated created) {
            return changed(c, CREATE_CLUSTER, created.clusterArn(),
                    JsonColumns.write(listOf(created.capacityProviders())),
                    JsonColumns.write(listOf(created.defaultCapacityProviderStrategy())));
        } else if (event instanceof ClusterCapacityProvidersPut put) {
            return changed(c, PUT_PROVIDERS, JsonColumns.write(listOf(put.capacityProviders())),
                    JsonColumns.write(listOf(put.defaultCapacityProviderStrategy())), put.clusterArn());
        } else if (event instanceof ClusterDeleted deleted) {
            return changed(c, DELETE_CLUSTER, deleted.clusterArn());
        }
        return Optional.empty();
    }

    /** Runs {@code sql}, which returns the changed row's status, capacity providers and default strategy. */
    private static Optional<CatalogClusters.Cluster> changed(Connection c, String sql, String... values)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Catalog.clusterOf(rs)) : Optional.empty();
            }
        }
    }

    private static void apply(Connection c, TaskDefinitionEvent event) throws SQLException {
        if (event instanceof TaskDefinitionRegistered registered) {
            TaskDefinitionRevision revision = TaskDefinitionRevision.registered(registered);
            try (PreparedStatement s = c.prepareStatement(REGISTER)) {
                s.setString(1, registered.taskDefinitionArn());
                s.setString(2, registered.partitionKey());
                s.setInt(3, registered.revision());
                s.setString(4, revision.status());
                s.setString(5, JsonColumns.write(revision.definition()));
                s.setString(6, JsonColumns.write(revision.tags()));
                s.executeUpdate();
            }
            return;
        }
        Optional<TaskDefinitionRevision> before = revision(c, event.taskDefinitionArn());
        if (before.isEmpty()) {
            return;
        }
        TaskDefinitionRevision after = before.get().after(event);
        execute(c, UPDATE_REVISION, after.status(), JsonColumns.write(after.definition()),
                JsonColumns.write(after.tags()), event.taskDefinitionArn());
    }

    /** A revision as the catalog holds it. */
    static Optional<TaskDefinitionRevision> revision(Connection c, String arn) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(Catalog.REVISION)) {
            s.setString(1, arn);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Catalog.revisionOf(rs)) : Optional.empty();
            }
        }
    }

    private static void execute(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
