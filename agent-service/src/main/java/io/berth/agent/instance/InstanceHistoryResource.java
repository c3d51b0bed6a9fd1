package io.berth.agent.instance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.agent.task.InstanceTask;
import io.berth.ecs.Arns;
import io.berth.ecs.History;
import io.berth.ecs.rest.CallerContext;
import io.berth.events.ContainerInstanceEvent;
import io.berth.eventstore.DeciderRunner;
import io.berth.eventstore.StreamId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What no ECS offers, for container instances: a cluster's instances as they were at a past instant,
 * each folded from its events, so that a cluster's capacity can be seen "as of" any moment.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History")
public class InstanceHistoryResource {

    /** The counts and remaining resources come from the tasks, which the scheduler's history answers. */
    private static final List<String> NOT_FOLDED = List.of("remainingResources", "runningTasksCount",
            "pendingTasksCount");

    private final DeciderRunner runner;
    private final CallerContext context;

    public InstanceHistoryResource(DeciderRunner runner, CallerContext context) {
        this.runner = runner;
        this.context = context;
    }

    @GET
    @Path("clusters/{cluster}/container-instances")
    @Operation(summary = "The cluster's container instances registered and not deregistered at asOf (ISO-8601;"
            + " now when left out), each as DescribeContainerInstances showed it then, with its tags, without the"
            + " task counts and remaining resources, which the tasks' own history answers")
    public ObjectNode instancesAsOf(@PathParam("cluster") String cluster, @QueryParam("asOf") String asOf) {
        Instant at = History.asOf(asOf);
        String clusterArn = Arns.clusterInPath(context.caller(), cluster);
        List<ObjectNode> instances = InstanceView.<InstanceView>list("clusterArn = ?1 and registeredAt <= ?2"
                + " order by containerInstanceArn", clusterArn, at).stream()
                .map(v -> instanceAt(v, at)).filter(java.util.Objects::nonNull).toList();
        return History.asOfList("containerInstances", instances);
    }

    private ObjectNode instanceAt(InstanceView view, Instant at) {
        InstanceState state = runner.load(InstanceService.DECIDER, ContainerInstanceEvent.class,
                new StreamId(InstanceProjection.STREAM_TYPE, view.containerInstanceArn), at);
        if (state.containerInstanceArn() == null || "INACTIVE".equals(state.status())
                || !view.clusterArn.equals(state.clusterArn())) {
            return null;
        }
        ObjectNode instance = InstanceResponses.containerInstance(state, view.registeredAt, InstanceTask.Usage.NONE,
                true);
        instance.remove(NOT_FOLDED);
        return instance;
    }
}
