package io.berth.scheduler.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.History;
import io.berth.events.EventEnvelope;
import io.berth.scheduler.service.ServiceQueries;
import io.berth.scheduler.task.TaskQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What no ECS offers, for tasks and services: each one's events, and the task or service as it was at
 * any past instant, folded from its events. A task's history outlives its stay in DescribeTasks.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History")
public class HistoryResource {

    private final TaskQueries tasks;
    private final ServiceQueries services;

    public HistoryResource(TaskQueries tasks, ServiceQueries services) {
        this.tasks = tasks;
        this.services = services;
    }

    @GET
    @Path("clusters/{cluster}/tasks/{task}")
    @Operation(summary = "A task as DescribeTasks showed it at asOf (ISO-8601; now when left out), with its tags")
    public ObjectNode taskAsOf(@PathParam("cluster") String cluster, @PathParam("task") String task,
            @QueryParam("asOf") String asOf) {
        return tasks.asOf(cluster, task, History.asOf(asOf))
                .orElseThrow(() -> History.notFound("task", task, cluster));
    }

    @GET
    @Path("clusters/{cluster}/tasks")
    @Operation(summary = "The cluster's tasks that were placed and not yet stopped at asOf (ISO-8601; now when left"
            + " out), each as DescribeTasks showed it then, with its tags")
    public ObjectNode tasksAsOf(@PathParam("cluster") String cluster, @QueryParam("asOf") String asOf) {
        return History.asOfList("tasks", tasks.inClusterAsOf(cluster, History.asOf(asOf)));
    }

    @GET
    @Path("clusters/{cluster}/tasks/{task}/events")
    @Operation(summary = "The events of a task, oldest first: where it was placed and why, each change since")
    public ObjectNode taskEvents(@PathParam("cluster") String cluster, @PathParam("task") String task) {
        return events(tasks.history(cluster, task), "task", task, cluster);
    }

    @GET
    @Path("clusters/{cluster}/services/{service}")
    @Operation(summary = "A service as DescribeServices showed it at asOf (ISO-8601; now when left out): its"
            + " deployments, counts and messages then, with its tags")
    public ObjectNode serviceAsOf(@PathParam("cluster") String cluster, @PathParam("service") String service,
            @QueryParam("asOf") String asOf) {
        return services.asOf(cluster, service, History.asOf(asOf))
                .orElseThrow(() -> History.notFound("service", service, cluster));
    }

    @GET
    @Path("clusters/{cluster}/services/{service}/events")
    @Operation(summary = "The events of a service, oldest first: its commands, deployments, counts and messages")
    public ObjectNode serviceEvents(@PathParam("cluster") String cluster, @PathParam("service") String service) {
        return events(services.history(cluster, service), "service", service, cluster);
    }

    /** The answer listing a resource's events; a resource that never had one does not exist. */
    private static ObjectNode events(List<EventEnvelope> history, String resourceType, String name, String cluster) {
        if (history.isEmpty()) {
            throw History.notFound(resourceType, name, cluster);
        }
        return History.events(history);
    }
}
