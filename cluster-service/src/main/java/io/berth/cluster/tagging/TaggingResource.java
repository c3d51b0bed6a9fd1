package io.berth.cluster.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.capacityprovider.CapacityProviderService;
import io.berth.cluster.cluster.ClusterService;
import io.berth.ecs.rest.CallerContext;
import io.berth.cluster.taskdefinition.TaskDefinitionService;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Tags;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * TagResource, UntagResource and ListTagsForResource for the resources this service owns:
 * clusters, task definitions and capacity providers, told apart by their ARN.
 */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Tags")
public class TaggingResource {

    private final ClusterService clusters;
    private final TaskDefinitionService taskDefinitions;
    private final CapacityProviderService capacityProviders;
    private final CallerContext context;

    public TaggingResource(ClusterService clusters, TaskDefinitionService taskDefinitions,
            CapacityProviderService capacityProviders, CallerContext context) {
        this.clusters = clusters;
        this.taskDefinitions = taskDefinitions;
        this.capacityProviders = capacityProviders;
        this.context = context;
    }

    enum Kind { CLUSTER, TASK_DEFINITION, CAPACITY_PROVIDER }

    @POST
    @Path("TagResource")
    @Operation(summary = "TagResource: adds or overwrites tags by key (at most 50; aws: is reserved)")
    public ObjectNode tag(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String arn = request.requiredString("resourceArn");
        List<Tag> tags = Tags.toAdd(request);
        existingTags(arn);
        switch (kindOf(arn)) {
            case CLUSTER -> clusters.tag(arn, tags);
            case TASK_DEFINITION -> taskDefinitions.tag(arn, tags);
            case CAPACITY_PROVIDER -> capacityProviders.tag(arn, tags);
        }
        return EventJson.mapper().createObjectNode();
    }

    @POST
    @Path("UntagResource")
    @Operation(summary = "UntagResource: removes tag keys")
    public ObjectNode untag(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String arn = request.requiredString("resourceArn");
        List<String> keys = Tags.toRemove(request);
        existingTags(arn);
        switch (kindOf(arn)) {
            case CLUSTER -> clusters.untag(arn, keys);
            case TASK_DEFINITION -> taskDefinitions.untag(arn, keys);
            case CAPACITY_PROVIDER -> capacityProviders.untag(arn, keys);
        }
        return EventJson.mapper().createObjectNode();
    }

    @POST
    @Path("ListTagsForResource")
    @Operation(summary = "ListTagsForResource")
    public ObjectNode list(JsonNode body) {
        return Tags.listResponse(existingTags(EcsRequest.of(body).requiredString("resourceArn")));
    }

    private List<Tag> existingTags(String arn) {
        Optional<List<Tag>> tags = switch (kindOf(arn)) {
            case CLUSTER -> clusters.tags(arn);
            case TASK_DEFINITION -> taskDefinitions.tags(arn);
            case CAPACITY_PROVIDER -> capacityProviders.tags(arn);
        };
        return tags.orElseThrow(() -> EcsErrors.resourceNotFound("The specified resource could not be found."));
    }

    private Kind kindOf(String arn) {
        String prefix = context.caller().arnPrefix();
        if (!arn.startsWith(prefix)) {
            throw new EcsException(EcsErrors.INVALID_PARAMETER, "The ARN " + arn + " is not an ECS resource of"
                    + " this account and region.");
        }
        String resource = arn.substring(prefix.length());
        if (resource.startsWith("cluster/")) {
            return Kind.CLUSTER;
        }
        if (resource.startsWith("task-definition/") && resource.contains(":")) {
            return Kind.TASK_DEFINITION;
        }
        if (resource.startsWith("capacity-provider/")) {
            return Kind.CAPACITY_PROVIDER;
        }
        throw EcsErrors.invalidParameter("The ARN " + arn + " is not a cluster, task definition or capacity provider"
                + " ARN.");
    }
}
