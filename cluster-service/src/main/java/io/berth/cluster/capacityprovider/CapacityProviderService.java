package io.berth.cluster.capacityprovider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.CreateCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.DeleteCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.ManagedScalingUpdate;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.TagCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.UntagCapacityProvider;
import io.berth.cluster.capacityprovider.CapacityProviderCommand.UpdateCapacityProvider;
import io.berth.eventstore.AggregateCommands;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.Arns;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Tags;
import io.berth.events.CapacityProviderEvent;
import io.berth.events.EventJson;
import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.Shapes.Tag;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The capacity provider operations of the ECS API. FARGATE and FARGATE_SPOT exist in every account. */
@ApplicationScoped
public class CapacityProviderService {

    public static final List<String> BUILT_IN = List.of("FARGATE", "FARGATE_SPOT");
    static final CapacityProviderDecider DECIDER = new CapacityProviderDecider();

    private final AggregateCommands commands;
    private final CapacityProviderProjection projection;
    private final CallerContext context;

    public CapacityProviderService(AggregateCommands commands, CapacityProviderProjection projection,
            CallerContext context) {
        this.commands = commands;
        this.projection = projection;
        this.context = context;
    }

    /**
     * The capacity providers a cluster's command checks, from one read of the caller's: every name the caller can
     * associate with a cluster, and those of them whose managed scaling is ENABLED.
     */
    public record Known(Set<String> names, Set<String> withManagedScaling) {

        /** What is known without a read: the built-in providers, which exist in every account, unmanaged. */
        public static final Known BUILT_IN_ONLY = new Known(Set.copyOf(BUILT_IN), Set.of());
    }

    /**
     * The caller's capacity providers as a cluster's command checks the ones its request {@code named}, read once.
     * The checks ask about those names only (does it exist, does its managed scaling tie it to one cluster), and a
     * built-in provider exists without a row and has no managed scaling: a request that names no other provider
     * (a CreateCluster without capacity providers, the usual one) is answered without the read (issue 21).
     */
    public Known known(Caller caller, Collection<String> named) {
        if (BUILT_IN.containsAll(named)) {
            return Known.BUILT_IN_ONLY;
        }
        Set<String> names = new LinkedHashSet<>(BUILT_IN);
        Set<String> managed = new LinkedHashSet<>();
        for (CapacityProviderView view : CapacityProviderView.activeOf(caller)) {
            names.add(view.name);
            if ("ENABLED".equals(view.toState().managedScaling().status())) {
                managed.add(view.name);
            }
        }
        return new Known(names, managed);
    }

    private static final String GROUP_NAME = ":autoScalingGroupName/";

    public ObjectNode create(EcsRequest request) {
        Caller caller = context.caller();
        String name = request.requiredString("name");
        CapacityProviderDecider.checkName(name);
        EcsRequest provider = request.object("autoScalingGroupProvider")
                .orElseThrow(() -> EcsErrors.missing("autoScalingGroupProvider"));
        String arn = Arns.capacityProvider(caller, name);
        String group = provider.requiredString("autoScalingGroupArn");
        // Checked before the aggregate's own rules: another provider's group is a conflict of state.
        if (CapacityProviderView.activeOf(caller).stream().filter(v -> !v.capacityProviderArn.equals(arn))
                .anyMatch(v -> sameGroup(v.toState().autoScalingGroupArn(), group))) {
            throw EcsErrors.clientException("The specified Auto Scaling group ARN is already being used by another"
                    + " capacity provider. Specify a unique Auto Scaling group ARN and try again.");
        }
        handle(new CreateCapacityProvider(arn, name, group,
                managedScaling(provider, CapacityProviderDecider.DEFAULT_MANAGED_SCALING),
                provider.string("managedTerminationProtection").orElse("DISABLED"),
                provider.string("managedDraining").orElse(CapacityProviderDecider.DEFAULT_MANAGED_DRAINING),
                Tags.parse(request, "tags")));
        return wrap(arn);
    }

    /** A group named by ARN or by name: the same group when the names agree. */
    static boolean sameGroup(String one, String other) {
        return one != null && groupName(one).equals(groupName(other));
    }

    private static String groupName(String arnOrName) {
        int at = arnOrName.lastIndexOf(GROUP_NAME);
        return at < 0 ? arnOrName : arnOrName.substring(at + GROUP_NAME.length());
    }

