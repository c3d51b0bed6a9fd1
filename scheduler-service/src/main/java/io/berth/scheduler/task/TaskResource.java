package io.berth.scheduler.task;

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
 * The task reads of the ECS API, one endpoint per operation (ADR 0007). RunTask, StartTask and
 * StopTask do not come here: they arrive as commands on the cluster's partition.
 */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks")
public class TaskResource {

    private final TaskQueries tasks;

    public TaskResource(TaskQueries tasks) {
        this.tasks = tasks;
    }

    @POST
    @Path("DescribeTasks")
    @Operation(summary = "DescribeTasks: up to 100 by id or ARN, include TAGS, MISSING failures")
    public ObjectNode describe(JsonNode body) {
        return tasks.describe(EcsRequest.of(body));
    }

    @POST
    @Path("ListTasks")
    @Operation(summary = "ListTasks: family, startedBy, serviceName, containerInstance, desiredStatus, launchType")
    public ObjectNode list(JsonNode body) {
        return tasks.list(EcsRequest.of(body));
    }
}
