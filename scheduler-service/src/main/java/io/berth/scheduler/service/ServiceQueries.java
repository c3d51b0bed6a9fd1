package io.berth.scheduler.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Batch;
import io.berth.ecs.Caller;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Timestamps;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.ServiceEvent;
import io.berth.eventstore.DeciderRunner;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamId;
import io.berth.events.Shapes.LoadBalancer;
import io.berth.events.Shapes.Tag;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import io.berth.scheduler.task.FargateRules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** DescribeServices and ListServices from the service projection; the gateway checked the cluster. */
@ApplicationScoped
public class ServiceQueries {

    static final Set<String> LAUNCH_TYPES = Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");

    private static final ServiceDecider DECIDER = new ServiceDecider();

    private final CallerContext context;
    private final EventStore store;
    private final DeciderRunner runner;

    public ServiceQueries(CallerContext context, EventStore store, DeciderRunner runner) {
        this.context = context;
        this.store = store;
        this.runner = runner;
    }

    /** The events of a service of the caller's cluster, oldest first, across every life of its name. */
    public List<EventEnvelope> history(String cluster, String service) {
        return store.readStream(serviceArn(cluster, service));
    }

    /** The service as DescribeServices showed it at {@code at} (tags included), folded from its events. */
    public Optional<ObjectNode> asOf(String cluster, String service, Instant at) {
        return Optional.ofNullable(runner.load(DECIDER, ServiceEvent.class,
                new StreamId(ServiceProjection.STREAM_TYPE, serviceArn(cluster, service)), at)).map(s -> json(s, true));
    }

    /** A service of the caller's cluster, both named in a {@code /v1} path: the cluster by name or ARN. */
    private String serviceArn(String cluster, String service) {
        return ServiceRules.serviceArn(Arns.clusterInPath(context.caller(), cluster), service);
    }


    public ObjectNode describe(EcsRequest request) {
        Caller caller = context.caller();
        String clusterArn = Arns.cluster(caller, Arns.clusterName(request));
        List<String> arns = Batch.asked(request, "services", 10).stream().map(nameOrArn -> nameOrArn.startsWith("arn:")
                ? nameOrArn : ServiceRules.serviceArn(clusterArn, nameOrArn)).toList();
        boolean withTags = request.include("TAGS").contains("TAGS");
        return Batch.answer("services", arns, arn -> Optional.ofNullable(ServiceView.<ServiceView>findById(arn))
                .filter(view -> view.clusterArn.equals(clusterArn)).map(view -> json(view.toState(), withTags)));
    }

    /**
     * DescribeTaskSets: the service's task sets (all, or those named by id or ARN, unknown ones as
     * MISSING failures), tags with {@code include TAGS}. A service of the ECS controller has none to
     * show and is refused as ECS refuses it.
     */
    public ObjectNode describeTaskSets(EcsRequest request) {
        String clusterArn = Arns.cluster(context.caller(), Arns.clusterName(request));
        String service = request.requiredString("service");
        String serviceArn = service.startsWith("arn:") ? service : ServiceRules.serviceArn(clusterArn, service);
        ServiceView view = ServiceView.findById(serviceArn);
        if (view == null || !view.clusterArn.equals(clusterArn)) {
            throw new EcsException(ServiceDecider.SERVICE_NOT_FOUND, "Service not found.");
        }
        ServiceState state = view.toState();
        ServiceRules.requireActive(state);
        if (!state.spec().hasTaskSets()) {
            throw EcsErrors.invalidParameter(TaskSets.EXTERNAL_ONLY);
        }
        boolean withTags = request.include("TAGS").contains("TAGS");
        List<String> asked = Batch.upTo(request, "taskSets", 100);
        if (asked.isEmpty()) {
            ObjectNode response = EventJson.mapper().createObjectNode();
            ArrayNode sets = response.putArray("taskSets");
            state.taskSets().forEach(t -> sets.add(taskSetJson(state.spec(), t, withTags)));
            response.putArray("failures");
            return response;
        }
        return Batch.answer("taskSets", asked, named -> {
            int at = named.indexOf(Deployment.ID_PREFIX);
            String id = at < 0 ? named : named.substring(at);
            boolean ours = at <= 0 || named.equals(taskSetArn(serviceArn, id));
            return state.taskSet(id).filter(t -> ours).map(t -> taskSetJson(state.spec(), t, withTags));
        });
    }

    /** The task set as the task set operations answer it, read in the caller's transaction. */
    public static ObjectNode describedTaskSet(String serviceArn, String taskSetId) {
        ServiceState state = ServiceView.<ServiceView>findById(serviceArn).toState();
        return taskSetJson(state.spec(), state.taskSet(taskSetId).orElseThrow(), true);
    }