    public ObjectNode update(EcsRequest request) {
        String arn = arnOf(request.requiredString("name"));
        EcsRequest provider = request.object("autoScalingGroupProvider")
                .orElseThrow(() -> EcsErrors.missing("autoScalingGroupProvider"));
        handle(new UpdateCapacityProvider(arn, provider.object("managedScaling").map(m -> new ManagedScalingUpdate(
                        m.string("status").orElse(null), m.integer("targetCapacity").orElse(null),
                        m.integer("minimumScalingStepSize").orElse(null), m.integer("maximumScalingStepSize").orElse(null),
                        m.integer("instanceWarmupPeriod").orElse(null))).orElse(null),
                provider.string("managedTerminationProtection").orElse(null),
                provider.string("managedDraining").orElse(null)));
        return wrap(arn);
    }

    public ObjectNode delete(EcsRequest request, List<String> usedByClusters) {
        String arn = arnOf(request.requiredString("capacityProvider"));
        handle(new DeleteCapacityProvider(arn, usedByClusters));
        return wrap(arn);
    }

    public ObjectNode describe(EcsRequest request) {
        Caller caller = context.caller();
        boolean withTags = request.include("TAGS").contains("TAGS");
        List<String> asked = request.strings("capacityProviders");
        if (asked.size() > 100) {
            throw EcsErrors.invalidParameter("capacityProviders can have at most 100 items.");
        }
        List<ObjectNode> found = new ArrayList<>();
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode failures = response.putArray("failures");
        if (asked.isEmpty()) {
            BUILT_IN.forEach(n -> found.add(builtIn(caller, n, withTags)));
            CapacityProviderView.activeOf(caller).forEach(v -> found.add(
                    CapacityProviderResponses.capacityProvider(v.toState(), withTags)));
        } else {
            for (String nameOrArn : asked) {
                Optional<String> name = Arns.nameOf(caller, "capacity-provider", nameOrArn);
                Optional<ObjectNode> provider = name.flatMap(n -> BUILT_IN.contains(n)
                        ? Optional.of(builtIn(caller, n, withTags))
                        : state(Arns.capacityProvider(caller, n)).filter(s -> s.status() != null)
                                .map(s -> CapacityProviderResponses.capacityProvider(s, withTags)));
                if (provider.isPresent()) {
                    found.add(provider.get());
                } else {
                    failures.addObject().put("arn", name.map(n -> Arns.capacityProvider(caller, n)).orElse(nameOrArn))
                            .put("reason", "MISSING");
                }
            }
        }
        return Pages.page(found, request, 10, 10).writeTo(response, "capacityProviders");
    }

    public void tag(String arn, List<Tag> tags) {
        handle(new TagCapacityProvider(arn, tags));
    }

    public void untag(String arn, List<String> keys) {
        handle(new UntagCapacityProvider(arn, keys));
    }

    public Optional<List<Tag>> tags(String arn) {
        return state(arn).filter(CapacityProviderState::isActive).map(CapacityProviderState::tags);
    }

    private Optional<CapacityProviderState> state(String arn) {
        return Optional.ofNullable(CapacityProviderView.<CapacityProviderView>findById(arn))
                .map(CapacityProviderView::toState);
    }

    private ObjectNode builtIn(Caller caller, String name, boolean withTags) {
        ObjectNode provider = EventJson.mapper().createObjectNode();
        provider.put("capacityProviderArn", Arns.capacityProvider(caller, name));
        provider.put("name", name);
        provider.put("status", "ACTIVE");
        if (withTags) {
            provider.putArray("tags");
        }
        return provider;
    }

    private ObjectNode wrap(String arn) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("capacityProvider", CapacityProviderResponses.capacityProvider(
                state(arn).orElseThrow(), true));
        return response;
    }

    private void handle(CapacityProviderCommand command) {
        commands.handle(DECIDER, CapacityProviderEvent.class,
                new StreamId(CapacityProviderProjection.STREAM_TYPE, command.capacityProviderArn()), command,
                EventContext.of(context.caller().account(), context.caller().region(), context.requestId()), projection);
    }

    private String arnOf(String nameOrArn) {
        Caller caller = context.caller();
        String name = Arns.nameOf(caller, "capacity-provider", nameOrArn)
                .orElseThrow(() -> EcsErrors.invalidParameter("The specified capacity provider does not exist."));
        if (BUILT_IN.contains(name)) {
            throw EcsErrors.invalidParameter("The " + name + " capacity provider is managed by AWS and cannot be"
                    + " changed.");
        }
        return Arns.capacityProvider(caller, name);
    }

    private static ManagedScaling managedScaling(EcsRequest provider, ManagedScaling base) {
        return provider.object("managedScaling").map(m -> new ManagedScalingUpdate(m.string("status").orElse(null),
                m.integer("targetCapacity").orElse(null), m.integer("minimumScalingStepSize").orElse(null),
                m.integer("maximumScalingStepSize").orElse(null), m.integer("instanceWarmupPeriod").orElse(null))
                .over(base)).orElse(base);
    }
}
