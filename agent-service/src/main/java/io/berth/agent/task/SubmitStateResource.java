package io.berth.agent.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsRequest;
import io.berth.events.EventJson;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.TaskStateEvent.TaskStateReported;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * How an external agent reports its tasks, as the real ECS agent does: SubmitTaskStateChange and
 * SubmitContainerStateChange. The task must have been placed on one of this cluster's instances.
 * Agents retry reports and reports cross: one that would move a task backwards, or that arrives
 * after the task stopped, is acknowledged and dropped, as ECS does (ADR 0025).
 */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agent reports")
public class SubmitStateResource {

    private final CallerContext context;
    private final TaskReports reports;

    public SubmitStateResource(CallerContext context, TaskReports reports) {
        this.context = context;
        this.reports = reports;
    }

    @POST
    @Path("SubmitTaskStateChange")
    @Operation(summary = "SubmitTaskStateChange: an external agent reports a task PENDING, RUNNING or STOPPED")
    public ObjectNode submitTask(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        // The agent confirms attachments with a report that has no status.
        Optional<String> status = request.string("status").map(s -> status(request, "status"));
        Optional<InstanceTask> placed = task(request);
        if (placed.isEmpty()) {
            return acknowledged();
        }
        InstanceTask task = placed.get();
        String reported = status.orElse(task.lastStatus);
        List<ContainerState> containers = new ArrayList<>();
        for (EcsRequest container : request.objects("containers")) {
            containers.add(new ContainerState(container.requiredString("containerName"),
                    container.string("status").map(s -> status(container, "status")).orElse(reported),
                    container.integer("exitCode").orElse(null), container.string("reason").orElse(null),
                    bindings(container)));
        }
        if (!TaskStatuses.movesForward(task.lastStatus, reported)
                || reported.equals(task.lastStatus) && containers.isEmpty()) {
            return acknowledged();
        }
        boolean stopped = "STOPPED".equals(reported);
        Instant now = Instant.now();
        publish(new TaskStateReported(task.clusterArn, task.taskArn, task.containerInstanceArn, 0, reported,
                containers, stopped ? "EssentialContainerExited" : null,
                stopped ? request.string("reason").orElse("Essential container in task exited") : null,
                time(request, "pullStartedAt"), time(request, "pullStoppedAt"),
                "RUNNING".equals(reported) && !"RUNNING".equals(task.lastStatus) ? now : null,
                stopped ? Optional.ofNullable(time(request, "executionStoppedAt")).orElse(now) : null));
        return acknowledged();
    }

    @POST
    @Path("SubmitContainerStateChange")
    @Operation(summary = "SubmitContainerStateChange: an external agent reports one container's status and exit code")
    public ObjectNode submitContainer(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        String name = request.requiredString("containerName");
        Optional<String> status = request.string("status").map(s -> status(request, "status"));
        Optional<InstanceTask> placed = task(request);
        if (placed.isEmpty()) {
            return acknowledged();
        }
        InstanceTask task = placed.get();
        ContainerState container = new ContainerState(name, status.orElse(task.lastStatus),
                request.integer("exitCode").orElse(null), request.string("reason").orElse(null), bindings(request));
        publish(new TaskStateReported(task.clusterArn, task.taskArn, task.containerInstanceArn, 0, task.lastStatus,
                List.of(container), null, null, null, null, null, null));
        return acknowledged();
    }

    /**
     * The task a report is about while it runs on one of the cluster's instances; empty once it has
     * stopped there (its report comes late); an InvalidParameterException if it never ran there.
     */
    private Optional<InstanceTask> task(EcsRequest request) {
        Caller caller = context.caller();
        String cluster = Arns.clusterName(request);
        String clusterArn = Arns.cluster(caller, cluster);
        String arn = Arns.inCluster(caller, "task", cluster, request.requiredString("task"));
        InstanceTask task = InstanceTask.findById(arn);
        if (task != null && task.clusterArn.equals(clusterArn)) {
            return Optional.of(task);
        }
        if (reports.stoppedIn(arn, clusterArn)) {
            return Optional.empty();
        }
        throw EcsErrors.invalidParameter("The referenced task " + arn + " was not found in cluster " + cluster
                + ".");
    }

    private void publish(TaskStateReported report) {
        Caller caller = context.caller();
        reports.publish(new TaskReports.Report(caller.account(), caller.region(), report));
    }

    private static String status(EcsRequest request, String member) {
        String status = request.requiredString(member);
        if (!TaskStatuses.isKnown(status)) {
            throw EcsErrors.invalidParameter(member + " must be one of PENDING, RUNNING, STOPPED.");
        }
        return status;
    }

    private static List<NetworkBinding> bindings(EcsRequest request) {
        List<NetworkBinding> bindings = new ArrayList<>();
        for (EcsRequest b : request.objects("networkBindings")) {
            bindings.add(new NetworkBinding(b.string("bindIP").orElse("0.0.0.0"), b.integer("containerPort").orElse(0),
                    b.integer("hostPort").orElse(0), b.string("protocol").orElse("tcp")));
        }
        return bindings;
    }

    private static Instant time(EcsRequest request, String member) {
        JsonNode value = request.body().get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new io.berth.ecs.EcsException(EcsRequest.SERIALIZATION_EXCEPTION, member
                    + " must be a timestamp in epoch seconds.");
        }
        BigDecimal seconds = value.decimalValue();
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9)
                .longValue());
    }

    private static ObjectNode acknowledged() {
        return EventJson.mapper().createObjectNode().put("acknowledgment", "ACK");
    }
}
