package io.berth.scaling.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Pages.Paging;
import io.berth.events.EventJson;
import io.berth.events.ScalingEvent.ScalingAlarm;
import io.berth.events.Shapes.Tag;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.JsonColumns;
import io.berth.eventstore.StreamId;
import io.berth.scaling.policy.ScalingDecision;
import io.berth.scaling.policy.Schedule;
import io.berth.scaling.policy.StepScalingPolicy;
import io.berth.scaling.policy.TargetTrackingPolicy;
import io.berth.scaling.service.ServiceDirectory;
import io.berth.scaling.target.AasErrors;
import io.berth.scaling.target.ScalableTargetState;
import io.berth.scaling.target.ScalableTargetState.Policy;
import io.berth.scaling.target.ScalableTargetState.ScheduledAction;
import io.berth.scaling.target.ScalableTargetView;
import io.berth.scaling.target.ScalingActivityView;
import io.berth.scaling.target.TargetCommand;
import io.berth.scaling.target.TargetCommand.DeletePolicy;
import io.berth.scaling.target.TargetCommand.DeleteScheduledAction;
import io.berth.scaling.target.TargetCommand.Deregister;
import io.berth.scaling.target.TargetCommand.PutPolicy;
import io.berth.scaling.target.TargetCommand.PutScheduledAction;
import io.berth.scaling.target.TargetCommand.Register;
import io.berth.scaling.target.TargetCommand.TagTarget;
import io.berth.scaling.target.TargetCommand.UntagTarget;
import io.berth.scaling.target.TargetCommands;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The Application Auto Scaling operations of the ECS slice (ECS reference §2.2 and §3.8). */
@ApplicationScoped
public class ScalingOperations {

    /** Scalable targets per account and Region for ECS. */
    public static final int MAX_TARGETS = 3000;
    static final String TARGET_TRACKING = "TargetTrackingScaling";
    static final String STEP = "StepScaling";

    private final TargetCommands targets;
    private final ServiceDirectory services;
    private final CallerContext context;

    public ScalingOperations(TargetCommands targets, ServiceDirectory services, CallerContext context) {
        this.targets = targets;
        this.services = services;
        this.context = context;
    }

    /** The target a request names by ServiceNamespace, ResourceId and ScalableDimension. */
    private record TargetKey(String namespace, String resourceId, String dimension, StreamId stream) {

        String clusterName() {
            return resourceId.split("/")[1];
        }
    }

    private TargetKey keyOf(EcsRequest request) {
        String namespace = AasRequests.namespace(request);
        String resourceId = AasRequests.resourceId(request);
        String dimension = AasRequests.dimension(request);
        return new TargetKey(namespace, resourceId, dimension,
                TargetCommands.stream(context.caller(), namespace, resourceId, dimension));
    }

    public ObjectNode register(EcsRequest request) {
        Caller caller = context.caller();
        TargetKey key = keyOf(request);
        Integer min = request.integer("MinCapacity").orElse(null);
        Integer max = request.integer("MaxCapacity").orElse(null);
        List<Tag> tags = AasRequests.tags(request, "Tags");
        Optional<EcsRequest> suspended = request.object("SuspendedState");
        String roleArn = request.string("RoleARN").orElse(null);
        String clusterArn = Arns.cluster(caller, key.clusterName());
        String serviceArn = caller.arnPrefix() + key.resourceId();
        ServiceDirectory.ActiveService service = services.active(caller, clusterArn, serviceArn)
                .orElseThrow(() -> AasErrors.validation("ECS service doesn't exist: " + key.resourceId()));
        boolean exists = state(key).registered();
        if (!exists && QuarkusTransaction.requiringNew().call(() -> ScalableTargetView.countOf(caller)) >= MAX_TARGETS) {
            throw AasErrors.limitExceeded("You can register at most " + MAX_TARGETS
                    + " scalable targets for ECS per Region.");
        }
        String newArn = "arn:aws:application-autoscaling:" + caller.region() + ":" + caller.account()
                + ":scalable-target/" + UUID.randomUUID().toString().replace("-", "");
        if (!exists && roleArn == null) {
            roleArn = "arn:aws:iam::" + caller.account() + ":role/aws-service-role/ecs.application-autoscaling"
                    + ".amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService";
        }
        handle(key, new Register(newArn, clusterArn, serviceArn, key.namespace(), key.resourceId(), key.dimension(),
                min, max, roleArn,
                suspended.flatMap(s -> s.bool("DynamicScalingInSuspended")).orElse(null),
                suspended.flatMap(s -> s.bool("DynamicScalingOutSuspended")).orElse(null),
                suspended.flatMap(s -> s.bool("ScheduledScalingSuspended")).orElse(null),
                tags, service.desiredCount(), UUID.randomUUID().toString(), Instant.now()));
        return object().put("ScalableTargetARN", state(key).scalableTargetArn);
    }

