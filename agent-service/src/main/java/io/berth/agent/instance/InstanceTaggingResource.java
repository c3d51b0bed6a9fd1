package io.berth.agent.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** TagResource, UntagResource and ListTagsForResource for container instances. */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Tags")
public class InstanceTaggingResource {

    private final InstanceService instances;

    public InstanceTaggingResource(InstanceService instances) {
        this.instances = instances;
    }

    @POST
    @Path("TagResource")
    @Operation(summary = "TagResource of a container instance: adds or overwrites tags by key")
    public ObjectNode tag(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String arn = request.requiredString("resourceArn");
        List<Tag> added = Tags.toAdd(request);
        instances.retag(arn, Tags.merge(existing(arn), added));
        return EventJson.mapper().createObjectNode();
    }

    @POST
    @Path("UntagResource")
    @Operation(summary = "UntagResource of a container instance: removes tag keys")
    public ObjectNode untag(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String arn = request.requiredString("resourceArn");
        instances.retag(arn, Tags.remove(existing(arn), Tags.toRemove(request)));
        return EventJson.mapper().createObjectNode();
    }

    @POST
    @Path("ListTagsForResource")
    @Operation(summary = "ListTagsForResource of a container instance")
    public ObjectNode list(JsonNode body) {
        return Tags.listResponse(existing(EcsRequest.of(body).requiredString("resourceArn")));
    }

    private List<Tag> existing(String arn) {
        return instances.tags(arn).orElseThrow(() ->
                EcsErrors.resourceNotFound("The specified resource could not be found."));
    }
}
