package io.berth.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.gateway.routing.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's reads, each turned at once into the records the pages show: the answers of the
 * ECS, Application Auto Scaling and Logs operations and of the {@code /v1} resources, as the
 * caller's account sees them.
 */
@ApplicationScoped
public class ConsoleData {

    /** DescribeTasks and DescribeContainerInstances take at most 100 at a time. */
    private static final int DESCRIBE_BATCH = 100;
    /** The most measurements the scaling-service answers at once: the charts show that many. */
    private static final int MEASUREMENTS = 500;
    /** What precedes the name in an Auto Scaling group's ARN. */
    private static final String GROUP_NAME = "autoScalingGroupName/";

    private final ConsoleReads reads;

    public ConsoleData(ConsoleReads reads) {
        this.reads = reads;
    }

    public record ClusterRow(String name, String status, int instances, int running, int pending, int services) {
    }

    public record ServiceRow(String name, String status, int desired, int running, int pending, String color,
            String rolloutState) {
    }

    public record Container(String name, String lastStatus, String exitCode, String health, String reason,
            String logGroup, String logStream) {

        public boolean hasLogs() {
            return logGroup != null;
        }

        /** The query of this container's log page. */
        public String logsQuery() {
            return hasLogs() ? "group=" + ConsoleResource.encode(logGroup) + "&stream="
                    + ConsoleResource.encode(logStream)
                    : "";
        }
    }

    public record TaskDetail(String arn, String id, String lastStatus, String desiredStatus, String health,
            String group, String containerInstanceArn, String taskDefinitionArn, String stoppedReason,
            List<Container> containers) {
    }

    public record Deployment(String id, String status, String taskDefinition, int desired, int running, int pending,
            int failedTasks, String rolloutState, String rolloutStateReason) {
    }

    public record ServiceMessage(String at, String message) {
    }

    public record ServiceDetail(String name, String status, int desired, int running, int pending,
            int minimumHealthyPercent, int maximumPercent, boolean circuitBreaker, boolean rollback,
            List<Deployment> deployments, List<ServiceMessage> events) {
    }

    /** A service as of a moment; {@code service} is null when it did not exist yet. */
    public record ServiceAsOf(String name, ServiceDetail service) {

        public boolean existed() {
            return service != null;
        }
    }

    public record Policy(String name, String type, String metric, Double targetValue) {
    }

    public record Activity(String at, String status, String description, String cause) {
    }

    public record Scaling(boolean registered, int minCapacity, int maxCapacity, List<Policy> policies,
            List<Activity> activities, List<TimeChart.Mark> marks) {
    }

    public record LogLine(String at, String message) {
    }

    public record LogPage(List<LogLine> lines, String nextToken) {
    }

    public List<ClusterRow> clusters(Caller caller) {
        List<String> arns = strings(reads.ecs("ListClusters", ConsoleReads.body(), caller).path("clusterArns"));
        if (arns.isEmpty()) {
            return List.of();
        }
        ObjectNode request = ConsoleReads.body();
        arns.forEach(request.putArray("clusters")::add);
        List<ClusterRow> rows = new ArrayList<>();
        for (JsonNode c : reads.ecs("DescribeClusters", request, caller).path("clusters")) {
            rows.add(new ClusterRow(c.path("clusterName").asText(), c.path("status").asText(),
                    c.path("registeredContainerInstancesCount").asInt(), c.path("runningTasksCount").asInt(),
                    c.path("pendingTasksCount").asInt(), c.path("activeServicesCount").asInt()));
        }
        return rows;
    }

    /** The cluster as DescribeClusters shows it; a cluster the account does not have is a 404. */
    public ClusterRow cluster(String cluster, Caller caller) {
        JsonNode c = describeCluster(cluster, caller);
        return new ClusterRow(c.path("clusterName").asText(), c.path("status").asText(),
                c.path("registeredContainerInstancesCount").asInt(), c.path("runningTasksCount").asInt(),
                c.path("pendingTasksCount").asInt(), c.path("activeServicesCount").asInt());
    }