    public ObjectNode deregister(EcsRequest request) {
        TargetKey key = keyOf(request);
        requireRegistered(key);
        handle(key, new Deregister());
        return object();
    }

    public ObjectNode describeTargets(EcsRequest request) {
        List<ObjectNode> items = selected(request, "ResourceIds").stream().map(AasResponses::target).toList();
        return Pages.page(items, request, 50, 50, Paging.AAS).writeTo(object(), "ScalableTargets");
    }

    /**
     * The caller's targets in the request's ServiceNamespace that its resource filter
     * ({@code ResourceId}, or the list {@code ResourceIds}) and ScalableDimension select.
     */
    private List<ScalableTargetState> selected(EcsRequest request, String resourceMember) {
        String namespace = AasRequests.namespace(request);
        List<String> resourceIds = "ResourceIds".equals(resourceMember) ? names(request, resourceMember)
                : request.string(resourceMember).map(AasRequests::checkResourceId).map(List::of).orElse(List.of());
        Optional<String> dimension = request.string("ScalableDimension").map(AasRequests::checkDimension);
        return views(namespace).stream()
                .filter(view -> resourceIds.isEmpty() || resourceIds.contains(view.resourceId))
                .filter(view -> dimension.map(view.scalableDimension::equals).orElse(true))
                .map(ScalableTargetView::toState).toList();
    }

    /** A list member of at most 50 names. */
    private static List<String> names(EcsRequest request, String member) {
        List<String> names = request.strings(member);
        if (names.size() > 50) {
            throw AasErrors.validation(member + " can have at most 50 items.");
        }
        return names;
    }

    public ObjectNode putPolicy(EcsRequest request) {
        Caller caller = context.caller();
        String name = AasRequests.name(request, "PolicyName");
        TargetKey key = keyOf(request);
        String type = request.string("PolicyType").orElse(STEP);
        ObjectNode configuration;
        List<ScalingAlarm> alarms = List.of();
        String uuid = UUID.randomUUID().toString();
        if (TARGET_TRACKING.equals(type)) {
            JsonNode given = request.body().get("TargetTrackingScalingPolicyConfiguration");
            if (given == null || given.isNull()) {
                throw AasErrors.validation("TargetTrackingScalingPolicyConfiguration is required for a policy of"
                        + " type TargetTrackingScaling.");
            }
            TargetTrackingPolicy policy = TargetTrackingPolicy.parse(given);
            configuration = policy.toJson();
            String prefix = "TargetTracking-" + key.resourceId() + "-Alarm";
            alarms = new ArrayList<>();
            alarms.add(alarm(caller, prefix + "High-" + uuid));
            if (!policy.disableScaleIn()) {
                alarms.add(alarm(caller, prefix + "Low-" + UUID.randomUUID()));
            }
        } else if (STEP.equals(type)) {
            JsonNode given = request.body().get("StepScalingPolicyConfiguration");
            if (given == null || given.isNull()) {
                throw AasErrors.validation("StepScalingPolicyConfiguration is required for a policy of type"
                        + " StepScaling.");
            }
            configuration = StepScalingPolicy.parse(given).toJson();
        } else if ("PredictiveScaling".equals(type)) {
            throw AasErrors.validation("Berth does not implement PredictiveScaling policies yet; use"
                    + " TargetTrackingScaling or StepScaling.");
        } else {
            throw AasErrors.validation("1 validation error detected: Value '" + AasRequests.clip(type)
                    + "' at 'policyType' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [PredictiveScaling, StepScaling, TargetTrackingScaling]");
        }
        requireRegistered(key);
        String policyArn = "arn:aws:autoscaling:" + caller.region() + ":" + caller.account() + ":scalingPolicy:"
                + uuid + ":resource/" + key.namespace() + "/" + key.resourceId() + ":policyName/" + name;
        handle(key, new PutPolicy(policyArn, name, type, configuration, alarms, Instant.now()));
        Policy stored = state(key).policies.get(name);
        ObjectNode response = object().put("PolicyARN", stored.policyArn());
        if (TARGET_TRACKING.equals(type)) {
            response.set("Alarms", AasResponses.alarms(stored.alarms()));
        }
        return response;
    }