    /** {@code arn:…:task-set/<cluster>/<service>/ecs-svc/…}. */
    static String taskSetArn(String serviceArn, String taskSetId) {
        return serviceArn.replaceFirst(":service/", ":task-set/") + "/" + taskSetId;
    }

    /** The ECS {@code TaskSet} shape. */
    static ObjectNode taskSetJson(ServiceSpec spec, TaskSet t, boolean withTags) {
        ObjectNode set = EventJson.mapper().createObjectNode();
        set.put("id", t.id());
        set.put("taskSetArn", taskSetArn(spec.serviceArn(), t.id()));
        set.put("serviceArn", spec.serviceArn());
        set.put("clusterArn", spec.clusterArn());
        if (ServiceSpec.CODE_DEPLOY.equals(spec.deploymentController())) {
            set.put("startedBy", "CodeDeploy");
        }
        if (t.externalId() != null) {
            set.put("externalId", t.externalId());
        }
        set.put("status", t.status().name());
        set.put("taskDefinition", t.taskDefinitionArn());
        set.put("computedDesiredCount", t.computedDesiredCount());
        set.put("pendingCount", t.pendingCount());
        set.put("runningCount", t.runningCount());
        set.put("createdAt", Timestamps.epochSeconds(t.createdAt()));
        set.put("updatedAt", Timestamps.epochSeconds(t.updatedAt()));
        if (t.launchType() != null) {
            set.put("launchType", t.launchType());
        }
        if (t.capacityProviderStrategy() != null) {
            set.set("capacityProviderStrategy", EventJson.mapper().valueToTree(t.capacityProviderStrategy()));
        }
        if (t.platformVersion() != null) {
            set.put("platformVersion", t.platformVersion());
        }
        if (t.platformFamily() != null) {
            set.put("platformFamily", t.platformFamily());
        }
        if (t.networkConfiguration() != null) {
            set.set("networkConfiguration", EventJson.mapper().valueToTree(t.networkConfiguration()));
        }
        set.set("loadBalancers", loadBalancersJson(t.loadBalancers()));
        set.putArray("serviceRegistries");
        set.putObject("scale").put("value", t.scale()).put("unit", "PERCENT");
        set.put("stabilityStatus", t.stabilityStatus());
        set.put("stabilityStatusAt", Timestamps.epochSeconds(t.stabilityStatusAt()));
        if (withTags) {
            ArrayNode tags = set.putArray("tags");
            t.tags().forEach(tag -> tags.addObject().put("key", tag.key()).put("value", tag.value()));
        }
        return set;
    }

    private static ArrayNode loadBalancersJson(List<LoadBalancer> list) {
        ArrayNode loadBalancers = EventJson.mapper().createArrayNode();
        list.forEach(lb -> {
            ObjectNode node = loadBalancers.addObject();
            if (lb.targetGroupArn() != null) {
                node.put("targetGroupArn", lb.targetGroupArn());
            }
            if (lb.loadBalancerName() != null) {
                node.put("loadBalancerName", lb.loadBalancerName());
            }
            node.put("containerName", lb.containerName());
            if (lb.containerPort() != null) {
                node.put("containerPort", lb.containerPort());
            }
        });
        return loadBalancers;
    }

    public ObjectNode list(EcsRequest request) {
        Caller caller = context.caller();
        String clusterArn = Arns.cluster(caller, Arns.clusterName(request));
        StringBuilder query = new StringBuilder("clusterArn = :cluster and status = 'ACTIVE'");
        Parameters parameters = Parameters.with("cluster", clusterArn);
        if (request.string("launchType").isPresent()) {
            String launchType = request.string("launchType").get();
            if (!LAUNCH_TYPES.contains(launchType)) {
                throw EcsErrors.invalidParameter("launchType must be one of EC2, EXTERNAL, FARGATE,"
                        + " MANAGED_INSTANCES.");
            }
            query.append(" and launchType = :launchType");
            parameters.and("launchType", launchType);
        }
        if (request.string("schedulingStrategy").isPresent()) {
            String strategy = request.string("schedulingStrategy").get();
            if (!Set.of("REPLICA", "DAEMON").contains(strategy)) {
                throw EcsErrors.invalidParameter("schedulingStrategy must be REPLICA or DAEMON.");
            }
            query.append(" and schedulingStrategy = :strategy");
            parameters.and("strategy", strategy);
        }
        List<String> arns = ServiceView.<ServiceView>list(query + " order by serviceArn", parameters).stream()
                .map(v -> v.serviceArn).toList();
        return Pages.page(arns, request, 100, 10).writeTo(EventJson.mapper().createObjectNode(), "serviceArns");
    }

