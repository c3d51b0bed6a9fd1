package io.berth.cluster.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.cluster.ClusterService;
import io.berth.cluster.taskdefinition.TaskDefinitionService;
import io.berth.ecs.EcsErrors;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
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
        return events(clusters.history(cluster));
    }

    @GET
    @Path("clusters/{cluster}")
    @Operation(summary = "A cluster as it was at asOf (ISO-8601), without the counters other services own")
    public ObjectNode clusterAsOf(@PathParam("cluster") String cluster, @QueryParam("asOf") String asOf) {
        return clusters.asOf(cluster, instant(asOf)).orElseThrow(EcsErrors::clusterNotFound);
    }

    @GET
    @Path("task-definitions/{family}/events")
    @Operation(summary = "The events of a task definition family, oldest first")
    public ObjectNode familyEvents(@PathParam("family") String family) {
        return events(taskDefinitions.history(family));
    }

    @GET
    @Path("task-definitions/{family}/{revision}")
    @Operation(summary = "A task definition revision as it was at asOf (ISO-8601)")
    public ObjectNode revisionAsOf(@PathParam("family") String family, @PathParam("revision") int revision,
            @QueryParam("asOf") String asOf) {
        return taskDefinitions.asOf(family, revision, instant(asOf))
                .orElseThrow(() -> EcsErrors.clientException("Unable to describe task definition."));
    }

    private static ObjectNode events(List<EventEnvelope> history) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode events = response.putArray("events");
        history.forEach(e -> events.add(EventJson.toJson(e)));
        return response;
    }

    private static Instant instant(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw EcsErrors.invalidParameter("asOf must be an ISO-8601 instant such as 2026-11-26T08:00:00Z.");
        }
    }
}
