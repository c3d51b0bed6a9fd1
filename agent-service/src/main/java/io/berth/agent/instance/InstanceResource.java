package io.berth.agent.instance;

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

/** The container instance operations, one endpoint per ECS operation (ADR 0007). */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Container instances")
public class InstanceResource {

    private final InstanceService instances;

    public InstanceResource(InstanceService instances) {
        this.instances = instances;
    }

    @POST
    @Path("RegisterContainerInstance")
    @Operation(summary = "RegisterContainerInstance: totalResources, identity document, attributes, tags")
    public ObjectNode register(JsonNode body) {
        return instances.register(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeContainerInstances")
    @Operation(summary = "DescribeContainerInstances: up to 100, include TAGS, MISSING failures")
    public ObjectNode describe(JsonNode body) {
        return instances.describe(EcsRequest.of(body));
    }

    @POST
    @Path("ListContainerInstances")
    @Operation(summary = "ListContainerInstances: status and a cluster query language filter, paginated")
    public ObjectNode list(JsonNode body) {
        return instances.list(EcsRequest.of(body));
    }

    @POST
    @Path("DeregisterContainerInstance")
    @Operation(summary = "DeregisterContainerInstance: refused with running tasks unless force")
    public ObjectNode deregister(JsonNode body) {
        return instances.deregister(EcsRequest.of(body));
    }

    @POST
    @Path("UpdateContainerInstancesState")
    @Operation(summary = "UpdateContainerInstancesState: ACTIVE or DRAINING, up to 10")
    public ObjectNode updateState(JsonNode body) {
        return instances.updateState(EcsRequest.of(body));
    }
}
