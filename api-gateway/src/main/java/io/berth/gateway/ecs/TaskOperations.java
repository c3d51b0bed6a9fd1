package io.berth.gateway.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.RequestShapes;
import io.berth.ecs.Tags;
import io.berth.events.EventJson;
import io.berth.events.SchedulerCommand;
import io.berth.events.SchedulerCommand.ManageService;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.SchedulerCommand.StopTask;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.gateway.catalog.Catalog;
import io.berth.gateway.routing.Owner;
import io.berth.gateway.routing.OwnerClient;
import io.berth.gateway.routing.SchedulerCommandClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * RunTask, StartTask, StopTask and the service commands: the gateway resolves the cluster and the
 * task definition in its catalog (their owner only for what the catalog never heard of), sends the
 * command to the scheduler that owns the cluster and answers with the tasks or the service the
 * scheduler's reply carries, as DescribeTasks or DescribeServices would show them (ADR 0036).
 */
@ApplicationScoped
public class TaskOperations {

    private final OwnerClient owners;
    private final SchedulerCommandClient scheduler;
    private final Catalog catalog;

    public TaskOperations(OwnerClient owners, SchedulerCommandClient scheduler, Catalog catalog) {
        this.owners = owners;
        this.scheduler = scheduler;
        this.catalog = catalog;
    }

