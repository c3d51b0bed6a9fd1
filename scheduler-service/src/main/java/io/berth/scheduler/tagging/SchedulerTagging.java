package io.berth.scheduler.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.Arns;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Tags;
import io.berth.events.EventEnvelope;
import io.berth.events.SchedulerCommand.TagResource;
import io.berth.events.ServiceEvent.ServiceTagsChanged;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.TaskTagsChanged;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.JsonColumns;
import io.berth.eventstore.StreamId;
import io.berth.scheduler.service.ServiceCommands;
import io.berth.scheduler.service.ServiceDecider;
import io.berth.scheduler.service.ServiceState;
import io.berth.scheduler.service.ServiceView;
import io.berth.scheduler.task.TaskPlacer;
import io.berth.scheduler.task.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Tags of tasks and services. TagResource and UntagResource are commands on the cluster's
 * partition, like every other write to these resources; ListTagsForResource reads the projections.
 */
@ApplicationScoped
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Tags")
public class SchedulerTagging {

    private static final String TASK = "task";
    private static final String SERVICE = "service";

    private final EventStore store;
    private final CallerContext context;

    public SchedulerTagging(EventStore store, CallerContext context) {
        this.store = store;
        this.context = context;
    }

    /** Decides a TagResource or UntagResource in the caller's transaction. */
    public void handle(EventEnvelope command, TagResource tag) {
        String arn = tag.resourceArn();
        String type = Arns.parse(arn).map(Arns.Arn::type).orElse("");
        if (TASK.equals(type)) {
            TaskView task = TaskView.findById(arn);
            if (task == null || !task.clusterArn.equals(tag.clusterArn())) {
                throw notFound();
            }
            List<Tag> tags = next(task.tagList(), tag);
            task.tags = JsonColumns.write(tags);
            store.appendToEnd(new StreamId(TaskPlacer.TASK_STREAM, arn), List.of(new TaskTagsChanged(tag.clusterArn(), arn, tags)), EventContext.causedBy(command));
        } else if (SERVICE.equals(type)) {
            ServiceView service = ServiceView.findById(arn);
            if (service == null || !service.clusterArn.equals(tag.clusterArn())) {
                throw notFound();
            }
            ServiceState state = service.toState();
            List<Tag> tags = next(state.spec().tags(), tag);
            service.store(ServiceDecider.retagged(state, tags));
            store.appendToEnd(new StreamId(ServiceCommands.SERVICE_STREAM, arn), List.of(new ServiceTagsChanged(tag.clusterArn(), arn, tags)), EventContext.causedBy(command));
        } else {
            throw notFound();
        }
    }

    @POST
    @Path("ListTagsForResource")
    @Operation(summary = "ListTagsForResource of a task or a service")
    public ObjectNode list(JsonNode body) {
        String arn = EcsRequest.of(body).requiredString("resourceArn");
        Arns.Arn parsed = Arns.parse(arn).filter(a -> a.prefix().equals(context.caller().arnPrefix()))
                .orElseThrow(SchedulerTagging::notFound);
        List<Tag> tags;
        if (TASK.equals(parsed.type())) {
            TaskView task = TaskView.findById(arn);
            if (task == null) {
                throw notFound();
            }
            tags = task.tagList();
        } else if (SERVICE.equals(parsed.type())) {
            ServiceView service = ServiceView.findById(arn);
            if (service == null) {
                throw notFound();
            }
            tags = service.toState().spec().tags();
        } else {
            throw notFound();
        }
        return Tags.listResponse(tags);
    }

    private static List<Tag> next(List<Tag> current, TagResource tag) {
        List<Tag> merged = tag.tags() == null ? current : Tags.merge(current, tag.tags());
        return tag.tagKeys() == null ? merged : Tags.remove(merged, tag.tagKeys());
    }

    private static RuntimeException notFound() {
        return EcsErrors.resourceNotFound("The specified resource could not be found.");
    }
}
