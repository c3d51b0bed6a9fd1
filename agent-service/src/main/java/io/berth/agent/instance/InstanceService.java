package io.berth.agent.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.agent.cluster.ClusterDirectory;
import io.berth.agent.instance.InstanceCommand.ChangeStatus;
import io.berth.agent.instance.InstanceCommand.DeleteAttributes;
import io.berth.agent.instance.InstanceCommand.PutAttributes;
import io.berth.agent.instance.InstanceCommand.DeregisterInstance;
import io.berth.agent.instance.InstanceCommand.RegisterInstance;
import io.berth.agent.task.InstanceTask;
import io.berth.cql.ClusterQuery;
import io.berth.ecs.Arns;
import io.berth.ecs.Batch;
import io.berth.ecs.Caller;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Tags;
import io.berth.events.ContainerInstanceEvent;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import io.berth.events.Shapes.VersionInfo;
import io.berth.eventstore.AggregateCommands;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The container instance operations of the ECS API. */
@ApplicationScoped
public class InstanceService {

    static final InstanceDecider DECIDER = new InstanceDecider();
    static final Set<String> LIST_STATUSES = Set.of("ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING",
            "REGISTRATION_FAILED");

    private final AggregateCommands commands;
    private final InstanceProjection projection;
    private final CallerContext context;
    private final ClusterDirectory clusters;

    public InstanceService(AggregateCommands commands, InstanceProjection projection, CallerContext context,
            ClusterDirectory clusters) {
        this.commands = commands;
        this.projection = projection;
        this.context = context;
        this.clusters = clusters;
    }

    /**
     * The ECS capabilities an instance registered without saying otherwise advertises; placement keeps a task off
     * instances that lack one its definition requires ({@code requiresAttributes}).
     */
    public static final Set<String> DEFAULT_CAPABILITIES = java.util.Collections.unmodifiableSet(
            new java.util.LinkedHashSet<>(List.of("com.amazonaws.ecs.capability.docker-remote-api.1.18",
                    "com.amazonaws.ecs.capability.docker-remote-api.1.21", "ecs.capability.container-health-check",
                    "ecs.capability.task-eni", "com.amazonaws.ecs.capability.logging-driver.json-file",
                    "com.amazonaws.ecs.capability.logging-driver.awslogs")));

    public ObjectNode register(EcsRequest request) {
        return register(request, DEFAULT_CAPABILITIES);
    }

    /** Registers an instance whose agent advertises these capabilities (a hosted agent, after its runtime). */
    public ObjectNode register(EcsRequest request, Set<String> capabilities) {
        Caller caller = context.caller();
        String cluster = clusterName(request);
        String clusterArn = Arns.cluster(caller, cluster);
        String arn = request.string("containerInstanceArn")
                .orElse(caller.arnPrefix() + "container-instance/" + cluster + "/" + newId());
        if (!arn.startsWith(caller.arnPrefix() + "container-instance/" + cluster + "/")) {
            throw EcsErrors.invalidParameter("containerInstanceArn " + arn + " does not belong to cluster " + cluster
                    + ".");
        }
        JsonNode identity = identityDocument(request);
        handle(new RegisterInstance(arn, clusterArn, clusters.isActive(caller, clusterArn),
                text(identity, "instanceId").orElse(request.has("containerInstanceArn") ? null : "i-" + newId()
                        .substring(0, 17)),
                null, resources(request), attributes(request, identity, caller, capabilities),
                versionInfo(request),
                Tags.parse(request, "tags")));
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("containerInstance", describe(arn, true).orElseThrow());
        return response;
    }

    public ObjectNode describe(EcsRequest request) {
        Caller caller = context.caller();
        String cluster = clusterName(request);
        List<String> asked = Batch.asked(request, "containerInstances", 100);
        boolean withTags = request.include("TAGS", "CONTAINER_INSTANCE_HEALTH").contains("TAGS");
        return Batch.answer("containerInstances", asked.stream().map(i -> arnOf(caller, cluster, i)).toList(),
                arn -> describe(arn, withTags));
    }

