package io.berth.cluster.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.capacityprovider.CapacityProviderService;
import io.berth.cluster.capacityprovider.ProviderUse;
import io.berth.cluster.cluster.ClusterCommand.CreateCluster;
import io.berth.cluster.cluster.ClusterCommand.DeleteCluster;
import io.berth.cluster.cluster.ClusterCommand.PutClusterCapacityProviders;
import io.berth.cluster.cluster.ClusterCommand.TagCluster;
import io.berth.cluster.cluster.ClusterCommand.UntagCluster;
import io.berth.cluster.cluster.ClusterCommand.UpdateCluster;
import io.berth.cluster.cluster.ClusterCommand.UpdateClusterSettings;
import io.berth.ecs.Batch;
import io.berth.ecs.RequestShapes;
import io.berth.eventstore.AggregateCommands;
import io.berth.eventstore.Decided;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Names;
import io.berth.ecs.Pages;
import io.berth.ecs.Tags;
import io.berth.events.ClusterEvent;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.KeyValue;
import io.berth.events.Shapes.Tag;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The cluster operations of the ECS API: requests in, ECS-shaped answers out. */
@ApplicationScoped
public class ClusterService implements ProviderUse {

    static final ClusterDecider DECIDER = new ClusterDecider();
    static final Set<String> INCLUDES = Set.of("ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS");
    static final Set<String> EVERYTHING = INCLUDES;

    private final AggregateCommands commands;
    private final ClusterProjection projection;
    private final CapacityProviderService capacityProviders;
    private final EventStore store;
    private final CallerContext context;

    public ClusterService(AggregateCommands commands, ClusterProjection projection,
            CapacityProviderService capacityProviders, EventStore store, CallerContext context) {
        this.commands = commands;
        this.projection = projection;
        this.capacityProviders = capacityProviders;
        this.store = store;
        this.context = context;
    }

    public ObjectNode createCluster(EcsRequest request) {
        Caller caller = context.caller();
        String name = request.string("clusterName").orElse("default");
        Names.require(name, "Cluster name");
        String arn = Arns.cluster(caller, name);
        List<KeyValue> settings = settings(request);
        if (settings.isEmpty()) {
            settings = List.of(new KeyValue("containerInsights", "disabled"));
        }
        List<String> providers = request.strings("capacityProviders");
        CapacityProviderService.Known known = capacityProviders.known(caller, providers);
        requireOneClusterPerManagedProvider(caller, arn, providers, known);
        return answer(handle(new CreateCluster(arn, name, settings,
                request.object("configuration").map(EcsRequest::body).orElse(null),
                providers, strategy(request, "defaultCapacityProviderStrategy"),
                Tags.parse(request, "tags"), request.object("serviceConnectDefaults").map(EcsRequest::body).orElse(null),
                known.names())));
    }

    public ObjectNode updateCluster(EcsRequest request) {
        String arn = requiredClusterArn(request);
        return answer(handle(new UpdateCluster(arn, settings(request),
                request.object("configuration").map(EcsRequest::body).orElse(null),
                request.object("serviceConnectDefaults").map(EcsRequest::body).orElse(null))));
    }

    public ObjectNode updateClusterSettings(EcsRequest request) {
        String arn = requiredClusterArn(request);
        return answer(handle(new UpdateClusterSettings(arn, settings(request))));
    }

    public ObjectNode putClusterCapacityProviders(EcsRequest request) {
        String arn = requiredClusterArn(request);
        if (!request.has("capacityProviders")) {
            throw EcsErrors.missing("capacityProviders");
        }
        if (!request.has("defaultCapacityProviderStrategy")) {
            throw EcsErrors.missing("defaultCapacityProviderStrategy");
        }
        List<String> providers = request.strings("capacityProviders");
        CapacityProviderService.Known known = capacityProviders.known(context.caller(), providers);
        requireOneClusterPerManagedProvider(context.caller(), arn, providers, known);
        return answer(handle(new PutClusterCapacityProviders(arn, providers,
                strategy(request, "defaultCapacityProviderStrategy"), known.names(),
                ClusterContentsView.providersInUse(arn))));
    }

    /**
     * ECS scales a managed provider's group for one cluster's tasks only, so such a provider belongs to one cluster.
     * Checked before the aggregate's rules, as another cluster's association is a conflict of state.
     */
    private void requireOneClusterPerManagedProvider(Caller caller, String clusterArn, List<String> providers,
            CapacityProviderService.Known known) {
        Set<String> managed = known.withManagedScaling();
        for (String provider : providers) {
            if (managed.contains(provider) && clustersUsing(caller, provider).stream()
                    .anyMatch(other -> !other.equals(clusterArn))) {
                throw EcsErrors.invalidParameter("The capacity provider " + provider + " has managed scaling enabled"
                        + " and is already associated with another cluster. A capacity provider with managed scaling"
                        + " can be associated with one cluster only.");
            }
        }
    }

    public ObjectNode deleteCluster(EcsRequest request) {
        String arn = requiredClusterArn(request);
        // The counters the rule judges are the ones the answer shows: read once.
        ClusterContents contents = ClusterContentsView.of(arn);
        return answer(handle(new DeleteCluster(arn, contents)), contents);
    }

