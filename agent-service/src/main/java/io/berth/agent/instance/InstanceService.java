package io.berth.agent.instance;

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
import io.berth.events.ContainerInstanceEvent;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Attribute;
import io.berth.eventstore.AggregateCommands;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

    public ObjectNode register(EcsRequest request) {
        return register(request, context.caller(), context.requestId(), null);
    }

    /**
     * RegisterContainerInstance on behalf of an agent this service hosts, also outside any request (an Auto
     * Scaling group's launches), with the capacity provider whose group launched the instance, if any.
     */
    public ObjectNode register(EcsRequest request, Caller caller, java.util.UUID correlationId,
            String capacityProviderName) {
        String cluster = clusterName(request);
        // Before the payload is read: on ClusterNotFoundException the agent creates the default cluster and retries.
        String clusterArn = activeCluster(caller, request);
        Registration registration = Registration.of(request);
        String prefix = caller.arnPrefix() + "container-instance/" + cluster + "/";
        // A retried registration with the same client token is the same instance, as in ECS.
        String arn = request.string("containerInstanceArn").orElseGet(() -> prefix + registration.clientToken()
                .map(token -> idOf(clusterArn, token)).orElseGet(InstanceService::newId));
        if (!arn.startsWith(prefix)) {
            throw EcsErrors.invalidParameter("containerInstanceArn " + arn + " does not belong to cluster " + cluster
                    + ".");
        }
        String ec2InstanceId = registration.document().instanceId();
        if (ec2InstanceId == null && !request.has("containerInstanceArn")) {
            // Without an identity document ECS names an external instance by its managed instance id.
            ec2InstanceId = (registration.external() ? "mi-" : "i-") + newId().substring(0, 17);
        }
        handle(new RegisterInstance(arn, clusterArn, true, ec2InstanceId, capacityProviderName,
                registration.resources(), registration.attributes(), registration.versionInfo(),
                registration.tags()), EventContext.of(caller.account(), caller.region(), correlationId));
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("containerInstance", describe(arn, true).orElseThrow());
        return response;
    }

    public ObjectNode describe(EcsRequest request) {
        Caller caller = context.caller();
        String cluster = clusterName(request);
        List<String> asked = Batch.asked(request, "containerInstances", 100, "Container instance cannot be empty.");
        activeCluster(caller, request);
        boolean withTags = request.include("TAGS", "CONTAINER_INSTANCE_HEALTH").contains("TAGS");
        return Batch.answer("containerInstances", asked.stream().map(i -> arnOf(caller, cluster, i)).toList(),
                arn -> describe(arn, withTags));
    }

    public ObjectNode list(EcsRequest request) {
        Caller caller = context.caller();
        String clusterArn = activeCluster(caller, request);
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
        activeCluster(caller, request);
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
        activeCluster(caller, request);
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
        String clusterArn = activeCluster(context.caller(), request);
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

    /**
     * The instance an attribute targets must be registered in the request's cluster; a target named by
     * its ARN, which names its cluster, needs no {@code cluster} member.
     */
    private void requireTarget(EcsRequest request, String arn) {
        Caller caller = context.caller();
        // Counts, not finds: an entity loaded now would be served stale after the command commits.
        long found = request.has("cluster")
                ? InstanceView.count("containerInstanceArn = ?1 and clusterArn = ?2 and status <> 'INACTIVE'", arn,
                        activeCluster(caller, request))
                : InstanceView.count("containerInstanceArn = ?1 and account = ?2 and status <> 'INACTIVE'", arn,
                        caller.account());
        if (found == 0) {
            throw new io.berth.ecs.EcsException("TargetNotFoundException", "Could not find " + arn + ".");
        }
    }

    private Optional<ObjectNode> describe(String arn, boolean withTags) {
        return Optional.ofNullable(InstanceView.<InstanceView>findById(arn))
                .map(v -> InstanceResponses.containerInstance(v.toState(), v.registeredAt,
                        InstanceTask.usageOf(arn), withTags));
    }

    /**
     * UpdateContainerInstancesState for one instance, outside any request (an Auto Scaling group drains an
     * instance it terminates); nothing happens to an instance that is gone.
     */
    public void changeStatus(String containerInstanceArn, String status, String account, String region) {
        if (InstanceView.count("containerInstanceArn = ?1 and status <> 'INACTIVE'", containerInstanceArn) > 0) {
            handle(new ChangeStatus(containerInstanceArn, status),
                    EventContext.of(account, region, java.util.UUID.randomUUID()));
        }
    }

    /** DeregisterContainerInstance with force, outside any request (an Auto Scaling group's termination). */
    public void deregister(String containerInstanceArn, String account, String region) {
        if (InstanceView.count("containerInstanceArn = ?1 and status <> 'INACTIVE'", containerInstanceArn) > 0) {
            handle(new DeregisterInstance(containerInstanceArn, true,
                    (int) InstanceTask.count("containerInstanceArn", containerInstanceArn)),
                    EventContext.of(account, region, java.util.UUID.randomUUID()));
        }
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

    /**
     * The ARN of the request's cluster, which must be ACTIVE: ECS answers ClusterNotFoundException
     * for an unknown cluster before it looks at the instances a request names.
     */
    private String activeCluster(Caller caller, EcsRequest request) {
        String clusterArn = Arns.cluster(caller, clusterName(request));
        if (!clusters.isActive(caller, clusterArn)) {
            throw EcsErrors.clusterNotFound();
        }
        return clusterArn;
    }

    private static String clusterName(EcsRequest request) {
        return Arns.clusterName(request);
    }

    private static String arnOf(Caller caller, String cluster, String idOrArn) {
        return Arns.inCluster(caller, "container-instance", cluster, idOrArn);
    }

    /** The id of the instance a client token registers: the same token in the same cluster, the same id. */
    private static String idOf(String clusterArn, String clientToken) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((clusterArn + "\n" + clientToken).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
