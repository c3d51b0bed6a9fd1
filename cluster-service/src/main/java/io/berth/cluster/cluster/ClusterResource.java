package io.berth.cluster.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The cluster operations, one endpoint per ECS operation: the body is the ECS request and the
 * answer the ECS response, so the gateway forwards both unchanged (ADR 0007).
 */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clusters")
public class ClusterResource {

    private final ClusterService clusters;

    public ClusterResource(ClusterService clusters) {
        this.clusters = clusters;
    }

    @POST
    @Path("CreateCluster")
    @Operation(summary = "CreateCluster: idempotent by name; no name creates 'default'")
    public ObjectNode createCluster(JsonNode body) {
        return clusters.createCluster(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeClusters")
    @Operation(summary = "DescribeClusters: up to 100, unknown ones in failures with reason MISSING")
    public ObjectNode describeClusters(JsonNode body) {
        return clusters.describeClusters(EcsRequest.of(body));
    }

    @POST
    @Path("ListClusters")
    @Operation(summary = "ListClusters: the caller's ACTIVE clusters, paginated")
    public ObjectNode listClusters(JsonNode body) {
        return clusters.listClusters(EcsRequest.of(body));
    }

    @POST
    @Path("UpdateCluster")
    @Operation(summary = "UpdateCluster: settings, configuration, serviceConnectDefaults")
    public ObjectNode updateCluster(JsonNode body) {
        return clusters.updateCluster(EcsRequest.of(body));
    }

    @POST
    @Path("UpdateClusterSettings")
    @Operation(summary = "UpdateClusterSettings: containerInsights")
    public ObjectNode updateClusterSettings(JsonNode body) {
        return clusters.updateClusterSettings(EcsRequest.of(body));
    }

    @POST
    @Path("PutClusterCapacityProviders")
    @Operation(summary = "PutClusterCapacityProviders: the complete list and the default strategy")
    public ObjectNode putClusterCapacityProviders(JsonNode body) {
        return clusters.putClusterCapacityProviders(EcsRequest.of(body));
    }

    @POST
    @Path("DeleteCluster")
    @Operation(summary = "DeleteCluster: INACTIVE and still describable; refused while it holds instances, services or tasks")
    public ObjectNode deleteCluster(JsonNode body) {
        return clusters.deleteCluster(EcsRequest.of(body));
    }
}
