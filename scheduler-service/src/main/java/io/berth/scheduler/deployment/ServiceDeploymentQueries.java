package io.berth.scheduler.deployment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Batch;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Timestamps;
import io.berth.ecs.rest.CallerContext;
import io.berth.events.EventJson;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.eventstore.EventStore;
import io.berth.scheduler.deployment.ServiceDeployments.Counts;
import io.berth.scheduler.deployment.ServiceDeployments.Entry;
import io.berth.scheduler.deployment.ServiceDeployments.History;
import io.berth.scheduler.deployment.ServiceDeployments.Revision;
import io.berth.scheduler.deployment.ServiceDeployments.Status;
import io.berth.scheduler.service.ServiceDecider;
import io.berth.scheduler.service.ServiceRules;
import io.berth.scheduler.service.ServiceSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ListServiceDeployments, DescribeServiceDeployments and DescribeServiceRevisions, answered from the
 * service's event stream (ADR 0040): {@code arn:aws:ecs:<region>:<account>:service-deployment/<cluster>/<service>/<id>}
 * and {@code …:service-revision/<cluster>/<service>/<id>}, where the id is the digits of the
 * deployment's {@code ecs-svc/} id. The gateway checked the cluster of a list; the describes name
 * theirs in the ARNs, and an ARN of another account or region, or of nothing, is a MISSING failure.
 */
@ApplicationScoped
public class ServiceDeploymentQueries {

    static final String DEPLOYMENT = "service-deployment";
    static final String REVISION = "service-revision";
    /** ECS answers at most this many ARNs per describe. */
    static final int MAX_DESCRIBED = 20;
    private static final Set<String> STATUSES = Arrays.stream(Status.values()).map(Enum::name)
            .collect(Collectors.toSet());

    private final CallerContext context;
    private final EventStore store;

    public ServiceDeploymentQueries(CallerContext context, EventStore store) {
        this.context = context;
        this.store = store;
    }

    public ObjectNode list(EcsRequest request) {
        Caller caller = context.caller();
        String clusterArn = Arns.cluster(caller, Arns.clusterName(request));
        String service = request.string("service").orElseThrow(() -> EcsErrors.missing("service"));
        String serviceArn = service.startsWith("arn:") ? service : ServiceRules.serviceArn(clusterArn, service);
        Set<String> statuses = Set.copyOf(request.strings("status"));
        statuses.stream().filter(s -> !STATUSES.contains(s)).findFirst().ifPresent(s -> {
            throw EcsErrors.invalidParameter("status must be one of " + STATUSES.stream().sorted()
                    .collect(Collectors.joining(", ")) + ".");
        });
        Optional<EcsRequest> createdAt = request.object("createdAt");
        Optional<Instant> before = createdAt.flatMap(c -> c.timestamp("before"));
        Optional<Instant> after = createdAt.flatMap(c -> c.timestamp("after"));
        History history = history(serviceArn).filter(h -> serviceArn.startsWith(clusterArn.replace(":cluster/",
                ":service/") + "/")).orElseThrow(() -> new EcsException(ServiceDecider.SERVICE_NOT_FOUND,
                        "Service not found."));
        List<ObjectNode> briefs = history.deployments().stream()
                .filter(e -> statuses.isEmpty() || statuses.contains(e.status().name()))
                .filter(e -> before.map(b -> e.createdAt().isBefore(b)).orElse(true))
                .filter(e -> after.map(a -> e.createdAt().isAfter(a)).orElse(true))
                .sorted(Comparator.comparing(Entry::createdAt).reversed())
                .map(e -> brief(serviceArn, e)).toList();
        ObjectNode response = EventJson.mapper().createObjectNode();
        Pages.Page<ObjectNode> page = Pages.page(briefs, request, 100, 20);
        page.items().forEach(response.putArray("serviceDeployments")::add);
        if (page.nextToken() != null) {
            response.put("nextToken", page.nextToken());
        }
        return response;
    }

    public ObjectNode describeDeployments(EcsRequest request) {
        return describe(request, "serviceDeploymentArns", DEPLOYMENT, "serviceDeployments",
                (serviceArn, history, id) -> history.deployment(id).map(e -> deployment(serviceArn, e)));
    }

    public ObjectNode describeRevisions(EcsRequest request) {
        return describe(request, "serviceRevisionArns", REVISION, "serviceRevisions",
                (serviceArn, history, id) -> Optional.ofNullable(history.revisions().get(id))
                        .map(r -> revision(serviceArn, r)));
    }

    private interface Item {
        Optional<ObjectNode> find(String serviceArn, History history, String id);
    }

    /** A describe of up to 20 ARNs of one kind; each service's events are read once. */
    private ObjectNode describe(EcsRequest request, String member, String kind, String itemsMember, Item item) {
        List<String> arns = Batch.asked(request, member, MAX_DESCRIBED);
        String prefix = context.caller().arnPrefix() + kind + "/";
        Map<String, Optional<History>> histories = new HashMap<>();
        return Batch.answer(itemsMember, arns, arn -> {
            Optional<String[]> parts = parts(arn, prefix);
            if (parts.isEmpty()) {
                return Optional.empty();
            }
            String serviceArn = context.caller().arnPrefix() + "service/" + parts.get()[0] + "/" + parts.get()[1];
            return histories.computeIfAbsent(serviceArn, this::history)
                    .flatMap(h -> item.find(serviceArn, h, parts.get()[2]));
        });
    }