    public ObjectNode deletePolicy(EcsRequest request) {
        String name = AasRequests.required(request, "PolicyName");
        TargetKey key = keyOf(request);
        if (!state(key).policies.containsKey(name)) {
            throw AasErrors.objectNotFound("No scaling policy found for service namespace: " + key.namespace()
                    + ", resource ID: " + key.resourceId() + ", scalable dimension: " + key.dimension()
                    + ", policy name: " + name);
        }
        handle(key, new DeletePolicy(name));
        return object();
    }

    public ObjectNode describePolicies(EcsRequest request) {
        List<String> names = names(request, "PolicyNames");
        List<ObjectNode> items = new ArrayList<>();
        for (ScalableTargetState state : selected(request, "ResourceId")) {
            state.policies.values().stream().filter(p -> names.isEmpty() || names.contains(p.policyName()))
                    .forEach(p -> items.add(AasResponses.policy(state, p)));
        }
        return Pages.page(items, request, 10, 10, Paging.AAS).writeTo(object(), "ScalingPolicies");
    }

    public ObjectNode putScheduledAction(EcsRequest request) {
        Caller caller = context.caller();
        String name = AasRequests.name(request, "ScheduledActionName");
        TargetKey key = keyOf(request);
        ScalableTargetState state = requireRegistered(key);
        ScheduledAction existing = state.scheduledActions.get(name);
        String schedule = request.string("Schedule").orElse(existing == null ? null : existing.schedule());
        if (schedule == null || schedule.isBlank()) {
            throw AasErrors.validation("Schedule is required for a new scheduled action.");
        }
        String timezone = request.string("Timezone").orElse(existing == null ? null : existing.timezone());
        Instant start = request.timestamp("StartTime").orElse(null);
        Instant end = request.timestamp("EndTime").orElse(null);
        if (start != null && end != null && !start.isBefore(end)) {
            throw AasErrors.validation("StartTime must be before EndTime.");
        }
        Schedule.parse(schedule, timezone, start, end);
        Optional<EcsRequest> action = request.object("ScalableTargetAction");
        Integer min = action.flatMap(a -> a.integer("MinCapacity")).orElse(null);
        Integer max = action.flatMap(a -> a.integer("MaxCapacity")).orElse(null);
        if (action.isPresent() || existing == null) {
            if (min == null && max == null) {
                throw AasErrors.validation("ScalableTargetAction must set MinCapacity, MaxCapacity or both.");
            }
        } else {
            min = existing.minCapacity();
            max = existing.maxCapacity();
        }
        int lowest = min != null ? min : 0;
        ScalingDecision.checkCapacityRange(lowest, max != null ? max : Math.max(0, lowest));
        String arn = "arn:aws:autoscaling:" + caller.region() + ":" + caller.account() + ":scheduledAction:"
                + UUID.randomUUID() + ":resource/" + key.namespace() + "/" + key.resourceId()
                + ":scheduledActionName/" + name;
        handle(key, new PutScheduledAction(arn, name, schedule, timezone, start, end, min, max, Instant.now()));
        return object();
    }

    public ObjectNode deleteScheduledAction(EcsRequest request) {
        String name = AasRequests.required(request, "ScheduledActionName");
        TargetKey key = keyOf(request);
        if (!state(key).scheduledActions.containsKey(name)) {
            throw AasErrors.objectNotFound("No scheduled action found for service namespace: " + key.namespace()
                    + ", scheduled action name: " + name);
        }
        handle(key, new DeleteScheduledAction(name));
        return object();
    }

    public ObjectNode describeScheduledActions(EcsRequest request) {
        List<String> names = names(request, "ScheduledActionNames");
        List<ObjectNode> items = new ArrayList<>();
        for (ScalableTargetState state : selected(request, "ResourceId")) {
            state.scheduledActions.values().stream().filter(a -> names.isEmpty() || names.contains(a.name()))
                    .forEach(a -> items.add(AasResponses.scheduledAction(state, a)));
        }
        return Pages.page(items, request, 50, 50, Paging.AAS).writeTo(object(), "ScheduledActions");
    }

