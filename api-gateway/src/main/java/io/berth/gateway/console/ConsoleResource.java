package io.berth.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.gateway.auth.RequestAuthenticator;
import io.berth.gateway.auth.SigV4Requests;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The web console (ADR 0035): pages rendered here from the same reads the API answers, for the
 * caller's account, with htmx fragments for the parts that change while one looks (the instance
 * map on events from {@code /v1/events}, a log stream's tail, the history slider).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    /** The events that change what the instance map and the task list show. */
    static final String CLUSTER_EVENTS = "TaskPlaced,TaskStateChanged,TaskStopRequested,InstanceRegistered,"
            + "InstanceStatusChanged,InstanceDeregistered,AgentConnectionChanged,ServiceTasksCounted";
    static final String SERVICE_EVENTS = "DeploymentStarted,DeploymentCompleted,DeploymentFailed,ServiceTasksCounted,"
            + "ServiceMessageRecorded,ServiceUpdated,DesiredCountAdjusted,ScalingActivityRecorded";
    /**
     * The events that change the cluster auto scaling page: the scheduler's measurements, managed scaling's
     * decisions, the cluster's providers, and its groups' desired capacity and instances.
     */
    static final String CLUSTER_SCALING_EVENTS = "CapacityProviderReservationMeasured,CapacityAdjustmentRequested,"
            + "ClusterCapacityProvidersPut,AutoScalingGroupUpdated,DesiredCapacityChanged,GroupInstanceInService,"
            + "GroupInstanceTerminating,GroupInstanceTerminated";
    static final int MAP_WIDTH = 960;

    @CheckedTemplate(basePath = "console")
    static class Templates {

        static native TemplateInstance clusters(View view, List<ConsoleData.ClusterRow> clusters, String endpoint);

        static native TemplateInstance cluster(View view, ConsoleData.ClusterRow cluster, InstanceMap map,
                List<ConsoleData.ServiceRow> services, List<InstanceMap.Task> tasks, History history);

        static native TemplateInstance clusterAsOf(View view, String cluster, String at, String status,
                InstanceMap map, List<ConsoleData.ServiceAsOf> services);

        static native TemplateInstance clusterScaling(View view, String cluster,
                List<CapacityCharts.Provider> providers);

        static native TemplateInstance task(View view, String cluster, ConsoleData.TaskDetail task,
                List<TimeChart.Step> lifecycle, Placement placement);

        static native TemplateInstance service(View view, String cluster, ConsoleData.ServiceDetail service,
                TimeChart rollout, List<TimeChart.Mark> trips, ConsoleData.Scaling scaling, TimeChart counts,
                TimeChart utilization, History history);

        static native TemplateInstance serviceAsOf(View view, String cluster, ConsoleData.ServiceDetail asOf,
                String at);

        static native TemplateInstance logs(View view, String group, String stream, ConsoleData.LogPage page,
                String tailQuery);

        static native TemplateInstance logs$tail(ConsoleData.LogPage page, String tailQuery);
    }

    /**
     * What every page needs besides its data: the account it shows and how links keep it, and the
     * events its live parts follow.
     */
    public record View(String account, String accountQuery, String events, String triggers) {

        /** A link's query string, keeping the chosen account. */
        public String q(String query) {
            String joined = accountQuery.isEmpty() ? query : query.isEmpty() ? accountQuery.substring(1)
                    : query + "&" + accountQuery.substring(1);
            return joined.isEmpty() ? "" : "?" + joined;
        }
    }

    /** A placement explanation drawn: rejections by reason as bars, with the winner's scores. */
    public record Placement(int candidatesSeen, List<Bar> rejections, String chosenInstance, String closestInstance,
            String scores) {

        public boolean known() {
            return candidatesSeen > 0;
        }

        public int height() {
            return rejections.size() * Bar.ROW + 8;
        }
    }

    /** One reason's rejections, as the {@code row}th bar of the chart. */
    public record Bar(String reason, int count, int width, int row) {

        static final int ROW = 26;
        static final int LEFT = 170;

        public int y() {
            return row * ROW + 6;
        }

        public int textY() {
            return row * ROW + 20;
        }

        public int countX() {
            return LEFT + width + 6;
        }
    }

    /**
     * The history slider: its range in epoch milliseconds, from the resource's first event to now,
     * and where it asks what the resource was at the moment chosen.
     */
    public record History(long first, long now, String url, String description) {
    }

    private final ConsoleData data;
    private final RequestAuthenticator authenticator;

    public ConsoleResource(ConsoleData data, RequestAuthenticator authenticator) {
        this.data = data;
        this.authenticator = authenticator;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance clusters(@QueryParam("account") String account, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        Caller caller = caller(account, headers, uri);
        // The endpoint the page suggests is the one the browser reached: another port (BERTH_PORT_OFFSET), a proxy.
        String endpoint = uri.getBaseUri().toString().replaceAll("/+$", "");
        return Templates.clusters(view(caller, account, ""), data.clusters(caller), endpoint);
    }

    @GET
    @Path("clusters/{cluster}")
    @Operation(hidden = true)
    public TemplateInstance cluster(@PathParam("cluster") String cluster, @QueryParam("account") String account,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Caller caller = caller(account, headers, uri);
        ConsoleData.ClusterRow row = data.cluster(cluster, caller);
        List<InstanceMap.Task> tasks = data.tasks(cluster, caller);
        View view = view(caller, account, "cluster=" + encode(cluster), CLUSTER_EVENTS);
        return Templates.cluster(view, row,
                InstanceMap.layout(data.instances(cluster, caller), tasks, MAP_WIDTH), data.services(cluster, caller),
                tasks, new History(data.clusterCreatedAt(cluster, caller).toEpochMilli(), Instant.now().toEpochMilli(),
                        "/console/clusters/" + encode(cluster) + "/as-of" + view.q(""), "the cluster, its capacity"
                        + " and its services as they were at any moment since the cluster was created"));
    }

    /**
     * The cluster as it was at {@code at}, for the history slider: its status, its map (instances, their
     * tasks, draining marks, Fargate tasks) and its services.
     */
    @GET
    @Path("clusters/{cluster}/as-of")
    @Operation(hidden = true)
    public TemplateInstance clusterAsOf(@PathParam("cluster") String cluster, @QueryParam("at") String at,
            @QueryParam("account") String account, @Context HttpHeaders headers, @Context UriInfo uri) {
        Caller caller = caller(account, headers, uri);
        Instant moment = moment(at);
        List<String> services = data.services(cluster, caller).stream().map(ConsoleData.ServiceRow::name).toList();
        return Templates.clusterAsOf(view(caller, account, ""), cluster, moment.toString(),
                data.clusterStatusAsOf(cluster, moment, caller), InstanceMap.layout(data.instancesAsOf(cluster, moment,
                caller), data.tasksAsOf(cluster, moment, caller), MAP_WIDTH), data.servicesAsOf(cluster, services,
                moment, caller));
    }

    /**
     * Cluster auto scaling: for each capacity provider with managed scaling, its CapacityProviderReservation
     * against its target and its group's desired and in-service instances, with each decision marked.
     */
    @GET
    @Path("clusters/{cluster}/scaling")
    @Operation(hidden = true)
    public TemplateInstance clusterScaling(@PathParam("cluster") String cluster, @QueryParam("account") String account,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        Caller caller = caller(account, headers, uri);
        Instant now = Instant.now();
        List<CapacityCharts.Provider> providers = data.managedProviders(cluster, caller).stream()
                .map(p -> CapacityCharts.provider(p.name(), p.group(), p.settings(), p.targetCapacity(),
                        p.measurements(), p.moments(), now)).toList();
        View view = view(caller, account, scalingFilter(cluster, providers), CLUSTER_SCALING_EVENTS);
        return Templates.clusterScaling(view, cluster, providers);
    }

    /** What the cluster auto scaling page follows: its cluster's events, and its groups', which name no cluster. */
    static String scalingFilter(String cluster, List<CapacityCharts.Provider> providers) {
        String groups = providers.stream().map(CapacityCharts.Provider::group).filter(g -> !g.isEmpty()).distinct()
                .collect(java.util.stream.Collectors.joining(","));
        return "cluster=" + encode(cluster) + (groups.isEmpty() ? "" : "&autoScalingGroup=" + encode(groups));
    }

    @GET
    @Path("clusters/{cluster}/tasks/{task}")
    @Operation(hidden = true)
    public TemplateInstance task(@PathParam("cluster") String cluster, @PathParam("task") String task,
            @QueryParam("account") String account, @Context HttpHeaders headers, @Context UriInfo uri) {
        Caller caller = caller(account, headers, uri);
        ConsoleData.TaskDetail detail = data.task(cluster, task, caller);
        return Templates.task(view(caller, account, ""), cluster, detail,
                TimeChart.steps(data.taskLifecycle(cluster, detail.id(), caller)),
                placement(data.placement(cluster, detail.id(), caller)));
    }

    @GET
    @Path("clusters/{cluster}/services/{service}")
    @Operation(hidden = true)
    public TemplateInstance service(@PathParam("cluster") String cluster, @PathParam("service") String service,
            @QueryParam("account") String account, @Context HttpHeaders headers, @Context UriInfo uri) {
        Caller caller = caller(account, headers, uri);
        ConsoleData.ServiceDetail detail = data.service(cluster, service, caller).orElseThrow(() ->
                new ConsoleException(404, "There is no service " + service + " in cluster " + cluster + "."));
        List<Rollout.Moment> history = data.serviceHistory(cluster, service, caller);
        Instant now = Instant.now();
        List<TimeChart.Mark> trips = new ArrayList<>();
        history.stream().filter(m -> m instanceof Rollout.Failed).map(m -> (Rollout.Failed) m).forEach(f ->
                trips.add(new TimeChart.Mark(f.at(), f.reason() + (f.rollbackDeploymentId() == null ? ""
                        : " Rolled back to " + f.rollbackDeploymentId() + "."), Rollout.TRIP)));
        ConsoleData.Scaling scaling = data.scaling(cluster, service, caller);
        TimeChart utilization = null;
        if (scaling.registered()) {
            Map<String, List<TimeChart.Point>> metrics = data.utilization(cluster, service, caller);
            List<TimeChart.Series> series = new ArrayList<>();
            series.add(new TimeChart.Series("CPU utilization %", Rollout.NEW, false, false,
                    metrics.get("CPUUtilization")));
            series.add(new TimeChart.Series("memory utilization %", Rollout.OLD, false, false,
                    metrics.get("MemoryUtilization")));
            List<TimeChart.Point> all = new ArrayList<>(metrics.get("CPUUtilization"));
            all.addAll(metrics.get("MemoryUtilization"));
            Instant from = all.stream().map(TimeChart.Point::at).min(Instant::compareTo).orElse(now.minusSeconds(60));
            for (ConsoleData.Policy policy : scaling.policies()) {
                if (policy.targetValue() != null) {
                    series.add(new TimeChart.Series("target " + policy.name(), Rollout.BAND, false, true,
                            List.of(new TimeChart.Point(from, policy.targetValue()),
                                    new TimeChart.Point(now, policy.targetValue()))));
                }
            }
            utilization = TimeChart.of(series, scaling.marks(), from, now);
        }
        long first = history.isEmpty() ? now.minusSeconds(60).toEpochMilli() : history.get(0).at().toEpochMilli();
        View view = view(caller, account, "cluster=" + encode(cluster) + "&service=" + encode(service),
                SERVICE_EVENTS);
        return Templates.service(view, cluster, detail,
                Rollout.band(history, detail.minimumHealthyPercent(), detail.maximumPercent(), now), trips, scaling,
                Rollout.counts(history, scaling.marks(), now), utilization, new History(first, now.toEpochMilli(),
                "/console/clusters/" + encode(cluster) + "/services/" + encode(service) + "/as-of" + view.q(""),
                "the service as it was at any moment since its first event"));
    }

    /** The service as it was at {@code at} (epoch milliseconds or ISO-8601), for the history slider. */
    @GET
    @Path("clusters/{cluster}/services/{service}/as-of")
    @Operation(hidden = true)
    public TemplateInstance serviceAsOf(@PathParam("cluster") String cluster, @PathParam("service") String service,
            @QueryParam("at") String at, @QueryParam("account") String account, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        Caller caller = caller(account, headers, uri);
        Instant moment = moment(at);
        return Templates.serviceAsOf(view(caller, account, ""), cluster,
                data.serviceAsOf(cluster, service, moment, caller), moment.toString());
    }

    @GET
    @Path("logs")
    @Operation(hidden = true)
    public TemplateInstance logs(@QueryParam("group") String group, @QueryParam("stream") String stream,
            @QueryParam("account") String account, @Context HttpHeaders headers, @Context UriInfo uri) {
        Tail tail = tail(group, stream, null, caller(account, headers, uri), account);
        return Templates.logs(tail.view(), group, stream, tail.page(), tail.next());
    }

    /** What a stream gained since {@code token}: the live tail polls this. */
    @GET
    @Path("logs/tail")
    @Operation(hidden = true)
    public TemplateInstance logTail(@QueryParam("group") String group, @QueryParam("stream") String stream,
            @QueryParam("token") String token, @QueryParam("account") String account, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        Tail tail = tail(group, stream, token, caller(account, headers, uri), account);
        return Templates.logs$tail(tail.page(), tail.next());
    }

    /** A stream's events from {@code token} on, and the query that asks for what follows them. */
    private record Tail(View view, ConsoleData.LogPage page, String next) {
    }

    private Tail tail(String group, String stream, String token, Caller caller, String account) {
        required("group", group);
        required("stream", stream);
        ConsoleData.LogPage page = data.logs(group, stream, token, caller);
        View view = view(caller, account, "");
        return new Tail(view, page, view.q("group=" + encode(group) + "&stream=" + encode(stream) + "&token="
                + encode(page.nextToken())));
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Whose resources a page shows: the request's own caller, as on the API; with signatures not
     * verified, {@code account} chooses any account, as a 12-digit access key does on the API.
     */
    private Caller caller(String account, HttpHeaders headers, UriInfo uri) {
        Caller own = authenticator.authenticate(SigV4Requests.of("GET", uri, headers, null)).caller();
        try {
            return authenticator.actingFor(own, account);
        } catch (EcsException e) {
            throw new ConsoleException(e.status(), e.getMessage());
        }
    }

    private static View view(Caller caller, String account, String events) {
        return view(caller, account, events, "");
    }

    /**
     * A page whose live part follows {@code /v1/events?<filter>&type=<types>}: it is drawn again once
     * such events pause for a moment, so that a burst (a rollout) costs one redraw, not one each.
     */
    private static View view(Caller caller, String account, String filter, String types) {
        String query = account == null || account.isBlank() ? "" : "&account=" + caller.account();
        String triggers = types.isEmpty() ? "" : java.util.Arrays.stream(types.split(","))
                .map(type -> "sse:" + type + " delay:400ms").collect(java.util.stream.Collectors.joining(", "));
        // The stream follows the page's account: without it, a page of a chosen account would follow the browser's.
        return new View(caller.account(), query,
                filter.isEmpty() ? "" : "/v1/events?" + filter + "&type=" + types + query, triggers);
    }

    /** {@code explanation} as the scheduler's placement resource answers it. */
    static Placement placement(JsonNode explanation) {
        JsonNode diagnostics = explanation.path("diagnostics");
        int seen = diagnostics.path("candidatesSeen").asInt();
        List<Bar> bars = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> reasons = new ArrayList<>();
        diagnostics.path("rejectionsByReason").fields().forEachRemaining(reasons::add);
        reasons.sort(java.util.Comparator.comparing((Map.Entry<String, JsonNode> r) -> -r.getValue().asInt())
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, JsonNode> r : reasons) {
            bars.add(new Bar(r.getKey(), r.getValue().asInt(), seen == 0 ? 0
                    : Math.max(2, 300 * r.getValue().asInt() / seen), bars.size()));
        }
        List<String> scores = new ArrayList<>();
        diagnostics.path("chosenScores").forEach(s -> scores.add(TimeChart.format(s.asDouble())));
        return new Placement(seen, bars, explanation.path("containerInstanceArn").asText(""),
                diagnostics.path("closestInstanceArn").asText(""), String.join(", ", scores));
    }

    private static Instant moment(String at) {
        required("at", at);
        try {
            return at.matches("[0-9]{1,15}") ? Instant.ofEpochMilli(Long.parseLong(at)) : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new ConsoleException(400, "at must be a moment: epoch milliseconds or ISO-8601 such as"
                    + " 2026-12-05T06:00:00Z, not '" + shorten(at) + "'.");
        }
    }

    private static void required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ConsoleException(400, name + " is required.");
        }
    }

    private static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
