package io.berth.scheduler.deployment;

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

/** The service deployments API of ECS (ADR 0007, 0040): reads of the services' event streams. */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service deployments")
public class ServiceDeploymentResource {

    private final ServiceDeploymentQueries deployments;

    public ServiceDeploymentResource(ServiceDeploymentQueries deployments) {
        this.deployments = deployments;
    }

    @POST
    @Path("ListServiceDeployments")
    @Operation(summary = "ListServiceDeployments: a service's deployments, newest first, by status and createdAt")
    public ObjectNode list(JsonNode body) {
        return deployments.list(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeServiceDeployments")
    @Operation(summary = "DescribeServiceDeployments: up to 20, with revisions' counts, rollback and breaker state")
    public ObjectNode describeDeployments(JsonNode body) {
        return deployments.describeDeployments(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeServiceRevisions")
    @Operation(summary = "DescribeServiceRevisions: up to 20, the task definition and settings each deployed")
    public ObjectNode describeRevisions(JsonNode body) {
        return deployments.describeRevisions(EcsRequest.of(body));
    }
}
