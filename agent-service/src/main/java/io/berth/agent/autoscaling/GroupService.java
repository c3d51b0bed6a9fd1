package io.berth.agent.autoscaling;

import io.berth.agent.autoscaling.GroupCommand.LaunchTemplateRef;
import io.berth.agent.autoscaling.GroupState.GroupInstance;
import io.berth.agent.launchtemplate.LaunchTemplateView;
import io.berth.agent.runtime.InstanceTypes;
import io.berth.ecs.Caller;
import io.berth.ecs.Pages;
import io.berth.ecs.query.QueryException;
import io.berth.ecs.query.QueryRequest;
import io.berth.ecs.query.Xml;
import io.berth.events.AutoScalingEvent;
import io.berth.events.AutoScalingEvent.GroupInstanceTerminating;
import io.berth.events.AutoScalingEvent.GroupSettings;
import io.berth.events.AutoScalingEvent.GroupTag;
import io.berth.events.AutoScalingEvent.LaunchTemplateCreated;
import io.berth.events.EventEnvelope;
import io.berth.eventstore.AggregateCommands;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The EC2 Auto Scaling operations (reference: autoscaling-groups.md §2), answered in Auto Scaling's XML,
 * and the commands the converger and the capacity providers' managed scaling give a group.
 */
@ApplicationScoped
public class GroupService {

    private static final List<String> VERSIONS = List.of("$Latest", "$Default", "1");

    private final AggregateCommands commands;
    private final AutoScalingProjection projection;

    public GroupService(AggregateCommands commands, AutoScalingProjection projection) {
        this.commands = commands;
        this.projection = projection;
    }

    public Consumer<Xml> create(QueryRequest request, Caller caller, UUID requestId) {
        String name = groupName(request);
        for (String unsupported : List.of("LaunchConfigurationName", "MixedInstancesPolicy", "InstanceId")) {
            if (request.has(unsupported) || request.structure(unsupported).isPresent()) {
                throw QueryException.validation("Berth launches Auto Scaling groups from launch templates only; "
                        + unsupported + " is not supported. Give LaunchTemplate.");
            }
        }
        LaunchTemplateRef template = launchTemplate(request, caller).orElseThrow(() -> QueryException.validation(
                "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or"
                        + " MixedInstancesPolicy parameter."));
        int min = request.requiredInteger("MinSize");
        int max = request.requiredInteger("MaxSize");
        String subnets = request.string("VPCZoneIdentifier").filter(s -> !s.isBlank()).orElse(null);
        List<String> zones = zones(request.strings("AvailabilityZones"), subnets, caller);
        GroupSettings settings = new GroupSettings(template.id(), template.name(), template.version(), min, max,
                request.integer("DesiredCapacity").orElse(min), zones, subnets,
                request.bool("NewInstancesProtectedFromScaleIn").orElse(false),
                request.integer("DefaultCooldown").orElse(300), request.string("HealthCheckType").orElse("EC2"),
                request.integer("HealthCheckGracePeriod").orElse(0));
        List<GroupTag> tags = new ArrayList<>();
        for (QueryRequest tag : request.structures("Tags")) {
            tags.add(new GroupTag(tag.required("Key"), tag.string("Value").orElse(""),
                    tag.bool("PropagateAtLaunch").orElse(false)));
        }
        String arn = "arn:aws:autoscaling:" + caller.region() + ":" + caller.account() + ":autoScalingGroup:"
                + UUID.randomUUID() + ":autoScalingGroupName/" + name;
        handle(caller, requestId, name, new GroupCommand.CreateGroup(arn, name, settings, tags, Instant.now()));
        return null;
    }

