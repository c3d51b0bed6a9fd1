package io.berth.scheduler.service;

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
 * The service reads of the ECS API (ADR 0007). CreateService, UpdateService and DeleteService
 * arrive as commands on the cluster's partition.
 */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Services")
public class ServiceResource {

    private final ServiceQueries services;

    public ServiceResource(ServiceQueries services) {
        this.services = services;
    }

    @POST
    @Path("DescribeServices")
    @Operation(summary = "DescribeServices: up to 10, deployments, events, include TAGS, MISSING failures")
    public ObjectNode describe(JsonNode body) {
        return services.describe(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeTaskSets")
    @Operation(summary = "DescribeTaskSets: a service's task sets, by id or ARN, MISSING failures, include TAGS")
    public ObjectNode describeTaskSets(JsonNode body) {
        return services.describeTaskSets(EcsRequest.of(body));
    }

    @POST
    @Path("ListServices")
    @Operation(summary = "ListServices: launchType and schedulingStrategy filters, paginated")
    public ObjectNode list(JsonNode body) {
        return services.list(EcsRequest.of(body));
    }
}
