package io.berth.cluster.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.cluster.ClusterService;
import io.berth.cluster.taskdefinition.TaskDefinitionService;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.History;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What no ECS offers: every resource's events, and the resource as it was at any past instant,
 * folded from its events.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History")
public class HistoryResource {

    private final ClusterService clusters;
    private final TaskDefinitionService taskDefinitions;

    public HistoryResource(ClusterService clusters, TaskDefinitionService taskDefinitions) {
        this.clusters = clusters;
        this.taskDefinitions = taskDefinitions;
    }

    @GET
    @Path("clusters/{cluster}/events")
    @Operation(summary = "The events of a cluster, oldest first")
    public ObjectNode clusterEvents(@PathParam("cluster") String cluster) {
        return History.events(clusters.history(cluster));
    }

    @GET
    @Path("clusters/{cluster}")
    @Operation(summary = "A cluster as it was at asOf (ISO-8601), without the counters other services own")
    public ObjectNode clusterAsOf(@PathParam("cluster") String cluster, @QueryParam("asOf") String asOf) {
        return clusters.asOf(cluster, History.asOf(asOf)).orElseThrow(EcsErrors::clusterNotFound);
    }

    @GET
    @Path("task-definitions/{family}/events")
    @Operation(summary = "The events of a task definition family, oldest first")
    public ObjectNode familyEvents(@PathParam("family") String family) {
        return History.events(taskDefinitions.history(family));
    }

    @GET
    @Path("task-definitions/{family}/{revision}")
    @Operation(summary = "A task definition revision as it was at asOf (ISO-8601)")
    public ObjectNode revisionAsOf(@PathParam("family") String family, @PathParam("revision") int revision,
            @QueryParam("asOf") String asOf) {
        return taskDefinitions.asOf(family, revision, History.asOf(asOf))
                .orElseThrow(() -> EcsErrors.clientException("Unable to describe task definition."));
    }
}
