package io.berth.gateway.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.TaskDefinitionReference;
import io.berth.ecs.TaskDefinitionRevision;
import io.berth.events.EventJson;
import io.berth.eventstore.AppliedPositions;
import io.berth.eventstore.EventStoreException;
import io.berth.eventstore.JsonColumns;
import io.berth.eventstore.PositionsNotAppliedException;
import io.berth.gateway.routing.PendingPositions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the gateway knows of clusters and task definitions, kept from the cluster-service's events
 * ({@link CatalogConsumer}), so that a scheduler command or read is checked and routed without a
 * call to the owner (ADR 0036). A read first waits until the catalog has applied what the caller
 * wrote lately (ADR 0033): a cluster created a moment ago is found, one deleted a moment ago is
 * INACTIVE. What the catalog does not hold (an event it never read) is empty: the caller asks the
 * owner then. Clusters are answered from memory once read or changed ({@link CatalogClusters}).
 */
@ApplicationScoped
public class Catalog {

    private static final String CLUSTER = """
            select status, capacity_providers, default_strategy from gateway_cluster where cluster_arn = ?
            """;
    static final String REVISION = """
            select definition, tags from gateway_task_definition where task_definition_arn = ?
            """;
    private static final String LATEST_ACTIVE = """
            select definition, tags from gateway_task_definition where family_arn = ? and status = 'ACTIVE'
            order by revision desc limit 1
            """;

    private final DataSource dataSource;
    private final AppliedPositions applied;
    private final PendingPositions pending;
    private final CatalogClusters clusters;

    public Catalog(DataSource dataSource, AppliedPositions applied, PendingPositions pending,
            CatalogClusters clusters) {
        this.dataSource = dataSource;
        this.applied = applied;
        this.pending = pending;
        this.clusters = clusters;
    }

    /**
     * The cluster {@code name} of the caller as the gateway needs it: {@code clusterArn},
     * {@code clusterName}, {@code status}, {@code capacityProviders} and
     * {@code defaultCapacityProviderStrategy}, as DescribeClusters shows them.
     */
    public Optional<ObjectNode> cluster(Caller caller, String name) {
        awaitWrites(caller);
        String arn = Arns.cluster(caller, name);
        return clusters.cluster(arn, () -> stored(arn)).map(cluster -> cluster.described(arn, name));
    }

    /**
     * {@link #cluster} when it can be answered without blocking: the caller's recent writes are known
     * applied here and the cluster is held in memory. Empty otherwise, which says nothing of the
     * cluster: the caller asks {@link #cluster} then, on a thread that may wait (issue 21, ADR 0065).
     */
    public Optional<ObjectNode> heldCluster(Caller caller, String name) {
        if (!applied.appliedNow(pending.of(caller))) {
            return Optional.empty();
        }
        String arn = Arns.cluster(caller, name);
        return clusters.held(arn).map(cluster -> cluster.described(arn, name));
    }

    /** The catalog's row of cluster {@code arn}, read from the table: what {@link CatalogClusters} does not hold. */
    private Optional<CatalogClusters.Cluster> stored(String arn) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLUSTER)) {
            s.setString(1, arn);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(clusterOf(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Reading the gateway's catalog failed", e);
        }
    }

    /** A cluster from a row whose first three columns are status, capacity_providers, default_strategy. */
    static CatalogClusters.Cluster clusterOf(ResultSet rs) throws SQLException {
        return new CatalogClusters.Cluster(rs.getString(1), JsonColumns.tree(rs.getString(2)),
                JsonColumns.tree(rs.getString(3)));
    }

    /**
     * The task definition {@code reference} names, as DescribeTaskDefinition with {@code TAGS} answers
     * it ({@code taskDefinition}, {@code tags}); a reference that can name none of the caller's is
     * refused as the owner refuses it.
     */
    public Optional<ObjectNode> taskDefinition(Caller caller, String reference) {
        TaskDefinitionReference named = TaskDefinitionReference.parse(caller, reference);
        awaitWrites(caller);
        boolean latest = named.revision() == null;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(latest ? LATEST_ACTIVE : REVISION)) {
            s.setString(1, latest ? Arns.taskDefinitionFamily(caller, named.family())
                    : Arns.taskDefinition(caller, named.family(), named.revision()));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                TaskDefinitionRevision revision = revisionOf(rs);
                ObjectNode described = EventJson.mapper().createObjectNode();
                described.set("taskDefinition", revision.definition());
                described.set("tags", EventJson.mapper().valueToTree(revision.tags()));
                return Optional.of(described);
            }
        } catch (SQLException e) {
            throw new EventStoreException("Reading the gateway's catalog failed", e);
        }
    }

    static TaskDefinitionRevision revisionOf(ResultSet rs) throws SQLException {
        return new TaskDefinitionRevision((ObjectNode) JsonColumns.tree(rs.getString(1)),
                JsonColumns.read(rs.getString(2), new TypeReference<>() { }));
    }

    /**
     * The caller's recent writes applied here, or the call shed as throttled (the catalog is behind):
     * never an answer from before them.
     */
    private void awaitWrites(Caller caller) {
        try {
            applied.await(pending.of(caller));
        } catch (PositionsNotAppliedException e) {
            throw EcsErrors.throttled(e.getMessage());
        }
    }
}