    /** A command of the scheduler's, from its request as the endpoint parsed it. */
    public byte[] handle(String operation, EcsRequest parsed, Caller caller, UUID requestId) {
        EcsRequest request = parsed;
        if ("StopServiceDeployment".equals(operation)) {
            request = namedByDeploymentArn(request, caller);
        }
        JsonNode cluster = active(request, caller, requestId);
        String clusterArn = cluster.path("clusterArn").asText();
        return switch (operation) {
            case "RunTask" -> place(runTask(request, caller, requestId, cluster), caller, requestId);
            case "StartTask" -> place(startTask(request, caller, requestId, clusterArn), caller, requestId);
            case "StopTask" -> stopTask(request, caller, requestId, clusterArn);
            case "CreateService", "UpdateService", "DeleteService" ->
                    manageService(operation, withStrategy(operation, request, cluster), caller, requestId, clusterArn);
            case "StopServiceDeployment" -> stopServiceDeployment(request, caller, requestId, clusterArn);
            case "CreateTaskSet", "UpdateTaskSet", "DeleteTaskSet", "UpdateServicePrimaryTaskSet" ->
                    manageTaskSet(operation, withStrategy(operation, request, cluster), caller, requestId, clusterArn);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    /**
     * The cluster's ARN, if the cluster-service knows it as ACTIVE; ClusterNotFoundException
     * otherwise, saying so in ECS's words when the cluster was deleted.
     */
    public String activeCluster(EcsRequest request, Caller caller, UUID requestId) {
        return active(request, caller, requestId).path("clusterArn").asText();
    }

    /**
     * The capacity provider strategy a RunTask or a new service launches with: the request's, whose
     * providers must be the cluster's, or the cluster's default when the request names neither a
     * launch type nor a strategy (ECS keeps that default on the service); null for a launch type.
     */
    static List<CapacityProviderStrategyItem> strategy(EcsRequest request, JsonNode cluster) {
        List<CapacityProviderStrategyItem> strategy = RequestShapes.capacityProviderStrategy(request,
                "capacityProviderStrategy");
        EcsRequest described = EcsRequest.of((ObjectNode) cluster);
        if (strategy != null && !strategy.isEmpty()) {
            RequestShapes.checkStrategy(strategy, described.strings("capacityProviders"));
            return strategy;
        }
        if (request.string("launchType").isPresent()) {
            return strategy;
        }
        List<CapacityProviderStrategyItem> fallback = RequestShapes.capacityProviderStrategy(described,
                "defaultCapacityProviderStrategy");
        return fallback == null || fallback.isEmpty() ? strategy : fallback;
    }

    /**
     * CreateService, UpdateService and CreateTaskSet as the scheduler takes them: a new service with
     * the strategy it launches with, the others with the strategy they name checked against the cluster.
     */
    private static EcsRequest withStrategy(String operation, EcsRequest request, JsonNode cluster) {
        if (!"CreateService".equals(operation) && !"UpdateService".equals(operation)
                && !"CreateTaskSet".equals(operation)) {
            return request;
        }
        if (!"CreateService".equals(operation)) {
            List<CapacityProviderStrategyItem> given = RequestShapes.capacityProviderStrategy(request,
                    "capacityProviderStrategy");
            if (given != null && !given.isEmpty()) {
                RequestShapes.checkStrategy(given, EcsRequest.of((ObjectNode) cluster).strings("capacityProviders"));
            }
            return request;
        }
        List<CapacityProviderStrategyItem> strategy = strategy(request, cluster);
        if (strategy == null || strategy.isEmpty()) {
            return request;
        }
        ObjectNode body = request.body().deepCopy();
        body.set("capacityProviderStrategy", EventJson.mapper().valueToTree(strategy));
        return EcsRequest.of(body);
    }

    private JsonNode active(EcsRequest request, Caller caller, UUID requestId) {
        String name = Arns.clusterName(request);
        return checked(catalog.cluster(caller, name).map(JsonNode.class::cast).orElseGet(() -> {
            ObjectNode ask = EventJson.mapper().createObjectNode();
            ask.putArray("clusters").add(name);
            return ask(Owner.CLUSTER_SERVICE, "DescribeClusters", ask, caller, requestId).path("clusters").path(0);
        }));
    }

    /**
     * {@link #activeCluster} without blocking, for the event loop: the cluster's ARN when the catalog
     * holds the cluster and has applied the caller's writes ({@link Catalog#heldCluster}), refused as
     * {@link #activeCluster} refuses it when it is held and not ACTIVE; empty when it would have to
     * wait or read, and then {@link #activeCluster} is asked on a worker.
     */
    public Optional<String> heldActiveCluster(EcsRequest request, Caller caller) {
        return catalog.heldCluster(caller, Arns.clusterName(request))
                .map(cluster -> checked(cluster).path("clusterArn").asText());
    }

    /** {@code cluster} if it is there and ACTIVE; ECS's ClusterNotFoundException otherwise. */
    private static JsonNode checked(JsonNode cluster) {
        if (cluster.isMissingNode()) {
            throw EcsErrors.clusterNotFound();
        }
        if (!"ACTIVE".equals(cluster.path("status").asText())) {
            throw EcsErrors.clusterInactive();
        }
        return cluster;
    }

    private PlaceTasks runTask(EcsRequest request, Caller caller, UUID requestId, JsonNode cluster) {
        List<CapacityProviderStrategyItem> strategy = strategy(request, cluster);
        JsonNode definition = taskDefinition(request, caller, requestId);
        return new PlaceTasks(cluster.path("clusterArn").asText(),
                definition.path("taskDefinition").path("taskDefinitionArn").asText(),
                (ObjectNode) definition.path("taskDefinition"), request.integer("count").orElse(1),
                request.string("group").orElse(null), request.string("startedBy").orElse(null),
                request.string("launchType").orElse(null), strategy, null,
                RequestShapes.placementConstraints(request), RequestShapes.placementStrategy(request),
                overrides(request), tags(request, definition),
                request.string("propagateTags").orElse(null), request.string("clientToken").orElse(null),
                RequestShapes.networkConfiguration(request), request.string("platformVersion").orElse(null));
    }

    private PlaceTasks startTask(EcsRequest request, Caller caller, UUID requestId, String clusterArn) {
        List<String> instances = request.strings("containerInstances");
        if (instances.isEmpty()) {
            throw EcsErrors.missing("containerInstances");
        }
        String cluster = Arns.clusterName(request);
        List<String> arns = instances.stream().map(i -> Arns.inCluster(caller, "container-instance", cluster, i))
                .toList();
        JsonNode definition = taskDefinition(request, caller, requestId);
        return new PlaceTasks(clusterArn, definition.path("taskDefinition").path("taskDefinitionArn").asText(),
                (ObjectNode) definition.path("taskDefinition"), arns.size(), request.string("group").orElse(null),
                request.string("startedBy").orElse(null), null, null, arns, null, null, overrides(request),
                tags(request, definition), request.string("propagateTags").orElse(null), null);
    }

    private byte[] place(PlaceTasks command, Caller caller, UUID requestId) {
        SchedulerCommandAnswered answer = scheduler.send(command, caller, requestId);
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("tasks", tasksOf(answer));
        ArrayNode failures = response.putArray("failures");
        answer.failures().forEach(f -> {
            ObjectNode failure = failures.addObject().put("arn", f.arn()).put("reason", f.reason());
            if (f.detail() != null) {
                failure.put("detail", f.detail());
            }
        });
        return bytes(response);
    }

    private byte[] stopTask(EcsRequest request, Caller caller, UUID requestId, String clusterArn) {
        String task = request.requiredString("task");
        String arn = Arns.inCluster(caller, "task", Arns.clusterName(request), task);
        SchedulerCommand command = new StopTask(clusterArn, arn, request.string("reason").orElse(null));
        SchedulerCommandAnswered answer = scheduler.send(command, caller, requestId);
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("task", tasksOf(answer).path(0));
        return bytes(response);
    }

    /**
     * Berth's fault injection: Fargate Spot reclaims the task's capacity now (ADR 0031). The task,
     * as the scheduler's reply carries it, desired STOPPED with the termination notice.
     */
    public byte[] interruptSpot(String cluster, String task, Caller caller, UUID requestId) {
        ObjectNode named = EventJson.mapper().createObjectNode().put("cluster", cluster);
        EcsRequest request = EcsRequest.of(named);
        String clusterArn = activeCluster(request, caller, requestId);
        String arn = Arns.inCluster(caller, "task", Arns.clusterName(request), task);
        SchedulerCommandAnswered answer = scheduler.send(new StopTask(clusterArn, arn, null, "TerminationNotice"),
                caller, requestId);
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("task", tasksOf(answer).path(0));
        return bytes(response);
    }

    /**
     * TagResource or UntagResource of a task or a service: a command to the scheduler that owns the
     * cluster the ARN names ({@code task/<cluster>/…}, {@code service/<cluster>/…}).
     */
    public byte[] tag(String operation, EcsRequest request, Caller caller, UUID requestId) {
        String arn = request.requiredString("resourceArn");
        String clusterArn = Arns.parse(arn).filter(a -> a.prefix().equals(caller.arnPrefix()))
                .flatMap(Arns.Arn::clusterArn)
                .orElseThrow(() -> EcsErrors.resourceNotFound("The specified resource could not be found."));
        boolean tagging = "TagResource".equals(operation);
        scheduler.send(new SchedulerCommand.TagResource(clusterArn, arn, tagging ? Tags.toAdd(request) : null,
                tagging ? null : Tags.toRemove(request)), caller, requestId);
        return bytes(EventJson.mapper().createObjectNode());
    }

    /**
     * The service commands: the task definition (when named) resolved here, the decision made by
     * the cluster's scheduler, the service as its reply carries it.
     */
    private byte[] manageService(String operation, EcsRequest request, Caller caller, UUID requestId,
            String clusterArn) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("service", sendManage(operation, request, caller, requestId, clusterArn).service());
        return bytes(response);
    }

    /** A service or task set command, with the task definition it names resolved, decided by the scheduler. */
    private SchedulerCommandAnswered sendManage(String operation, EcsRequest request, Caller caller, UUID requestId,
            String clusterArn) {
        ObjectNode definition = null;
        if (request.string("taskDefinition").isPresent()) {
            JsonNode described = taskDefinition(request, caller, requestId);
            definition = ((ObjectNode) described.path("taskDefinition")).deepCopy();
            // The revision's tags travel with it, for services whose tasks take them (propagateTags TASK_DEFINITION).
            definition.set("tags", described.path("tags").isArray() ? described.path("tags")
                    : EventJson.mapper().createArrayNode());
        }
        return scheduler.send(new ManageService(clusterArn, operation, request.body(), definition), caller,
                requestId);
    }

    /**
     * The task set commands: decided by the cluster's scheduler on the service's stream (ADR 0046),
     * answered with the task set its reply carries.
     */
    private byte[] manageTaskSet(String operation, EcsRequest request, Caller caller, UUID requestId,
            String clusterArn) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("taskSet", sendManage(operation, request, caller, requestId, clusterArn).service());
        return bytes(response);
    }

