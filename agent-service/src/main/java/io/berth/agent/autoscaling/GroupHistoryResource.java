package io.berth.agent.autoscaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.History;
import io.berth.ecs.rest.CallerContext;
import io.berth.events.EventEnvelope;
import io.berth.eventstore.EventStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What EC2 Auto Scaling keeps in CloudWatch's group metrics (GroupDesiredCapacity, GroupInServiceInstances):
 * a group's events, from which its desired capacity and its instances in service at every moment follow.
 * The console's cluster auto scaling charts draw them.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History")
public class GroupHistoryResource {

    private final EventStore store;
    private final CallerContext context;

    public GroupHistoryResource(EventStore store, CallerContext context) {
        this.store = store;
        this.context = context;
    }

    @GET
    @Path("auto-scaling-groups/{group}/events")
    @Operation(summary = "The events of an Auto Scaling group, oldest first: its settings, desired capacity changes"
            + " and each instance launched, in service, terminating and terminated")
    public ObjectNode groupEvents(@PathParam("group") String group) {
        List<EventEnvelope> history = store.readStream(GroupService.stream(context.caller(), group).id());
        if (history.isEmpty()) {
            throw new EcsException(EcsErrors.RESOURCE_NOT_FOUND, "The Auto Scaling group " + group
                    + " was not found.", 404);
        }
        return History.events(history);
    }
}
