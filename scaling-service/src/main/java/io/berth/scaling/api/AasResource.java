package io.berth.scaling.api;

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

/** The Application Auto Scaling operations, one endpoint per operation, as the gateway forwards them. */
@Path("/aas")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Application Auto Scaling")
public class AasResource {

    private final ScalingOperations operations;

    public AasResource(ScalingOperations operations) {
        this.operations = operations;
    }

    @POST
    @Path("RegisterScalableTarget")
    @Operation(summary = "RegisterScalableTarget: create or update; clamps the service's desired count into the range")
    public ObjectNode register(JsonNode body) {
        return operations.register(EcsRequest.of(body));
    }

    @POST
    @Path("DeregisterScalableTarget")
    @Operation(summary = "DeregisterScalableTarget: with its policies and scheduled actions")
    public ObjectNode deregister(JsonNode body) {
        return operations.deregister(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeScalableTargets")
    @Operation(summary = "DescribeScalableTargets: by namespace, resource ids and dimension; paginated 1-50")
    public ObjectNode describeTargets(JsonNode body) {
        return operations.describeTargets(EcsRequest.of(body));
    }

    @POST
    @Path("PutScalingPolicy")
    @Operation(summary = "PutScalingPolicy: TargetTrackingScaling (with its managed alarms) or StepScaling")
    public ObjectNode putPolicy(JsonNode body) {
        return operations.putPolicy(EcsRequest.of(body));
    }

    @POST
    @Path("DeleteScalingPolicy")
    @Operation(summary = "DeleteScalingPolicy")
    public ObjectNode deletePolicy(JsonNode body) {
        return operations.deletePolicy(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeScalingPolicies")
    @Operation(summary = "DescribeScalingPolicies: by namespace, names, resource and dimension; paginated 1-10")
    public ObjectNode describePolicies(JsonNode body) {
        return operations.describePolicies(EcsRequest.of(body));
    }

    @POST
    @Path("PutScheduledAction")
    @Operation(summary = "PutScheduledAction: at(), rate() or cron() in a time zone, setting min and max capacity")
    public ObjectNode putScheduledAction(JsonNode body) {
        return operations.putScheduledAction(EcsRequest.of(body));
    }

    @POST
    @Path("DeleteScheduledAction")
    @Operation(summary = "DeleteScheduledAction")
    public ObjectNode deleteScheduledAction(JsonNode body) {
        return operations.deleteScheduledAction(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeScheduledActions")
    @Operation(summary = "DescribeScheduledActions: by namespace, names, resource and dimension; paginated 1-50")
    public ObjectNode describeScheduledActions(JsonNode body) {
        return operations.describeScheduledActions(EcsRequest.of(body));
    }

    @POST
    @Path("DescribeScalingActivities")
    @Operation(summary = "DescribeScalingActivities: the last six weeks, newest first; paginated 1-50")
    public ObjectNode describeActivities(JsonNode body) {
        return operations.describeActivities(EcsRequest.of(body));
    }

    @POST
    @Path("TagResource")
    @Operation(summary = "TagResource: tag a scalable target")
    public ObjectNode tag(JsonNode body) {
        return operations.tag(EcsRequest.of(body));
    }

    @POST
    @Path("UntagResource")
    @Operation(summary = "UntagResource: remove tags from a scalable target")
    public ObjectNode untag(JsonNode body) {
        return operations.untag(EcsRequest.of(body));
    }

    @POST
    @Path("ListTagsForResource")
    @Operation(summary = "ListTagsForResource: the tags of a scalable target")
    public ObjectNode listTags(JsonNode body) {
        return operations.listTags(EcsRequest.of(body));
    }
}