    public ObjectNode describeClusters(EcsRequest request) {
        Caller caller = context.caller();
        Set<String> include = includes(request);
        List<String> asked = Batch.upTo(request, "clusters", 100);
        List<String> arns = (asked.isEmpty() ? List.of("default") : asked).stream()
                .map(nameOrArn -> Arns.nameOf(caller, "cluster", nameOrArn).map(n -> Arns.cluster(caller, n))
                        .orElse(nameOrArn)).toList();
        // An ARN of another account or region names no cluster of the caller's: MISSING.
        return Batch.answer("clusters", arns, arn -> Arns.nameOf(caller, "cluster", arn)
                .flatMap(name -> describe(arn, include)));
    }

    public ObjectNode listClusters(EcsRequest request) {
        Caller caller = context.caller();
        List<String> arns = ClusterView.<ClusterView>list(
                        "account = ?1 and region = ?2 and status = 'ACTIVE' order by clusterArn", caller.account(),
                        caller.region())
                .stream().map(v -> v.clusterArn).toList();
        return Pages.page(arns, request, 100, 100).writeTo(EventJson.mapper().createObjectNode(), "clusterArns");
    }

    /** TagResource on a cluster. */
    public void tag(String clusterArn, List<Tag> tags) {
        handle(new TagCluster(clusterArn, tags));
    }

    /** UntagResource on a cluster. */
    public void untag(String clusterArn, List<String> keys) {
        handle(new UntagCluster(clusterArn, keys));
    }

    /** ListTagsForResource on a cluster; empty if the cluster does not exist. */
    public Optional<List<Tag>> tags(String clusterArn) {
        return Optional.ofNullable(ClusterView.<ClusterView>findById(clusterArn))
                .filter(v -> ClusterState.ACTIVE.equals(v.status))
                .map(v -> ClusterProjection.stateOf(v).tags());
    }

    /** The events of one cluster, oldest first. */
    public List<EventEnvelope> history(String nameOrArn) {
        return store.readStream(arnOf(nameOrArn));
    }

    /** The cluster as it was at {@code asOf}, folded from its events. */
    public Optional<ObjectNode> asOf(String nameOrArn, Instant asOf) {
        ClusterState state = DECIDER.initialState();
        for (EventEnvelope event : store.readStream(arnOf(nameOrArn), asOf)) {
            state = DECIDER.evolve(state, (ClusterEvent) event.payload());
        }
        return state.exists() ? Optional.of(ClusterResponses.cluster(state, null, EVERYTHING)) : Optional.empty();
    }

    @Override
    public List<String> clustersUsing(Caller caller, String provider) {
        List<String> using = new ArrayList<>();
        for (ClusterView view : ClusterView.<ClusterView>list("account = ?1 and region = ?2 and status = 'ACTIVE'",
                caller.account(), caller.region())) {
            if (ClusterProjection.stateOf(view).capacityProviders().contains(provider)) {
                using.add(view.clusterArn);
            }
        }
        return using;
    }

    private Optional<ObjectNode> describe(String arn, Set<String> include) {
        ClusterView view = ClusterView.findById(arn);
        if (view == null) {
            return Optional.empty();
        }
        return Optional.of(ClusterResponses.cluster(ClusterProjection.stateOf(view), ClusterContentsView.of(arn),
                include));
    }

    private Decided<ClusterState> handle(ClusterCommand command) {
        return commands.decide(DECIDER, ClusterEvent.class,
                new StreamId(ClusterProjection.STREAM_TYPE, command.clusterArn()), command,
                EventContext.of(context.caller().account(), context.caller().region(), context.requestId()), projection);
    }

    /**
     * A command's answer, the cluster as DescribeClusters then shows it with everything included, built from
     * the state the decision left (the view holds that state once it committed) rather than read back. Only the
     * counters, which other owners' events keep, are read, and not for a cluster whose stream the command started:
     * nothing has run in it yet.
     */
    private ObjectNode answer(Decided<ClusterState> decided) {
        return answer(decided, decided.startedTheStream() ? ClusterContents.EMPTY
                : ClusterContentsView.of(decided.state().clusterArn()));
    }

    /** A command's answer with the counters it has already read. */
    private static ObjectNode answer(Decided<ClusterState> decided, ClusterContents contents) {
        return wrap("cluster", ClusterResponses.cluster(decided.state(), contents, EVERYTHING));
    }

    private String requiredClusterArn(EcsRequest request) {
        return arnOf(request.string("cluster").orElse("default"));
    }

    private String arnOf(String nameOrArn) {
        Caller caller = context.caller();
        return Arns.nameOf(caller, "cluster", nameOrArn).map(n -> Arns.cluster(caller, n))
                .orElseThrow(EcsErrors::clusterNotFound);
    }

    private static Set<String> includes(EcsRequest request) {
        return request.include(INCLUDES.stream().sorted().toArray(String[]::new));
    }

    static List<KeyValue> settings(EcsRequest request) {
        List<KeyValue> settings = new ArrayList<>();
        for (EcsRequest item : request.objects("settings")) {
            settings.add(new KeyValue(item.string("name").orElse(null), item.string("value").orElse(null)));
        }
        return settings;
    }

    /** A strategy member; absent is the empty strategy. */
    private static List<CapacityProviderStrategyItem> strategy(EcsRequest request, String member) {
        List<CapacityProviderStrategyItem> strategy = RequestShapes.capacityProviderStrategy(request, member);
        return strategy == null ? List.of() : strategy;
    }

    static ObjectNode wrap(String member, ObjectNode value) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set(member, value);
        return response;
    }
}
