package io.berth.cluster.capacityprovider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.Arns;
import io.berth.ecs.EcsRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The capacity provider operations, one endpoint per ECS operation (ADR 0007). */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Capacity providers")
public class CapacityProviderResource {

    private final CapacityProviderService capacityProviders;
    private final ProviderUse clusters;
    private final CallerContext context;

    public CapacityProviderResource(CapacityProviderService capacityProviders, ProviderUse clusters,
            CallerContext context) {
        this.capacityProviders = capacityProviders;
        this.clusters = clusters;
        this.context = context;
    }

    @POST
    @Path("CreateCapacityProvider")
    @Operation(summary = "CreateCapacityProvider: an Auto Scaling group provider with managed scaling defaults")
    public ObjectNode create(JsonNode body) {
        return capacityProviders.create(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeCapacityProviders")
    @Operation(summary = "DescribeCapacityProviders: FARGATE and FARGATE_SPOT always exist; paginated 1-10")
    public ObjectNode describe(JsonNode body) {
        return capacityProviders.describe(EcsRequest.of(body));
    }

    @POST
    @Path("UpdateCapacityProvider")
    @Operation(summary = "UpdateCapacityProvider: managed scaling and termination protection")
    public ObjectNode update(JsonNode body) {
        return capacityProviders.update(EcsRequest.of(body));
    }

    @POST
    @Path("DeleteCapacityProvider")
    @Operation(summary = "DeleteCapacityProvider: refused while a cluster uses it")
    public ObjectNode delete(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String name = Arns.nameOf(context.caller(), "capacity-provider", request.requiredString("capacityProvider"))
                .orElse("");
        return capacityProviders.delete(request, clusters.clustersUsing(context.caller(), name));
    }
}
