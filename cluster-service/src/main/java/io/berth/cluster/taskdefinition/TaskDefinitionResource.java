package io.berth.cluster.taskdefinition;

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

/** The task definition operations, one endpoint per ECS operation (ADR 0007). */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Task definitions")
public class TaskDefinitionResource {

    private final TaskDefinitionService taskDefinitions;

    public TaskDefinitionResource(TaskDefinitionService taskDefinitions) {
        this.taskDefinitions = taskDefinitions;
    }

    @POST
    @Path("RegisterTaskDefinition")
    @Operation(summary = "RegisterTaskDefinition: the next revision of the family, validated as ECS does")
    public ObjectNode register(JsonNode body) {
        return taskDefinitions.register(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeTaskDefinition")
    @Operation(summary = "DescribeTaskDefinition: family (latest ACTIVE), family:revision or ARN")
    public ObjectNode describe(JsonNode body) {
        return taskDefinitions.describe(EcsRequest.of(body));
    }

    @POST
    @Path("ListTaskDefinitions")
    @Operation(summary = "ListTaskDefinitions: familyPrefix (exact family), status, sort, paginated")
    public ObjectNode list(JsonNode body) {
        return taskDefinitions.list(EcsRequest.of(body));
    }

    @POST
    @Path("ListTaskDefinitionFamilies")
    @Operation(summary = "ListTaskDefinitionFamilies: familyPrefix (a prefix), status ACTIVE/INACTIVE/ALL")
    public ObjectNode listFamilies(JsonNode body) {
        return taskDefinitions.listFamilies(EcsRequest.of(body));
    }

    @POST
    @Path("DeregisterTaskDefinition")
    @Operation(summary = "DeregisterTaskDefinition: the revision becomes INACTIVE, still describable")
    public ObjectNode deregister(JsonNode body) {
        return taskDefinitions.deregister(EcsRequest.of(body));
    }

    @POST
    @Path("DeleteTaskDefinitions")
    @Operation(summary = "DeleteTaskDefinitions: INACTIVE revisions only, per-item failures")
    public ObjectNode delete(JsonNode body) {
        return taskDefinitions.delete(EcsRequest.of(body));
    }
}