    /**
     * StopServiceDeployment names its cluster, service and deployment only in its ARN
     * ({@code service-deployment/<cluster>/<service>/<id>}): they become the members the scheduler
     * reads. Only ROLLBACK is a valid stopType, as ECS documents it (and its default here).
     */
    static EcsRequest namedByDeploymentArn(EcsRequest request, Caller caller) {
        String arn = request.string("serviceDeploymentArn").orElseThrow(() -> EcsErrors.missing("serviceDeploymentArn"));
        String stopType = request.string("stopType").orElse("ROLLBACK");
        if (!"ROLLBACK".equals(stopType)) {
            throw EcsErrors.invalidParameter("stopType must be ROLLBACK.");
        }
        String prefix = caller.arnPrefix() + "service-deployment/";
        String[] parts = arn.startsWith(prefix) ? arn.substring(prefix.length()).split("/", -1) : new String[0];
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].matches("[0-9]{19}")) {
            throw new EcsException("ServiceDeploymentNotFoundException", "The service deployment does not exist.");
        }
        ObjectNode body = request.body().deepCopy();
        body.put("cluster", parts[0]).put("service", parts[1]).put("deploymentId", parts[2]);
        return EcsRequest.of(body);
    }

    /** The stop decided by the cluster's scheduler; ECS answers with the deployment's ARN alone. */
    private byte[] stopServiceDeployment(EcsRequest request, Caller caller, UUID requestId, String clusterArn) {
        scheduler.send(new ManageService(clusterArn, "StopServiceDeployment", request.body(), null), caller,
                requestId);
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.put("serviceDeploymentArn", request.requiredString("serviceDeploymentArn"));
        return bytes(response);
    }

    /** The tasks as the scheduler's reply carries them, committed before it answered: nothing read back. */
    private static ArrayNode tasksOf(SchedulerCommandAnswered answer) {
        ArrayNode tasks = EventJson.mapper().createArrayNode();
        if (answer.tasks() != null) {
            tasks.addAll(answer.tasks());
        }
        return tasks;
    }

    private JsonNode taskDefinition(EcsRequest request, Caller caller, UUID requestId) {
        String reference = request.requiredString("taskDefinition");
        return catalog.taskDefinition(caller, reference).map(JsonNode.class::cast).orElseGet(() -> {
            ObjectNode ask = EventJson.mapper().createObjectNode();
            ask.put("taskDefinition", reference);
            ask.putArray("include").add("TAGS");
            return ask(Owner.CLUSTER_SERVICE, "DescribeTaskDefinition", ask, caller, requestId);
        });
    }


    private static ObjectNode overrides(EcsRequest request) {
        return request.object("overrides").map(EcsRequest::body).orElse(null);
    }

    /** The request's tags, after the task definition's when {@code propagateTags} is TASK_DEFINITION. */
    private static List<Tag> tags(EcsRequest request, JsonNode definition) {
        List<Tag> tags = Tags.parse(request, "tags");
        if (!"TASK_DEFINITION".equals(request.string("propagateTags").orElse(null))) {
            return tags;
        }
        List<Tag> inherited = new ArrayList<>();
        for (JsonNode tag : definition.path("tags")) {
            inherited.add(new Tag(tag.path("key").asText(), tag.path("value").asText()));
        }
        return Tags.merge(inherited, tags);
    }

    private JsonNode ask(Owner owner, String operation, ObjectNode body, Caller caller, UUID requestId) {
        OwnerClient.Answer answer = owners.forward(owner, operation, bytes(body), caller, requestId);
        if (answer.status() == 0) {
            throw new EcsException(EcsErrors.SERVER_EXCEPTION, "The " + owner.serviceName()
                    + " did not answer. Try again.", 500);
        }
        JsonNode json = read(answer.body());
        if (answer.status() >= 400) {
            throw new EcsException(json.path("__type").asText(EcsErrors.SERVER_EXCEPTION),
                    json.path("message").asText(), answer.status());
        }
        return json;
    }

    private static JsonNode read(byte[] body) {
        try {
            return EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new EcsException(EcsRequest.SERIALIZATION_EXCEPTION, "The request body is not valid JSON.");
        }
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return EventJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