    public Consumer<Xml> update(QueryRequest request, Caller caller, UUID requestId) {
        String name = groupName(request);
        GroupState group = requireGroup(caller, name);
        Optional<String> subnets = request.string("VPCZoneIdentifier").filter(s -> !s.isBlank());
        List<String> zonesAsked = request.strings("AvailabilityZones");
        Optional<List<String>> zones = subnets.isPresent() || !zonesAsked.isEmpty()
                ? Optional.of(zones(zonesAsked, subnets.orElse(null), caller)) : Optional.empty();
        handle(caller, requestId, group.name(), new GroupCommand.UpdateGroup(request.integer("MinSize"),
                request.integer("MaxSize"), request.integer("DesiredCapacity"), launchTemplate(request, caller),
                zones, subnets, request.bool("NewInstancesProtectedFromScaleIn"), Instant.now()));
        return null;
    }

    public Consumer<Xml> setDesiredCapacity(QueryRequest request, Caller caller, UUID requestId) {
        GroupState group = requireGroup(caller, groupName(request));
        handle(caller, requestId, group.name(), new GroupCommand.SetDesiredCapacity(
                request.requiredInteger("DesiredCapacity"), Instant.now()));
        return null;
    }

    public Consumer<Xml> terminateInstance(QueryRequest request, Caller caller, UUID requestId) {
        String instanceId = request.required("InstanceId");
        boolean decrement = request.bool("ShouldDecrementDesiredCapacity").orElseThrow(() -> QueryException
                .validation("1 validation error detected: Value null at 'shouldDecrementDesiredCapacity' failed to"
                        + " satisfy constraint: Member must not be null"));
        GroupView view = groups(caller).stream().filter(v -> v.toState().instance(instanceId).isPresent())
                .findFirst().orElseThrow(() -> QueryException.validation("Instance Id not found - No managed"
                        + " instance found for instance ID: " + instanceId));
        GroupState group = view.toState();
        String activityId = UUID.randomUUID().toString();
        List<EventEnvelope> events = handle(caller, requestId, group.name(), new GroupCommand.TerminateInstance(
                instanceId, decrement, managedDraining(group, caller), activityId, Instant.now()));
        GroupInstanceTerminating terminating = events.stream().map(EventEnvelope::payload)
                .filter(GroupInstanceTerminating.class::isInstance).map(GroupInstanceTerminating.class::cast)
                .findFirst().orElseThrow();
        return result -> result.child("Activity").add("ActivityId", activityId)
                .add("AutoScalingGroupName", group.name()).add("AutoScalingGroupARN", group.arn())
                .add("Description", "Terminating EC2 instance: " + instanceId).add("Cause", terminating.cause())
                .add("StartTime", terminating.at()).add("StatusCode", "InProgress").add("Progress", 0)
                .add("Details", "{}");
    }

    public Consumer<Xml> setInstanceProtection(QueryRequest request, Caller caller, UUID requestId) {
        GroupState group = requireGroup(caller, groupName(request));
        List<String> ids = request.strings("InstanceIds");
        if (ids.isEmpty() || ids.size() > 50) {
            throw QueryException.validation("InstanceIds must name between 1 and 50 instances.");
        }
        boolean protect = request.bool("ProtectedFromScaleIn").orElseThrow(() -> QueryException.validation(
                "1 validation error detected: Value null at 'protectedFromScaleIn' failed to satisfy constraint:"
                        + " Member must not be null"));
        handle(caller, requestId, group.name(), new GroupCommand.SetProtection(ids, protect));
        // Its output shape is empty, but it has one: the SDKs look for the (empty) result element.
        return result -> { };
    }

    public Consumer<Xml> delete(QueryRequest request, Caller caller, UUID requestId) {
        GroupState group = requireGroup(caller, groupName(request));
        handle(caller, requestId, group.name(), new GroupCommand.DeleteGroup(request.bool("ForceDelete")
                .orElse(false), Instant.now()));
        return null;
    }

