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
import io.berth.events.Shapes.Tag;
import io.berth.eventstore.EventContext;
import io.berth.scheduler.service.ServiceCommand;
import io.berth.scheduler.service.ServiceCommands;
import io.berth.scheduler.service.ServiceView;
import io.berth.scheduler.task.TaskCommand;
import io.berth.scheduler.task.TaskCommandHandler;
import io.berth.scheduler.task.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
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

    private final TaskCommandHandler tasks;
    private final ServiceCommands services;
    private final CallerContext context;

    public SchedulerTagging(TaskCommandHandler tasks, ServiceCommands services, CallerContext context) {
        this.tasks = tasks;
        this.services = services;
        this.context = context;
    }

    /** Decides a TagResource or UntagResource in the caller's transaction. */
    public void handle(EventEnvelope command, TagResource tag) {
        String arn = tag.resourceArn();
        String type = Arns.parse(arn).map(Arns.Arn::type).orElse("");
        EventContext context = EventContext.causedBy(command);
        if (TASK.equals(type)) {
            tasks.handle(List.of(new TaskCommandHandler.Addressed(new TaskCommand.Retag(tag.clusterArn(), arn,
                    tag.tags(), tag.tagKeys()), context)), new HashMap<>());
        } else if (SERVICE.equals(type)) {
            services.handle(context, arn, new ServiceCommand.Retag(tag.clusterArn(), tag.tags(), tag.tagKeys()));
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

    private static RuntimeException notFound() {
        return EcsErrors.resourceNotFound("The specified resource could not be found.");
    }
}