    public ObjectNode list(EcsRequest request) {
        Caller caller = context.caller();
        String clusterArn = Arns.cluster(caller, clusterName(request));
        if (!clusters.isActive(caller, clusterArn)) {
            throw EcsErrors.clusterNotFound();
        }
        Optional<String> status = request.string("status");
        status.ifPresent(s -> {
            if (!LIST_STATUSES.contains(s)) {
                throw EcsErrors.invalidParameter("status must be one of " + String.join(", ",
                        new java.util.TreeSet<>(LIST_STATUSES)) + ".");
            }
        });
        Optional<ClusterQuery> filter = request.string("filter").filter(f -> !f.isBlank()).map(ClusterQuery::parse);
        List<String> arns = new ArrayList<>();
        for (InstanceView view : InstanceView.<InstanceView>list(
                "clusterArn = ?1 and status <> 'INACTIVE' order by containerInstanceArn", clusterArn)) {
            if (status.isPresent() && !status.get().equals(view.status)) {
                continue;
            }
            if (filter.isPresent() && !filter.get().matches(new InstanceQueryTarget(view.toState(),
                    view.registeredAt))) {
                continue;
            }
            arns.add(view.containerInstanceArn);
        }
        return Pages.page(arns, request, 100, 100).writeTo(EventJson.mapper().createObjectNode(),
                "containerInstanceArns");
    }

    public ObjectNode deregister(EcsRequest request) {
        Caller caller = context.caller();
        String arn = arnOf(caller, clusterName(request), request.requiredString("containerInstance"));
        handle(new DeregisterInstance(arn, request.bool("force").orElse(false),
                (int) InstanceTask.count("containerInstanceArn", arn)));
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("containerInstance", describe(arn, false).orElseThrow());
        return response;
    }

    public ObjectNode updateState(EcsRequest request) {
        Caller caller = context.caller();
        String cluster = clusterName(request);
        List<String> asked = Batch.asked(request, "containerInstances", 10);
        String status = request.requiredString("status");
        if (!InstanceDecider.SETTABLE_STATUSES.contains(status)) {
            throw EcsErrors.invalidParameter("Container instance status must be ACTIVE or DRAINING.");
        }
        return Batch.answer("containerInstances", asked.stream().map(i -> arnOf(caller, cluster, i)).toList(), arn -> {
            // A count, not a find: an entity loaded now would be served stale from the request's
            // session after the command commits in its own transaction.
            if (InstanceView.count("containerInstanceArn = ?1 and status <> 'INACTIVE'", arn) == 0) {
                return Optional.empty();
            }
            handle(new ChangeStatus(arn, status));
            return describe(arn, false);
        });
    }

    /** The ARN of an instance named by id or ARN in the request's cluster. */
    public String arnOf(EcsRequest request, String idOrArn) {
        return arnOf(context.caller(), clusterName(request), idOrArn);
    }

    /** The tags of a registered container instance of the caller; empty when there is none. */
    public Optional<List<io.berth.events.Shapes.Tag>> tags(String arn) {
        return Optional.ofNullable(InstanceView.<InstanceView>findById(arn))
                .filter(v -> v.account.equals(context.caller().account()) && !"INACTIVE".equals(v.status))
                .map(v -> v.toState().tags());
    }

    /** TagResource or UntagResource: the instance's complete set of tags afterwards. */
    public void retag(String arn, List<io.berth.events.Shapes.Tag> tags) {
        handle(new InstanceCommand.SetTags(arn, tags));
    }

    public void putAttributes(EcsRequest request, String arn, List<Attribute> attributes) {
        requireTarget(request, arn);
        handle(new PutAttributes(arn, attributes.stream()
                .map(a -> new Attribute(a.name(), a.value(), null, null)).toList()));
    }

    public void deleteAttributes(EcsRequest request, String arn, List<String> names) {
        requireTarget(request, arn);
        handle(new DeleteAttributes(arn, names));
    }

    public ObjectNode listAttributes(EcsRequest request, String name, String value) {
        String clusterArn = Arns.cluster(context.caller(), clusterName(request));
        if (!clusters.isActive(context.caller(), clusterArn)) {
            throw EcsErrors.clusterNotFound();
        }
        List<ObjectNode> attributes = new ArrayList<>();
        for (InstanceView view : InstanceView.<InstanceView>list(
                "clusterArn = ?1 and status <> 'INACTIVE' order by containerInstanceArn", clusterArn)) {
            for (Attribute attribute : view.toState().attributes()) {
                if ((name == null || name.equals(attribute.name()))
                        && (value == null || value.equals(attribute.value()))) {
                    ObjectNode node = EventJson.mapper().createObjectNode().put("name", attribute.name());
                    if (attribute.value() != null) {
                        node.put("value", attribute.value());
                    }
                    attributes.add(node.put("targetType", "container-instance")
                            .put("targetId", view.containerInstanceArn));
                }
            }
        }
        return Pages.page(attributes, request, 100, 100).writeTo(EventJson.mapper().createObjectNode(), "attributes");
    }