    public Consumer<Xml> describeGroups(QueryRequest request, Caller caller) {
        List<String> names = request.strings("AutoScalingGroupNames");
        List<QueryRequest> filters = request.structures("Filters");
        boolean withInstances = request.bool("IncludeInstances").orElse(true);
        List<GroupState> matching = groups(caller).stream().map(GroupView::toState)
                .filter(g -> names.isEmpty() || names.contains(g.name()))
                .filter(g -> filters.stream().allMatch(f -> matches(g, f)))
                .sorted(Comparator.comparing(GroupState::name)).toList();
        Pages.Page<GroupState> page = Pages.page(matching, request.integer("MaxRecords"), request.string("NextToken"),
                100, 50, Pages.Paging.AUTO_SCALING);
        return result -> {
            Xml list = result.child("AutoScalingGroups");
            page.items().forEach(group -> writeGroup(list.child("member"), group, withInstances));
            result.add("NextToken", page.nextToken());
        };
    }

    public Consumer<Xml> describeInstances(QueryRequest request, Caller caller) {
        List<String> ids = request.strings("InstanceIds");
        List<Member> instances = new ArrayList<>();
        for (GroupView view : groups(caller)) {
            GroupState group = view.toState();
            group.instances().stream().filter(i -> ids.isEmpty() || ids.contains(i.instanceId()))
                    .forEach(i -> instances.add(new Member(group, i)));
        }
        instances.sort(Comparator.comparing(member -> member.instance().instanceId()));
        Pages.Page<Member> page = Pages.page(instances, request.integer("MaxRecords"), request.string("NextToken"),
                50, 50, Pages.Paging.AUTO_SCALING);
        return result -> {
            Xml list = result.child("AutoScalingInstances");
            for (Member pair : page.items()) {
                GroupInstance instance = pair.instance();
                Xml member = list.child("member").add("InstanceId", instance.instanceId())
                        .add("InstanceType", instance.instanceType())
                        .add("AutoScalingGroupName", pair.group().name())
                        .add("AvailabilityZone", instance.availabilityZone())
                        .add("LifecycleState", instance.lifecycleState()).add("HealthStatus", "HEALTHY");
                writeTemplate(member, pair.group().settings());
                member.add("ProtectedFromScaleIn", instance.protectedFromScaleIn());
            }
            result.add("NextToken", page.nextToken());
        };
    }

    /** An instance with its group. */
    private record Member(GroupState group, GroupInstance instance) {
    }

    public Consumer<Xml> describeActivities(QueryRequest request, Caller caller) {
        Optional<String> name = request.string("AutoScalingGroupName");
        List<String> ids = request.strings("ActivityIds");
        List<ActivityView> activities = QuarkusTransaction.requiringNew().call(() -> ActivityView
                .<ActivityView>list("account = ?1 and region = ?2 order by startTime desc, activityId",
                        caller.account(), caller.region()))
                .stream().filter(a -> name.isEmpty() || name.get().equals(a.groupName))
                .filter(a -> ids.isEmpty() || ids.contains(a.activityId)).toList();
        Pages.Page<ActivityView> page = Pages.page(activities, request.integer("MaxRecords"),
                request.string("NextToken"), 100, 100, Pages.Paging.AUTO_SCALING);
        return result -> {
            Xml list = result.child("Activities");
            for (ActivityView activity : page.items()) {
                list.child("member").add("ActivityId", activity.activityId)
                        .add("AutoScalingGroupName", activity.groupName)
                        .add("AutoScalingGroupARN", activity.groupArn)
                        .add("Description", activity.description).add("Cause", activity.cause)
                        .add("StartTime", activity.startTime).add("EndTime", activity.endTime)
                        .add("StatusCode", activity.statusCode).add("Progress", activity.progress)
                        .add("Details", "{}");
            }
            result.add("NextToken", page.nextToken());
        };
    }

    /** A capacity provider's managed scaling asks the group it names, by ARN or name, for a capacity. */
    public void adjust(String account, String region, UUID correlationId, String groupArnOrName,
            int desiredCapacity, List<String> scaleInCandidates, String capacityProvider, String reason, Instant at) {
        Optional<GroupView> view = QuarkusTransaction.requiringNew().call(() -> GroupView.<GroupView>find(
                "account = ?1 and region = ?2 and (arn = ?3 or name = ?3)", account, region, groupArnOrName)
                .firstResultOptional());
        view.ifPresent(v -> handle(Caller.of(account, region), correlationId, v.name, new GroupCommand
                .AdjustCapacity(desiredCapacity, scaleInCandidates, capacityProvider, reason, at)));
    }