    /** The ECS {@code Service} shape. */
    /**
     * The service as DescribeServices shows it with its tags, read in the caller's transaction so
     * that it sees what the caller just decided.
     */
    public static ObjectNode described(String serviceArn) {
        return json(ServiceView.<ServiceView>findById(serviceArn).toState(), true);
    }

    static ObjectNode json(ServiceState state, boolean withTags) {
        ServiceSpec spec = state.spec();
        ObjectNode service = EventJson.mapper().createObjectNode();
        service.put("serviceArn", spec.serviceArn());
        service.put("serviceName", spec.serviceName());
        service.put("clusterArn", spec.clusterArn());
        service.set("loadBalancers", loadBalancersJson(spec.loadBalancers()));
        service.putArray("serviceRegistries");
        service.put("status", state.status().name());
        service.put("desiredCount", spec.desiredCount());
        service.put("runningCount", state.runningCount());
        service.put("pendingCount", state.pendingCount());
        if (spec.launchType() != null) {
            service.put("launchType", spec.launchType());
        }
        if (spec.onFargate()) {
            // Services created before the version was kept run the latest (ADR 0043).
            service.put("platformVersion", spec.platformVersion() == null ? FargateRules.LATEST
                    : spec.platformVersion());
            if (spec.platformFamily() != null) {
                service.put("platformFamily", spec.platformFamily());
            }
        }
        if (spec.capacityProviderStrategy() != null) {
            service.set("capacityProviderStrategy", EventJson.mapper().valueToTree(spec.capacityProviderStrategy()));
        }
        if (!spec.taskDefinitionArn().isEmpty()) {
            // An EXTERNAL service shows its PRIMARY task set's, and none before it has one.
            service.put("taskDefinition", spec.taskDefinitionArn());
        }
        ObjectNode configuration = service.putObject("deploymentConfiguration");
        configuration.putObject("deploymentCircuitBreaker")
                .put("enable", spec.deploymentConfiguration().deploymentCircuitBreaker().enable())
                .put("rollback", spec.deploymentConfiguration().deploymentCircuitBreaker().rollback());
        configuration.put("maximumPercent", spec.deploymentConfiguration().maximumPercent());
        configuration.put("minimumHealthyPercent", spec.deploymentConfiguration().minimumHealthyPercent());
        if (spec.hasTaskSets()) {
            ArrayNode sets = service.putArray("taskSets");
            state.taskSets().forEach(t -> sets.add(taskSetJson(spec, t, false)));
        }
        ArrayNode deployments = spec.hasTaskSets() ? null : service.putArray("deployments");
        for (Deployment d : state.deployments()) {
            ObjectNode deployment = deployments.addObject();
            deployment.put("id", d.id());
            deployment.put("status", d.status().name());
            deployment.put("taskDefinition", d.taskDefinitionArn());
            deployment.put("desiredCount", d.desiredCount());
            deployment.put("pendingCount", d.pendingCount());
            deployment.put("runningCount", d.runningCount());
            deployment.put("failedTasks", d.failedTasks());
            deployment.put("createdAt", Timestamps.epochSeconds(d.createdAt()));
            deployment.put("updatedAt", Timestamps.epochSeconds(d.updatedAt()));
            if (spec.launchType() != null) {
                deployment.put("launchType", spec.launchType());
            }
            deployment.put("rolloutState", d.rolloutState().name());
            if (d.rolloutStateReason() != null) {
                deployment.put("rolloutStateReason", d.rolloutStateReason());
            }
        }
        ArrayNode events = service.putArray("events");
        for (ServiceMessage message : state.events()) {
            events.addObject().put("id", message.id()).put("createdAt", Timestamps.epochSeconds(message.createdAt()))
                    .put("message", message.message());
        }
        service.put("createdAt", Timestamps.epochSeconds(state.createdAt()));
        service.set("placementConstraints", EventJson.mapper().valueToTree(spec.placementConstraints()));
        service.set("placementStrategy", EventJson.mapper().valueToTree(spec.placementStrategy()));
        if (spec.networkConfiguration() != null) {
            service.set("networkConfiguration", EventJson.mapper().valueToTree(spec.networkConfiguration()));
        }
        if (spec.healthCheckGracePeriodSeconds() > 0) {
            service.put("healthCheckGracePeriodSeconds", spec.healthCheckGracePeriodSeconds());
        }
        service.put("schedulingStrategy", spec.schedulingStrategy().name());
        service.putObject("deploymentController").put("type", spec.controller());
        service.put("enableECSManagedTags", false);
        service.put("propagateTags", spec.propagateTags() == null ? "NONE" : spec.propagateTags());
        service.put("enableExecuteCommand", false);
        if (withTags) {
            ArrayNode tags = service.putArray("tags");
            for (Tag tag : spec.tags()) {
                tags.addObject().put("key", tag.key()).put("value", tag.value());
            }
        }
        return service;
    }
}
