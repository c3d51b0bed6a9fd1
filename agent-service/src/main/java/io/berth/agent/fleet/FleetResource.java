package io.berth.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.agent.runtime.InstanceTypes;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.events.EventJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Berth's own fleet API: launch container instances whose agents this service hosts (simulated
 * instances of real EC2 types, the process runtime on this host, or containers of a Docker engine),
 * list them, read what the containers of process and docker tasks printed.
 */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fleet")
public class FleetResource {

    public static final int MAX_LAUNCH = 1000;

    private final Fleet fleet;
    private final HostedAgents agents;
    private final Heartbeats heartbeats;
    private final CallerContext context;

    public FleetResource(Fleet fleet, HostedAgents agents, Heartbeats heartbeats, CallerContext context) {
        this.fleet = fleet;
        this.agents = agents;
        this.heartbeats = heartbeats;
        this.context = context;
    }

    @POST
    @Path("clusters/{cluster}/fleet")
    @Operation(summary = "Launch container instances with hosted agents: instanceType, count, runtime"
            + " (simulated|process|docker), availabilityZones, attributes")
    public ObjectNode launch(@PathParam("cluster") String cluster, JsonNode body) {
        Caller caller = context.caller();
        EcsRequest request = EcsRequest.of(body);
        String instanceType = request.requiredString("instanceType");
        InstanceTypes.InstanceType type = InstanceTypes.lookup(instanceType).orElseThrow(() ->
                EcsErrors.invalidParameter("Unknown instanceType " + instanceType + "; known: "
                        + InstanceTypes.all().stream().map(InstanceTypes.InstanceType::name).sorted().toList() + "."));
        int count = request.integer("count").orElse(1);
        if (count < 1 || count > MAX_LAUNCH) {
            throw EcsErrors.invalidParameter("count must be between 1 and " + MAX_LAUNCH + ".");
        }
        String runtime = request.string("runtime").orElse(HostedAgents.SIMULATED);
        fleet.checkRuntime(runtime);
        List<String> zones = request.strings("availabilityZones");
        if (zones.isEmpty()) {
            zones = List.of(caller.region() + "a", caller.region() + "b", caller.region() + "c");
        }
        String clusterName = Arns.nameOf(caller, "cluster", cluster).orElseThrow(EcsErrors::clusterNotFound);
        ObjectNode answer = EventJson.mapper().createObjectNode();
        ArrayNode launched = answer.putArray("containerInstanceArns");
        JsonNode attributes = request.object("attributes").map(EcsRequest::body).orElse(null);
        for (int i = 0; i < count; i++) {
            launched.add(fleet.launch(new Fleet.Launch(caller, context.requestId(), clusterName, type,
                    zones.get(i % zones.size()), runtime, attributes, null, null)));
        }
        return answer;
    }

    @GET
    @Path("clusters/{cluster}/fleet")
    @Operation(summary = "The container instances of the cluster whose agents this service hosts")
    public ObjectNode list(@PathParam("cluster") String cluster) {
        Caller caller = context.caller();
        String clusterName = Arns.nameOf(caller, "cluster", cluster).orElseThrow(EcsErrors::clusterNotFound);
        ObjectNode answer = EventJson.mapper().createObjectNode();
        ArrayNode fleet = answer.putArray("instances");
        agents.ofCluster(Arns.cluster(caller, clusterName)).stream()
                .sorted((a, b) -> a.containerInstanceArn.compareTo(b.containerInstanceArn))
                .forEach(a -> fleet.addObject().put("containerInstanceArn", a.containerInstanceArn)
                        .put("instanceType", a.instanceType).put("runtime", a.runtime));
        return answer;
    }

    @POST
    @Path("clusters/{cluster}/fleet/{instance}/heartbeats")
    @Operation(summary = "Failure injection: {\"enabled\": false} stops the agent's heartbeats (it is marked"
            + " disconnected after the timeout), true resumes them")
    public ObjectNode heartbeats(@PathParam("cluster") String cluster, @PathParam("instance") String instance,
            JsonNode body) {
        Caller caller = context.caller();
        String clusterName = Arns.nameOf(caller, "cluster", cluster).orElseThrow(EcsErrors::clusterNotFound);
        String arn = Arns.inCluster(caller, "container-instance", clusterName, instance);
        if (!agents.hosts(arn)) {
            throw new EcsException("ResourceNotFoundException", "No hosted agent runs instance " + instance + ".",
                    404);
        }
        boolean enabled = EcsRequest.of(body).bool("enabled").orElseThrow(() -> EcsErrors.missing("enabled"));
        heartbeats.setBeating(arn, enabled);
        return EventJson.mapper().createObjectNode().put("containerInstanceArn", arn).put("heartbeats", enabled);
    }

    @GET
    @Path("clusters/{cluster}/tasks/{task}/containers/{container}/logs")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "What a container of a process- or docker-runtime task wrote to stdout, then stderr")
    public String logs(@PathParam("cluster") String cluster, @PathParam("task") String task,
            @PathParam("container") String container) {
        Caller caller = context.caller();
        String clusterName = Arns.nameOf(caller, "cluster", cluster).orElseThrow(EcsErrors::clusterNotFound);
        String taskArn = Arns.inCluster(caller, "task", clusterName, task);
        return agents.logs(taskArn, container).orElseThrow(() -> new EcsException("ResourceNotFoundException",
                "No output is kept for container " + container + " of task " + task + ".", 404));
    }
}