    private JsonNode describeCluster(String cluster, Caller caller) {
        ObjectNode request = ConsoleReads.body();
        request.putArray("clusters").add(cluster);
        JsonNode c = reads.ecs("DescribeClusters", request, caller).path("clusters").path(0);
        if (c.isMissingNode()) {
            throw new ConsoleException(404, "There is no cluster " + cluster + " in account " + caller.account() + ".");
        }
        return c;
    }

    public List<InstanceMap.Instance> instances(String cluster, Caller caller) {
        ObjectNode list = ConsoleReads.body().put("cluster", cluster);
        List<String> arns = listAll("ListContainerInstances", list, "containerInstanceArns", caller);
        List<InstanceMap.Instance> instances = new ArrayList<>();
        for (List<String> batch : batches(arns)) {
            ObjectNode request = ConsoleReads.body().put("cluster", cluster);
            batch.forEach(request.putArray("containerInstances")::add);
            reads.ecs("DescribeContainerInstances", request, caller).path("containerInstances")
                    .forEach(i -> instances.add(instance(i)));
        }
        return inMapOrder(instances);
    }

    /** The cluster's container instances as they were at {@code asOf}, as the agent-service folds them. */
    public List<InstanceMap.Instance> instancesAsOf(String cluster, Instant asOf, Caller caller) {
        List<InstanceMap.Instance> instances = new ArrayList<>();
        reads.rest(Owner.AGENT_SERVICE, "clusters/" + path(cluster) + "/container-instances?asOf=" + asOf, caller)
                .path("containerInstances").forEach(i -> instances.add(instance(i)));
        return inMapOrder(instances);
    }

    /** The cluster's tasks not stopped at {@code asOf}, as the scheduler folds them from their events. */
    public List<InstanceMap.Task> tasksAsOf(String cluster, Instant asOf, Caller caller) {
        List<InstanceMap.Task> tasks = new ArrayList<>();
        reads.rest(Owner.SCHEDULER_SERVICE, "clusters/" + path(cluster) + "/tasks?asOf=" + asOf, caller)
                .path("tasks").forEach(t -> tasks.add(task(t)));
        return tasks;
    }