    /** {@code <cluster>/<service>/<id>} of an ARN of the caller's account and region, of the expected kind. */
    private static Optional<String[]> parts(String arn, String prefix) {
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = arn.substring(prefix.length()).split("/", -1);
        return parts.length == 3 && Arrays.stream(parts).noneMatch(String::isEmpty) ? Optional.of(parts)
                : Optional.empty();
    }

    private Optional<History> history(String serviceArn) {
        History history = ServiceDeployments.of(store.readStream(serviceArn));
        return history.deployments().isEmpty() ? Optional.empty() : Optional.of(history);
    }

    static String arnOf(String serviceArn, String kind, String id) {
        return serviceArn.replace(":service/", ":" + kind + "/") + "/" + id;
    }

    private static ObjectNode brief(String serviceArn, Entry e) {
        ObjectNode node = common(serviceArn, e);
        node.put("targetServiceRevisionArn", arnOf(serviceArn, REVISION, e.target().revisionId()));
        return node;
    }

    /** The members the brief and the full shape share. */
    private static ObjectNode common(String serviceArn, Entry e) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("serviceDeploymentArn", arnOf(serviceArn, DEPLOYMENT, e.id()));
        node.put("serviceArn", serviceArn);
        node.put("clusterArn", Arns.clusterOf(serviceArn));
        node.put("createdAt", Timestamps.epochSeconds(e.createdAt()));
        node.put("startedAt", Timestamps.epochSeconds(e.createdAt()));
        if (e.finishedAt() != null) {
            node.put("finishedAt", Timestamps.epochSeconds(e.finishedAt()));
        }
        node.put("status", e.status().name());
        if (e.statusReason() != null) {
            node.put("statusReason", e.statusReason());
        }
        return node;
    }

    static ObjectNode deployment(String serviceArn, Entry e) {
        ObjectNode node = common(serviceArn, e);
        if (e.stoppedAt() != null) {
            node.put("stoppedAt", Timestamps.epochSeconds(e.stoppedAt()));
        }
        node.put("updatedAt", Timestamps.epochSeconds(e.updatedAt()));
        ArrayNode sources = node.putArray("sourceServiceRevisions");
        e.sources().forEach(s -> sources.add(summary(serviceArn, s)));
        node.set("targetServiceRevision", summary(serviceArn, e.target()));
        DeploymentConfiguration configuration = e.configuration();
        ObjectNode config = node.putObject("deploymentConfiguration");
        config.putObject("deploymentCircuitBreaker").put("enable", e.breakerEnabled())
                .put("rollback", configuration.deploymentCircuitBreaker() != null
                        && configuration.deploymentCircuitBreaker().rollback());
        config.put("maximumPercent", configuration.maximumPercent());
        config.put("minimumHealthyPercent", configuration.minimumHealthyPercent());
        if (e.rollback() != null) {
            node.putObject("rollback").put("reason", e.rollback().reason())
                    .put("startedAt", Timestamps.epochSeconds(e.rollback().startedAt()))
                    .put("serviceRevisionArn", arnOf(serviceArn, REVISION, e.rollback().restoredRevisionId()));
        }
        ObjectNode breaker = node.putObject("deploymentCircuitBreaker");
        breaker.put("status", breakerStatus(e));
        if (e.breakerEnabled()) {
            breaker.put("failureCount", e.failedTasks()).put("threshold", e.threshold());
        }
        return node;
    }

    /** TRIGGERED once it tripped; MONITORING while the deployment goes on; MONITORING_COMPLETE after. */
    static String breakerStatus(Entry e) {
        if (!e.breakerEnabled()) {
            return "DISABLED";
        }
        if (e.breakerTriggered()) {
            return "TRIGGERED";
        }
        return e.finishedAt() == null ? "MONITORING" : "MONITORING_COMPLETE";
    }

    private static ObjectNode summary(String serviceArn, Counts counts) {
        return EventJson.mapper().createObjectNode().put("arn", arnOf(serviceArn, REVISION, counts.revisionId()))
                .put("requestedTaskCount", counts.requested()).put("runningTaskCount", counts.running())
                .put("pendingTaskCount", counts.pending());
    }

    static ObjectNode revision(String serviceArn, Revision revision) {
        ServiceSpec spec = revision.spec();
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("serviceRevisionArn", arnOf(serviceArn, REVISION, revision.id()));
        node.put("serviceArn", serviceArn);
        node.put("clusterArn", spec.clusterArn());
        node.put("taskDefinition", spec.taskDefinitionArn());
        if (spec.capacityProviderStrategy() != null) {
            node.set("capacityProviderStrategy", EventJson.mapper().valueToTree(spec.capacityProviderStrategy()));
        } else if (spec.launchType() != null) {
            node.put("launchType", spec.launchType());
        }
        node.set("loadBalancers", EventJson.mapper().valueToTree(spec.loadBalancers()));
        node.putArray("serviceRegistries");
        if (spec.networkConfiguration() != null) {
            node.set("networkConfiguration", EventJson.mapper().valueToTree(spec.networkConfiguration()));
        }
        node.put("createdAt", Timestamps.epochSeconds(revision.createdAt()));
        return node;
    }
}