    /** A command of the converger, outside any request. */
    List<EventEnvelope> handle(GroupView view, GroupCommand command) {
        return handle(Caller.of(view.account, view.region), UUID.randomUUID(), view.name, command);
    }

    /** Whether the capacity provider of the group drains its instances before they terminate. */
    static boolean managedDraining(GroupState group, Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> CapacityProviderGroup.of(group, caller.account(),
                caller.region())).map(p -> p.managedDraining).orElse(false);
    }

    private List<EventEnvelope> handle(Caller caller, UUID requestId, String name, GroupCommand command) {
        return commands.handle(AutoScalingProjection.GROUPS, AutoScalingEvent.class, stream(caller, name), command,
                EventContext.of(caller.account(), caller.region(), requestId), projection);
    }

    /** The event stream of the caller's group {@code name}: group names are unique per account and Region. */
    static StreamId stream(Caller caller, String name) {
        return new StreamId(AutoScalingProjection.GROUP_STREAM, caller.account() + ":" + caller.region() + ":" + name);
    }

    private static List<GroupView> groups(Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> GroupView.<GroupView>list("account = ?1 and region = ?2",
                caller.account(), caller.region()));
    }

    private static GroupState requireGroup(Caller caller, String name) {
        return QuarkusTransaction.requiringNew().call(() -> GroupView.<GroupView>find(
                "account = ?1 and region = ?2 and name = ?3", caller.account(), caller.region(), name)
                .firstResultOptional()).map(GroupView::toState).orElseThrow(() -> QueryException.validation(
                        "AutoScalingGroup name not found - AutoScalingGroup '" + name + "' not found"));
    }

    private static String groupName(QueryRequest request) {
        String name = request.required("AutoScalingGroupName");
        if (name.length() > 255 || name.contains(":") || !name.chars().allMatch(c -> c >= 33 && c <= 126)) {
            throw QueryException.validation("AutoScalingGroupName " + name + " must be 1 to 255 printable ASCII"
                    + " characters without spaces and without ':'.");
        }
        return name;
    }

    /**
     * The launch template a request names ({@code LaunchTemplate.LaunchTemplateId} or
     * {@code .LaunchTemplateName}, {@code .Version}); it must exist and launch an instance type Berth knows.
     */
    private static Optional<LaunchTemplateRef> launchTemplate(QueryRequest request, Caller caller) {
        Optional<QueryRequest> asked = request.structure("LaunchTemplate");
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        QueryRequest reference = asked.get();
        Optional<String> id = reference.string("LaunchTemplateId");
        Optional<String> name = reference.string("LaunchTemplateName");
        if (id.isPresent() == name.isPresent()) {
            throw QueryException.validation("Valid requests must contain either launchTemplateId or"
                    + " launchTemplateName in LaunchTemplate.");
        }
        LaunchTemplateCreated template = QuarkusTransaction.requiringNew().call(() -> id.isPresent()
                ? LaunchTemplateView.byId(caller.account(), caller.region(), id.get())
                : LaunchTemplateView.byName(caller.account(), caller.region(), name.get()))
                .orElseThrow(() -> QueryException.validation("The specified launch template, with template "
                        + (id.isPresent() ? "ID " + id.get() : "name " + name.get()) + ", does not exist."));
        String version = reference.string("Version").orElse("$Default");
        if (!VERSIONS.contains(version)) {
            throw QueryException.validation("The specified launch template version " + version + " does not exist;"
                    + " Berth keeps version 1 ($Default, $Latest) of each template.");
        }
        if (template.instanceType() == null) {
            throw QueryException.validation("The launch template " + template.launchTemplateId() + " has no"
                    + " InstanceType; give LaunchTemplateData.InstanceType.");
        }
        if (InstanceTypes.lookup(template.instanceType()).isEmpty()) {
            throw QueryException.validation("The launch template " + template.launchTemplateId()
                    + " launches instance type " + template.instanceType() + ", which Berth does not know.");
        }
        return Optional.of(new LaunchTemplateRef(template.launchTemplateId(), template.launchTemplateName(),
                version));
    }

    /**
     * The zones a group spreads over: those asked, or one per subnet of {@code VPCZoneIdentifier}
     * (Berth has no VPCs: the N-th subnet stands for the region's N-th zone).
     */
    private static List<String> zones(List<String> asked, String subnets, Caller caller) {
        if (subnets != null) {
            List<String> zones = new ArrayList<>();
            String[] names = subnets.split(",");
            for (int i = 0; i < names.length; i++) {
                zones.add(caller.region() + (char) ('a' + i % 26));
            }
            return zones.stream().distinct().toList();
        }
        if (asked.isEmpty()) {
            throw QueryException.validation("At least one Availability Zone or VPC Subnet is required.");
        }
        return asked;
    }

    private static boolean matches(GroupState group, QueryRequest filter) {
        String name = filter.required("Name");
        List<String> values = filter.strings("Values");
        if (name.startsWith("tag:")) {
            String key = name.substring(4);
            return group.tags().stream().anyMatch(t -> t.key().equals(key) && values.contains(t.value()));
        }
        if ("tag-key".equals(name)) {
            return group.tags().stream().anyMatch(t -> values.contains(t.key()));
        }
        if ("tag-value".equals(name)) {
            return group.tags().stream().anyMatch(t -> values.contains(t.value()));
        }
        throw QueryException.validation("Filter name " + name + " is not valid; use tag:<key>, tag-key or"
                + " tag-value.");
    }

    private static void writeGroup(Xml member, GroupState group, boolean withInstances) {
        GroupSettings s = group.settings();
        member.add("AutoScalingGroupName", group.name()).add("AutoScalingGroupARN", group.arn());
        writeTemplate(member, s);
        member.add("MinSize", s.minSize()).add("MaxSize", s.maxSize()).add("DesiredCapacity", s.desiredCapacity())
                .add("DefaultCooldown", s.defaultCooldown())
                .list("AvailabilityZones", "member", s.availabilityZones())
                .list("LoadBalancerNames", "member", List.of()).list("TargetGroupARNs", "member", List.of())
                .add("HealthCheckType", s.healthCheckType()).add("HealthCheckGracePeriod", s.healthCheckGracePeriod());
        Xml instances = member.child("Instances");
        if (withInstances) {
            for (GroupInstance instance : group.instances()) {
                Xml item = instances.child("member").add("InstanceId", instance.instanceId())
                        .add("InstanceType", instance.instanceType())
                        .add("AvailabilityZone", instance.availabilityZone())
                        .add("LifecycleState", instance.lifecycleState()).add("HealthStatus", "Healthy");
                writeTemplate(item, s);
                item.add("ProtectedFromScaleIn", instance.protectedFromScaleIn());
            }
        }
        member.add("CreatedTime", group.createdTime()).child("SuspendedProcesses");
        member.add("VPCZoneIdentifier", s.vpcZoneIdentifier()).child("EnabledMetrics");
        if (group.deleting()) {
            member.add("Status", "Delete in progress");
        }
        Xml tags = member.child("Tags");
        group.tags().forEach(tag -> tags.child("member").add("ResourceId", group.name())
                .add("ResourceType", "auto-scaling-group").add("Key", tag.key()).add("Value", tag.value())
                .add("PropagateAtLaunch", tag.propagateAtLaunch()));
        member.list("TerminationPolicies", "member", List.of("Default"))
                .add("NewInstancesProtectedFromScaleIn", s.newInstancesProtectedFromScaleIn())
                .add("CapacityRebalance", false);
    }

    private static void writeTemplate(Xml parent, GroupSettings s) {
        parent.child("LaunchTemplate").add("LaunchTemplateId", s.launchTemplateId())
                .add("LaunchTemplateName", s.launchTemplateName()).add("Version", s.launchTemplateVersion());
    }
}