    private void requireTarget(EcsRequest request, String arn) {
        String clusterArn = Arns.cluster(context.caller(), clusterName(request));
        if (InstanceView.count("containerInstanceArn = ?1 and clusterArn = ?2 and status <> 'INACTIVE'", arn,
                clusterArn) == 0) {
            throw new io.berth.ecs.EcsException("TargetNotFoundException", "Could not find " + arn + ".");
        }
    }

    private Optional<ObjectNode> describe(String arn, boolean withTags) {
        return Optional.ofNullable(InstanceView.<InstanceView>findById(arn))
                .map(v -> InstanceResponses.containerInstance(v.toState(), v.registeredAt,
                        InstanceTask.usageOf(arn), withTags));
    }

    /** A hosted agent's heartbeats stopped or resumed; outside any request (the heartbeat monitor). */
    public void agentConnected(String containerInstanceArn, boolean connected, String account, String region) {
        handle(new InstanceCommand.SetAgentConnected(containerInstanceArn, connected),
                EventContext.of(account, region, java.util.UUID.randomUUID()));
    }

    private void handle(InstanceCommand command) {
        Caller caller = context.caller();
        handle(command, EventContext.of(caller.account(), caller.region(), context.requestId()));
    }

    private void handle(InstanceCommand command, EventContext eventContext) {
        commands.handle(DECIDER, ContainerInstanceEvent.class,
                new StreamId(InstanceProjection.STREAM_TYPE, command.containerInstanceArn()), command, eventContext,
                projection);
    }

    private static String clusterName(EcsRequest request) {
        return Arns.clusterName(request);
    }

    private static String arnOf(Caller caller, String cluster, String idOrArn) {
        return Arns.inCluster(caller, "container-instance", cluster, idOrArn);
    }

    private static JsonNode identityDocument(EcsRequest request) {
        Optional<String> document = request.string("instanceIdentityDocument");
        if (document.isEmpty()) {
            return EventJson.mapper().createObjectNode();
        }
        try {
            JsonNode parsed = EventJson.mapper().readTree(document.get());
            if (parsed == null || !parsed.isObject()) {
                throw EcsErrors.invalidParameter("instanceIdentityDocument must be a JSON object.");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw EcsErrors.invalidParameter("instanceIdentityDocument is not valid JSON.");
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static List<Resource> resources(EcsRequest request) {
        List<Resource> resources = new ArrayList<>();
        for (EcsRequest item : request.objects("totalResources")) {
            String name = item.requiredString("name");
            String type = item.string("type").orElse(name.startsWith("PORTS") ? "STRINGSET" : "INTEGER");
            Long integer = item.integer("integerValue").map(Integer::longValue).orElse(null);
            List<String> set = item.has("stringSetValue") ? item.strings("stringSetValue") : null;
            resources.add(new Resource(name, type, integer, set));
        }
        return resources;
    }

    /** The ECS built-in attributes, from the identity document where it says, then the custom ones. */
    private static List<Attribute> attributes(EcsRequest request, JsonNode identity, Caller caller,
            Set<String> capabilities) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ecs.os-type", "linux");
        attributes.put("ecs.os-family", "LINUX");
        attributes.put("ecs.cpu-architecture", text(identity, "architecture").orElse("x86_64"));
        text(identity, "instanceType").ifPresent(t -> attributes.put("ecs.instance-type", t));
        attributes.put("ecs.availability-zone", text(identity, "availabilityZone").orElse(caller.region() + "a"));
        text(identity, "imageId").ifPresent(t -> attributes.put("ecs.ami-id", t));
        capabilities.forEach(capability -> attributes.put(capability, null));
        List<EcsRequest> custom = request.objects("attributes");
        if (custom.size() > 10) {
            throw new io.berth.ecs.EcsException("AttributeLimitExceededException",
                    "A container instance can have at most 10 custom attributes.");
        }
        for (EcsRequest attribute : custom) {
            attributes.put(attribute.requiredString("name"), attribute.string("value").orElse(null));
        }
        List<Attribute> list = new ArrayList<>();
        attributes.forEach((name, value) -> list.add(new Attribute(name, value, null, null)));
        return list;
    }

    private static VersionInfo versionInfo(EcsRequest request) {
        return request.object("versionInfo").map(v -> new VersionInfo(v.string("agentVersion").orElse(null),
                v.string("agentHash").orElse(null), v.string("dockerVersion").orElse(null))).orElse(null);
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
