package io.berth.scheduler.explain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.History;
import io.berth.ecs.rest.CallerContext;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.TaskEvent.TaskPlacementFailed;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.JsonColumns;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.scheduler.placement.InstanceRecord;
import io.berth.scheduler.service.ServiceView;
import io.berth.scheduler.task.TaskQueries;
import io.berth.scheduler.task.TaskView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Berth's own placement explanations: why a task went where it went, why a RunTask placed fewer. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Placement explanations")
public class PlacementExplanationResource {

    private static final String SERVICE_GROUP = "service:";

    private final CallerContext context;
    private final TaskQueries tasks;
    private final EventStore store;

    public PlacementExplanationResource(CallerContext context, TaskQueries tasks, EventStore store) {
        this.context = context;
        this.tasks = tasks;
        this.store = store;
    }

    @GET
    @Path("clusters/{cluster}/tasks/{task}/placement")
    @Operation(summary = "Why the task went to its instance: candidates examined, rejections by reason, scores")
    public ObjectNode task(@PathParam("cluster") String cluster, @PathParam("task") String task) {
        TaskView view = tasks.find(tasks.taskArn(cluster, task), tasks.clusterArn(cluster))
                .orElseThrow(() -> History.notFound("task", task, cluster));
        ObjectNode answer = EventJson.mapper().createObjectNode();
        answer.put("taskArn", view.taskArn);
        answer.put("containerInstanceArn", view.containerInstanceArn);
        answer.set("diagnostics", JsonColumns.tree(view.placement));
        if (view.containerInstanceArn == null && "FARGATE".equals(view.launchType)) {
            // No instance was chosen: the serverless pool took the task (ADR 0031).
            answer.put("launchType", view.launchType).put("capacityProviderName", view.capacityProvider)
                    .put("reason", view.capacityProvider == null
                            ? "The FARGATE launch type: the serverless pool, no container instance."
                            : "The capacity provider strategy" + serviceStrategy(view, answer) + ": "
                                    + view.capacityProvider + " was furthest below its share by base and weight when"
                                    + " the task was placed.");
        }
        return answer;
    }

    /**
     * A service's task: the service's strategy (base and weight of each provider) and how many of its
     * live tasks each provider holds now, in the answer and as the words the reason names them with;
     * a RunTask's strategy is not kept, so nothing then.
     */
    private static String serviceStrategy(TaskView task, ObjectNode answer) {
        if (task.group == null || !task.group.startsWith(SERVICE_GROUP)) {
            return "";
        }
        ServiceView service = ServiceView.<ServiceView>find("clusterArn = ?1 and serviceName = ?2", task.clusterArn,
                task.group.substring(SERVICE_GROUP.length())).firstResult();
        List<CapacityProviderStrategyItem> strategy = service == null ? null
                : service.toState().spec().capacityProviderStrategy();
        if (strategy == null) {
            return "";
        }
        Map<String, Integer> running = new HashMap<>();
        TaskView.<TaskView>list("clusterArn = ?1 and group = ?2 and lastStatus <> 'STOPPED'", task.clusterArn,
                task.group).forEach(t -> running.merge(String.valueOf(t.capacityProvider), 1, Integer::sum));
        ArrayNode items = answer.putArray("capacityProviderStrategy");
        StringBuilder words = new StringBuilder();
        for (CapacityProviderStrategyItem item : strategy) {
            int tasks = running.getOrDefault(item.capacityProvider(), 0);
            items.addObject().put("capacityProvider", item.capacityProvider()).put("base", item.base())
                    .put("weight", item.weight()).put("serviceTasks", tasks);
            words.append(words.isEmpty() ? " " : ", ").append(item.capacityProvider()).append(" (base ")
                    .append(item.base()).append(", weight ").append(item.weight()).append(", ").append(tasks)
                    .append(tasks == 1 ? " task now)" : " tasks now)");
        }
        return words.toString();
    }

    @GET
    @Path("clusters/{cluster}/capacity")
    @Operation(summary = "The container instances the scheduler places on in this cluster, with what remains on each")
    public ObjectNode capacity(@PathParam("cluster") String cluster) {
        String clusterArn = tasks.clusterArn(cluster);
        Map<String, int[]> used = new HashMap<>();
        for (TaskView task : TaskView.<TaskView>list("clusterArn = ?1 and lastStatus <> 'STOPPED'", clusterArn)) {
            int[] sum = used.computeIfAbsent(task.containerInstanceArn, k -> new int[3]);
            sum[0] += task.cpu;
            sum[1] += task.memory;
            sum[2]++;
        }
        ObjectNode answer = EventJson.mapper().createObjectNode();
        ArrayNode instances = answer.putArray("instances");
        for (InstanceRecord instance : InstanceRecord.<InstanceRecord>list("clusterArn = ?1 order by"
                + " containerInstanceArn", clusterArn)) {
            int[] sum = used.getOrDefault(instance.containerInstanceArn, new int[3]);
            instances.addObject().put("containerInstanceArn", instance.containerInstanceArn)
                    .put("status", instance.status).put("agentConnected", instance.agentConnected)
                    .put("remainingCpu", instance.cpu - sum[0]).put("remainingMemory", instance.memory - sum[1])
                    .put("tasks", sum[2]);
        }
        return answer;
    }

    @GET
    @Path("placement-failures/{requestId}")
    @Operation(summary = "For a RunTask or StartTask, by its x-amzn-RequestId: the tasks it could not place and how"
            + " many instances each filter rejected")
    public ObjectNode failures(@PathParam("requestId") UUID requestId) {
        ObjectNode answer = EventJson.mapper().createObjectNode();
        ArrayNode failures = answer.putArray("placementFailures");
        for (EventEnvelope event : store.readStream(requestId.toString())) {
            if (event.account().equals(context.caller().account())
                    && event.payload() instanceof TaskPlacementFailed failed) {
                failures.add(EventJson.mapper().<ObjectNode>valueToTree(failed));
            }
        }
        return answer;
    }
}