    public ObjectNode describeActivities(EcsRequest request) {
        Caller caller = context.caller();
        String namespace = AasRequests.namespace(request);
        Optional<String> resourceId = request.string("ResourceId").map(AasRequests::checkResourceId);
        Optional<String> dimension = request.string("ScalableDimension").map(AasRequests::checkDimension);
        boolean notScaled = request.bool("IncludeNotScaledActivities").orElse(false);
        Instant since = Instant.now().minus(java.time.Duration.ofDays(42));
        List<ScalingActivityView> found = QuarkusTransaction.requiringNew().call(() -> ScalingActivityView
                .<ScalingActivityView>list("account = ?1 and region = ?2 and serviceNamespace = ?3 and startTime > ?4"
                        + " order by startTime desc, activityId", caller.account(), caller.region(), namespace, since));
        List<ObjectNode> items = new ArrayList<>();
        for (ScalingActivityView activity : found) {
            if (resourceId.map(activity.resourceId::equals).orElse(true)
                    && dimension.map(activity.scalableDimension::equals).orElse(true)
                    && (notScaled || activity.notScaledReasons == null)) {
                items.add(AasResponses.activity(activity, notScaled));
            }
        }
        return Pages.page(items, request, 50, 50, Paging.AAS).writeTo(object(), "ScalingActivities");
    }

    public ObjectNode tag(EcsRequest request) {
        StreamId stream = streamOfArn(AasRequests.required(request, "ResourceARN"));
        if (!request.has("Tags")) {
            throw AasErrors.validation("Tags is required.");
        }
        targets.handle(stream, new TagTarget(AasRequests.tags(request, "Tags")), eventContext());
        return object();
    }

    public ObjectNode untag(EcsRequest request) {
        StreamId stream = streamOfArn(AasRequests.required(request, "ResourceARN"));
        if (!request.has("TagKeys")) {
            throw AasErrors.validation("TagKeys is required.");
        }
        targets.handle(stream, new UntagTarget(request.strings("TagKeys")), eventContext());
        return object();
    }

    public ObjectNode listTags(EcsRequest request) {
        String arn = AasRequests.required(request, "ResourceARN");
        ScalableTargetState state = targets.load(streamOfArn(arn));
        ObjectNode tags = object();
        state.tags.forEach(t -> tags.put(t.key(), t.value()));
        ObjectNode response = object();
        response.set("Tags", tags);
        return response;
    }

    private StreamId streamOfArn(String arn) {
        Caller caller = context.caller();
        String prefix = "arn:aws:application-autoscaling:" + caller.region() + ":" + caller.account()
                + ":scalable-target/";
        Optional<ScalableTargetView> view = arn.startsWith(prefix)
                ? QuarkusTransaction.requiringNew().call(() -> ScalableTargetView.byArn(arn)) : Optional.empty();
        return view.map(v -> new StreamId(io.berth.scaling.target.ScalableTargetProjection.STREAM_TYPE, v.streamKey))
                .orElseThrow(() -> new io.berth.ecs.EcsException(AasErrors.RESOURCE_NOT_FOUND, "No scalable target"
                        + " found for ARN " + AasRequests.clip(arn) + "."));
    }

    private List<ScalableTargetView> views(String namespace) {
        Caller caller = context.caller();
        return QuarkusTransaction.requiringNew().call(() -> ScalableTargetView.of(caller, namespace));
    }

    private ScalableTargetState requireRegistered(TargetKey key) {
        ScalableTargetState state = state(key);
        if (!state.registered()) {
            throw AasErrors.noScalableTarget(key.namespace(), key.resourceId(), key.dimension());
        }
        return state;
    }

    private ScalableTargetState state(TargetKey key) {
        return targets.load(key.stream());
    }

    private void handle(TargetKey key, TargetCommand command) {
        targets.handle(key.stream(), command, eventContext());
    }

    private EventContext eventContext() {
        return EventContext.of(context.caller().account(), context.caller().region(), context.requestId());
    }

    private static ScalingAlarm alarm(Caller caller, String name) {
        return new ScalingAlarm(name, "arn:aws:cloudwatch:" + caller.region() + ":" + caller.account() + ":alarm:"
                + name);
    }

    static ObjectNode object() {
        return EventJson.mapper().createObjectNode();
    }

    static ArrayNode array() {
        return EventJson.mapper().createArrayNode();
    }

    static List<io.berth.events.ScalingEvent.NotScaledReason> reasons(String json) {
        return JsonColumns.read(json, new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }
}