    /** A container instance as DescribeContainerInstances shapes it, as the map draws it. */
    private static InstanceMap.Instance instance(JsonNode i) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (JsonNode a : i.path("attributes")) {
            attributes.put(a.path("name").asText(), a.path("value").asText(""));
        }
        List<String> shown = new ArrayList<>();
        attributes.forEach((k, v) -> {
            if (!k.startsWith("com.amazonaws.ecs.capability")) {
                shown.add(v.isEmpty() ? k : k + "=" + v);
            }
        });
        String arn = i.path("containerInstanceArn").asText();
        return new InstanceMap.Instance(arn, arn.substring(arn.lastIndexOf('/') + 1),
                resource(i.path("registeredResources"), "CPU"), resource(i.path("registeredResources"), "MEMORY"),
                i.path("status").asText(), attributes.getOrDefault("ecs.availability-zone", ""),
                attributes.getOrDefault("ecs.instance-type", ""), i.path("agentConnected").asBoolean(), shown);
    }

    private static List<InstanceMap.Instance> inMapOrder(List<InstanceMap.Instance> instances) {
        instances.sort(java.util.Comparator.comparing(InstanceMap.Instance::availabilityZone)
                .thenComparing(InstanceMap.Instance::arn));
        return instances;
    }

    /** The cluster's tasks that are not stopped, as the map places them. */
    public List<InstanceMap.Task> tasks(String cluster, Caller caller) {
        return describeTasks(cluster, listAll("ListTasks", ConsoleReads.body().put("cluster", cluster), "taskArns",
                caller), caller).stream().map(ConsoleData::task).toList();
    }

    /** A task as DescribeTasks shapes it, as the map places it. */
    private static InstanceMap.Task task(JsonNode t) {
        String arn = t.path("taskArn").asText();
        return new InstanceMap.Task(arn, arn.substring(arn.lastIndexOf('/') + 1),
                t.path("containerInstanceArn").asText(null), t.path("cpu").asInt(), t.path("memory").asInt(),
                t.path("group").asText(null), t.path("lastStatus").asText());
    }

    public List<ServiceRow> services(String cluster, Caller caller) {
        List<String> arns = listAll("ListServices", ConsoleReads.body().put("cluster", cluster), "serviceArns", caller);
        List<ServiceRow> rows = new ArrayList<>();
        for (List<String> batch : batches(arns, 10)) {
            ObjectNode request = ConsoleReads.body().put("cluster", cluster);
            batch.forEach(request.putArray("services")::add);
            for (JsonNode s : reads.ecs("DescribeServices", request, caller).path("services")) {
                String name = s.path("serviceName").asText();
                rows.add(new ServiceRow(name, s.path("status").asText(), s.path("desiredCount").asInt(),
                        s.path("runningCount").asInt(), s.path("pendingCount").asInt(),
                        Palette.colorOf("service:" + name), s.path("deployments").path(0).path("rolloutState")
                        .asText("")));
            }
        }
        rows.sort(java.util.Comparator.comparing(ServiceRow::name));
        return rows;
    }

    public TaskDetail task(String cluster, String task, Caller caller) {
        List<JsonNode> found = describeTasks(cluster, List.of(task), caller);
        if (found.isEmpty()) {
            throw new ConsoleException(404, "There is no task " + task + " in cluster " + cluster + ".");
        }
        JsonNode t = found.get(0);
        String arn = t.path("taskArn").asText();
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        Map<String, String[]> logs = awslogs(t.path("taskDefinitionArn").asText(), caller);
        List<Container> containers = new ArrayList<>();
        for (JsonNode c : t.path("containers")) {
            String name = c.path("name").asText();
            String[] log = logs.get(name);
            containers.add(new Container(name, c.path("lastStatus").asText(), c.has("exitCode")
                    ? c.path("exitCode").asText() : "", c.path("healthStatus").asText(""), c.path("reason").asText(""),
                    log == null ? null : log[0], log == null ? null : log[1] + "/" + name + "/" + id));
        }
        return new TaskDetail(arn, id, t.path("lastStatus").asText(), t.path("desiredStatus").asText(),
                t.path("healthStatus").asText(""), t.path("group").asText(""), t.path("containerInstanceArn")
                .asText(""), t.path("taskDefinitionArn").asText(), t.path("stoppedReason").asText(""), containers);
    }

    /** The containers of a task definition that ship their logs with awslogs: their group and stream prefix. */
    private Map<String, String[]> awslogs(String taskDefinitionArn, Caller caller) {
        JsonNode definition = reads.ecs("DescribeTaskDefinition", ConsoleReads.body().put("taskDefinition",
                taskDefinitionArn), caller).path("taskDefinition");
        Map<String, String[]> logs = new HashMap<>();
        for (JsonNode c : definition.path("containerDefinitions")) {
            JsonNode config = c.path("logConfiguration");
            JsonNode options = config.path("options");
            if ("awslogs".equals(config.path("logDriver").asText()) && options.has("awslogs-group")
                    && options.has("awslogs-stream-prefix")) {
                logs.put(c.path("name").asText(), new String[] {options.path("awslogs-group").asText(),
                        options.path("awslogs-stream-prefix").asText()});
            }
        }
        return logs;
    }

    /** The task's events, oldest first, from the scheduler's history: the lifecycle the timeline draws. */
    public List<TimeChart.Mark> taskLifecycle(String cluster, String task, Caller caller) {
        List<TimeChart.Mark> marks = new ArrayList<>();
        for (JsonNode e : reads.rest(Owner.SCHEDULER_SERVICE, "clusters/" + path(cluster) + "/tasks/" + path(task)
                + "/events", caller).path("events")) {
            String type = e.path("type").asText();
            JsonNode payload = e.path("payload");
            String label = switch (type) {
                case "TaskPlaced" -> "placed";
                case "TaskStateChanged" -> lifecycleStep(payload);
                case "TaskStopRequested" -> "stop requested";
                default -> type;
            };
            marks.add(new TimeChart.Mark(Instant.parse(e.path("occurredAt").asText()), label,
                    "TaskStopRequested".equals(type) ? Rollout.TRIP : Rollout.NEW));
        }
        return marks;
    }

    /** A reported state as the timeline names it: the status, and the health once it is known. */
    private static String lifecycleStep(JsonNode state) {
        String status = state.path("lastStatus").asText("changed").toLowerCase(java.util.Locale.ROOT);
        String health = state.path("healthStatus").asText("");
        return health.isEmpty() || "UNKNOWN".equals(health) ? status
                : status + " (" + health.toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /** Why the task went where it went, as the scheduler recorded it. */
    public JsonNode placement(String cluster, String task, Caller caller) {
        return reads.rest(Owner.SCHEDULER_SERVICE, "clusters/" + path(cluster) + "/tasks/" + path(task)
                + "/placement", caller);
    }

    public Optional<ServiceDetail> service(String cluster, String service, Caller caller) {
        ObjectNode request = ConsoleReads.body().put("cluster", cluster);
        request.putArray("services").add(service);
        JsonNode s = reads.ecs("DescribeServices", request, caller).path("services").path(0);
        return s.isMissingNode() ? Optional.empty() : Optional.of(serviceDetail(s));
    }

    /** The service as it was at {@code asOf}, folded from its events by the scheduler. */
    public ServiceDetail serviceAsOf(String cluster, String service, Instant asOf, Caller caller) {
        return serviceDetail(reads.rest(Owner.SCHEDULER_SERVICE, "clusters/" + path(cluster) + "/services/"
                + path(service) + "?asOf=" + asOf, caller));
    }

    private static ServiceDetail serviceDetail(JsonNode s) {
        List<Deployment> deployments = new ArrayList<>();
        for (JsonNode d : s.path("deployments")) {
            String taskDefinition = d.path("taskDefinition").asText();
            deployments.add(new Deployment(d.path("id").asText(), d.path("status").asText(),
                    taskDefinition.substring(taskDefinition.lastIndexOf('/') + 1), d.path("desiredCount").asInt(),
                    d.path("runningCount").asInt(), d.path("pendingCount").asInt(), d.path("failedTasks").asInt(),
                    d.path("rolloutState").asText(""), d.path("rolloutStateReason").asText("")));
        }
        List<ServiceMessage> events = new ArrayList<>();
        for (JsonNode e : s.path("events")) {
            events.add(new ServiceMessage(time(e.path("createdAt")), e.path("message").asText()));
        }
        JsonNode configuration = s.path("deploymentConfiguration");
        JsonNode breaker = configuration.path("deploymentCircuitBreaker");
        return new ServiceDetail(s.path("serviceName").asText(), s.path("status").asText(),
                s.path("desiredCount").asInt(), s.path("runningCount").asInt(), s.path("pendingCount").asInt(),
                configuration.path("minimumHealthyPercent").asInt(100), configuration.path("maximumPercent").asInt(200),
                breaker.path("enable").asBoolean(), breaker.path("rollback").asBoolean(), deployments, events);
    }

    /** When the cluster's first event happened: where its history starts. */
    public Instant clusterCreatedAt(String cluster, Caller caller) {
        JsonNode first = reads.rest(Owner.CLUSTER_SERVICE, "clusters/" + path(cluster) + "/events", caller)
                .path("events").path(0);
        return first.isMissingNode() ? Instant.now() : Instant.parse(first.path("occurredAt").asText());
    }

    /** The cluster's status at {@code asOf}, as the cluster-service folds it from its events. */
    public String clusterStatusAsOf(String cluster, Instant asOf, Caller caller) {
        try {
            return reads.rest(Owner.CLUSTER_SERVICE, "clusters/" + path(cluster) + "?asOf=" + asOf, caller)
                    .path("status").asText();
        } catch (ConsoleException e) {
            if (e.status() == 404) {
                return "not created yet";
            }
            throw e;
        }
    }

    /** Each of {@code services} as it was at {@code asOf}, or as not existing yet. */
    public List<ServiceAsOf> servicesAsOf(String cluster, List<String> services, Instant asOf, Caller caller) {
        List<ServiceAsOf> answer = new ArrayList<>();
        for (String service : services) {
            try {
                answer.add(new ServiceAsOf(service, serviceAsOf(cluster, service, asOf, caller)));
            } catch (ConsoleException e) {
                if (e.status() != 404) {
                    throw e;
                }
                answer.add(new ServiceAsOf(service, null));
            }
        }
        return answer;
    }

    /** The service's history as the rollout charts read it, oldest first. */
    public List<Rollout.Moment> serviceHistory(String cluster, String service, Caller caller) {
        List<Rollout.Moment> moments = new ArrayList<>();
        for (JsonNode e : reads.rest(Owner.SCHEDULER_SERVICE, "clusters/" + path(cluster) + "/services/"
                + path(service) + "/events", caller).path("events")) {
            Instant at = Instant.parse(e.path("occurredAt").asText());
            JsonNode p = e.path("payload");
            switch (e.path("type").asText()) {
                case "DeploymentStarted" -> moments.add(new Rollout.Started(at, p.path("deploymentId").asText(),
                        p.path("desiredCount").asInt()));
                case "DeploymentRemoved" -> moments.add(new Rollout.Removed(at, p.path("deploymentId").asText()));
                case "DeploymentFailed" -> moments.add(new Rollout.Failed(at, p.path("deploymentId").asText(),
                        p.path("reason").asText(), p.path("rollbackDeploymentId").asText(null)));
                case "ServiceTasksCounted" -> {
                    Map<String, int[]> counts = new LinkedHashMap<>();
                    for (JsonNode d : p.path("deployments")) {
                        counts.put(d.path("deploymentId").asText(), new int[] {d.path("runningCount").asInt(),
                                d.path("desiredCount").asInt()});
                    }
                    moments.add(new Rollout.Counted(at, counts));
                }
                default -> {
                }
            }
        }
        return moments;
    }

    /** Application Auto Scaling's view of the service: its target, policies and activities. */
    public Scaling scaling(String cluster, String service, Caller caller) {
        String resourceId = "service/" + cluster + "/" + service;
        ObjectNode targets = ConsoleReads.body().put("ServiceNamespace", "ecs");
        targets.putArray("ResourceIds").add(resourceId);
        JsonNode target = reads.autoScaling("DescribeScalableTargets", targets, caller).path("ScalableTargets").path(0);
        if (target.isMissingNode()) {
            return new Scaling(false, 0, 0, List.of(), List.of(), List.of());
        }
        ObjectNode byResource = ConsoleReads.body().put("ServiceNamespace", "ecs").put("ResourceId", resourceId);
        List<Policy> policies = new ArrayList<>();
        for (JsonNode p : reads.autoScaling("DescribeScalingPolicies", byResource, caller).path("ScalingPolicies")) {
            JsonNode tracking = p.path("TargetTrackingScalingPolicyConfiguration");
            policies.add(new Policy(p.path("PolicyName").asText(), p.path("PolicyType").asText(),
                    tracking.path("PredefinedMetricSpecification").path("PredefinedMetricType").asText(""),
                    tracking.has("TargetValue") ? tracking.path("TargetValue").asDouble() : null));
        }
        List<Activity> activities = new ArrayList<>();
        List<TimeChart.Mark> marks = new ArrayList<>();
        JsonNode recorded = reads.autoScaling("DescribeScalingActivities", byResource, caller);
        for (JsonNode a : recorded.path("ScalingActivities")) {
            activities.add(new Activity(time(a.path("StartTime")), a.path("StatusCode").asText(),
                    a.path("Description").asText(), a.path("Cause").asText()));
            marks.add(new TimeChart.Mark(instant(a.path("StartTime")), a.path("Description").asText(), Rollout.OLD));
        }
        return new Scaling(true, target.path("MinCapacity").asInt(), target.path("MaxCapacity").asInt(), policies,
                activities, marks);
    }

    /** The service's CPU and memory utilization per period, as target tracking sees them. */
    public Map<String, List<TimeChart.Point>> utilization(String cluster, String service, Caller caller) {
        JsonNode metrics = reads.rest(Owner.SCALING_SERVICE, "clusters/" + path(cluster) + "/services/"
                + path(service) + "/metrics", caller);
        Map<String, List<TimeChart.Point>> series = new LinkedHashMap<>();
        for (String metric : List.of("CPUUtilization", "MemoryUtilization")) {
            List<TimeChart.Point> points = new ArrayList<>();
            for (JsonNode p : metrics.path(metric)) {
                if (p.path("Average").isNumber()) {
                    points.add(new TimeChart.Point(instant(p.path("Timestamp")), p.path("Average").asDouble()));
                }
            }
            series.put(metric, points);
        }
        return series;
    }

    /**
     * A capacity provider of the cluster with managed scaling, as the scaling-service decides for it, with its
     * measurements and its group's moments, oldest first.
     */
    public record ManagedProvider(String name, String group, String settings, int targetCapacity,
            List<CapacityCharts.Measurement> measurements, List<CapacityCharts.GroupMoment> moments) {
    }

    /** The cluster's capacity providers whose managed scaling is enabled, in the cluster's order. */
    public List<ManagedProvider> managedProviders(String cluster, Caller caller) {
        List<ManagedProvider> providers = new ArrayList<>();
        for (String provider : strings(describeCluster(cluster, caller).path("capacityProviders"))) {
            JsonNode read = reads.rest(Owner.SCALING_SERVICE, "clusters/" + path(cluster) + "/capacity-providers/"
                    + path(provider) + "/scaling?limit=" + MEASUREMENTS, caller);
            JsonNode scaling = read.path("managedScaling");
            if (!"ENABLED".equals(scaling.path("status").asText())) {
                continue;
            }
            List<CapacityCharts.Measurement> measurements = new ArrayList<>();
            for (JsonNode m : read.path("measurements")) {
                measurements.add(0, new CapacityCharts.Measurement(instant(m.path("timestamp")),
                        m.path("capacityProviderReservation").asInt(), m.path("instancesRunning").asInt(),
                        m.hasNonNull("desiredCapacity") ? m.path("desiredCapacity").asInt() : null,
                        m.path("reason").asText("")));
            }
            String groupArn = read.path("autoScalingGroupArn").asText("");
            int named = groupArn.indexOf(GROUP_NAME);
            String group = named < 0 ? groupArn : groupArn.substring(named + GROUP_NAME.length());
            String settings = "target " + scaling.path("targetCapacity").asInt() + "%, steps "
                    + scaling.path("minimumScalingStepSize").asInt() + "–" + scaling.path("maximumScalingStepSize")
                    .asInt() + ", warm-up " + scaling.path("instanceWarmupPeriod").asInt() + " s";
            providers.add(new ManagedProvider(provider, group, settings, scaling.path("targetCapacity").asInt(),
                    measurements, groupMoments(group, caller)));
        }
        return providers;
    }

    /** What the group's events say about its desired capacity and its instances in service, oldest first. */
    private List<CapacityCharts.GroupMoment> groupMoments(String group, Caller caller) {
        List<CapacityCharts.GroupMoment> moments = new ArrayList<>();
        if (group.isEmpty()) {
            return moments;
        }
        JsonNode events;
        try {
            events = reads.rest(Owner.AGENT_SERVICE, "auto-scaling-groups/" + path(group) + "/events", caller);
        } catch (ConsoleException e) {
            if (e.status() == 404) {
                return moments;
            }
            throw e;
        }
        for (JsonNode e : events.path("events")) {
            Instant at = Instant.parse(e.path("occurredAt").asText());
            JsonNode p = e.path("payload");
            switch (e.path("type").asText()) {
                case "AutoScalingGroupCreated", "AutoScalingGroupUpdated" -> moments.add(
                        new CapacityCharts.DesiredCapacity(at, p.path("settings").path("desiredCapacity").asInt()));
                case "DesiredCapacityChanged" -> moments.add(new CapacityCharts.DesiredCapacity(at,
                        p.path("desiredCapacity").asInt()));
                case "GroupInstanceInService" -> moments.add(new CapacityCharts.InService(at,
                        p.path("instanceId").asText()));
                case "GroupInstanceTerminating", "GroupInstanceTerminated" -> moments.add(
                        new CapacityCharts.OutOfService(at, p.path("instanceId").asText()));
                default -> {
                }
            }
        }
        return moments;
    }

    /** Log events of a stream from {@code token} on (from the start without one). */
    public LogPage logs(String group, String stream, String token, Caller caller) {
        ObjectNode request = ConsoleReads.body().put("logGroupName", group).put("logStreamName", stream)
                .put("startFromHead", true).put("limit", 500);
        if (token != null && !token.isBlank()) {
            request.put("nextToken", token);
        }
        JsonNode answer = reads.logs("GetLogEvents", request, caller);
        List<LogLine> lines = new ArrayList<>();
        for (JsonNode e : answer.path("events")) {
            lines.add(new LogLine(java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                    Instant.ofEpochMilli(e.path("timestamp").asLong())), e.path("message").asText()));
        }
        return new LogPage(lines, answer.path("nextForwardToken").asText(token == null ? "" : token));
    }

    private List<JsonNode> describeTasks(String cluster, List<String> arns, Caller caller) {
        List<JsonNode> tasks = new ArrayList<>();
        for (List<String> batch : batches(arns)) {
            ObjectNode request = ConsoleReads.body().put("cluster", cluster);
            batch.forEach(request.putArray("tasks")::add);
            reads.ecs("DescribeTasks", request, caller).path("tasks").forEach(tasks::add);
        }
        return tasks;
    }

    /** Every page of a List operation. */
    private List<String> listAll(String operation, ObjectNode request, String member, Caller caller) {
        List<String> all = new ArrayList<>();
        String token = null;
        do {
            ObjectNode page = request.deepCopy();
            if (token != null) {
                page.put("nextToken", token);
            }
            JsonNode answer = reads.ecs(operation, page, caller);
            all.addAll(strings(answer.path(member)));
            token = answer.path("nextToken").asText(null);
        } while (token != null && !token.isEmpty());
        return all;
    }

    private static List<List<String>> batches(List<String> all) {
        return batches(all, DESCRIBE_BATCH);
    }

    private static List<List<String>> batches(List<String> all, int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            batches.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return batches;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array instanceof ArrayNode) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static int resource(JsonNode resources, String name) {
        for (JsonNode r : resources) {
            if (name.equals(r.path("name").asText())) {
                return r.path("integerValue").asInt();
            }
        }
        return 0;
    }

    /** ECS and Application Auto Scaling send times as epoch seconds. */
    private static Instant instant(JsonNode epochSeconds) {
        return Instant.ofEpochMilli(Math.round(epochSeconds.asDouble() * 1000));
    }

    private static String time(JsonNode epochSeconds) {
        return epochSeconds.isMissingNode() ? "" : java.time.format.DateTimeFormatter.ISO_INSTANT
                .format(instant(epochSeconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static String path(String segment) {
        ConsoleReads.refuseControlCharacters(io.berth.ecs.RequestText.firstViolation("path", segment));
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
