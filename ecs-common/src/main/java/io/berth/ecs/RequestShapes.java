package io.berth.ecs;

import io.berth.events.Shapes.AwsVpcConfiguration;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The request members several ECS operations share, read into the contract's records here and
 * nowhere else, with the rules that hold wherever they appear. Rules that depend on other
 * resources (a CQL expression that parses) are the callers'; a strategy's providers are checked
 * against the cluster's here, for every caller that knows them.
 */
public final class RequestShapes {

    public static final int MAX_STRATEGY_ITEMS = 20;
    public static final int MAX_WEIGHT = 1000;
    public static final int MAX_BASE = 100_000;
    public static final int MAX_SUBNETS = 16;
    public static final int MAX_SECURITY_GROUPS = 5;
    private static final Set<String> ASSIGN_PUBLIC_IP = Set.of("ENABLED", "DISABLED");
    /** The capacity providers of the serverless pool, which exist in every account. */
    public static final Set<String> FARGATE_PROVIDERS = Set.of("FARGATE", "FARGATE_SPOT");

    private RequestShapes() {
    }

    /** A launch with the FARGATE launch type, or with a strategy of FARGATE and FARGATE_SPOT. */
    public static boolean onFargate(String launchType, List<CapacityProviderStrategyItem> strategy) {
        if ("FARGATE".equals(launchType)) {
            return true;
        }
        return strategy != null && !strategy.isEmpty()
                && strategy.stream().allMatch(i -> FARGATE_PROVIDERS.contains(i.capacityProvider()));
    }

    /**
     * A capacity provider strategy member ({@code capacityProviderStrategy},
     * {@code defaultCapacityProviderStrategy}); null when the request leaves it out, so that an
     * update can tell "not given" from "cleared".
     */
    public static List<CapacityProviderStrategyItem> capacityProviderStrategy(EcsRequest request, String member) {
        if (!request.has(member)) {
            return null;
        }
        return request.objects(member).stream().map(item -> new CapacityProviderStrategyItem(
                item.requiredString("capacityProvider"), item.integer("weight").orElse(0),
                item.integer("base").orElse(0))).toList();
    }

    /** {@code placementConstraints}; empty when left out. */
    public static List<PlacementConstraint> placementConstraints(EcsRequest request) {
        return request.objects("placementConstraints").stream().map(item -> new PlacementConstraint(
                item.requiredString("type"), item.string("expression").orElse(null))).toList();
    }

    /** {@code placementStrategy}; empty when left out. */
    public static List<PlacementStrategy> placementStrategy(EcsRequest request) {
        return request.objects("placementStrategy").stream().map(item -> new PlacementStrategy(
                item.requiredString("type"), item.string("field").orElse(null))).toList();
    }

    /**
     * {@code networkConfiguration} (RunTask, StartTask, CreateService, UpdateService, task sets);
     * null when the request leaves it out. An {@code awsvpcConfiguration} needs 1–16 subnets and
     * takes at most 5 security groups; {@code assignPublicIp} is ENABLED or DISABLED, DISABLED when
     * not given. Whether the task definition's network mode wants one is the caller's rule.
     */
    public static NetworkConfiguration networkConfiguration(EcsRequest request) {
        return request.object("networkConfiguration").map(network -> new NetworkConfiguration(
                network.object("awsvpcConfiguration").map(RequestShapes::awsvpcConfiguration).orElse(null)))
                .orElse(null);
    }

    private static AwsVpcConfiguration awsvpcConfiguration(EcsRequest awsvpc) {
        List<String> subnets = awsvpc.strings("subnets");
        if (subnets.isEmpty()) {
            throw EcsErrors.invalidParameter("subnets can not be empty.");
        }
        if (subnets.size() > MAX_SUBNETS) {
            throw EcsErrors.invalidParameter("subnets can have at most " + MAX_SUBNETS + " items.");
        }
        List<String> securityGroups = awsvpc.strings("securityGroups");
        if (securityGroups.size() > MAX_SECURITY_GROUPS) {
            throw EcsErrors.invalidParameter("securityGroups can have at most " + MAX_SECURITY_GROUPS + " items.");
        }
        String assignPublicIp = awsvpc.string("assignPublicIp").orElse("DISABLED");
        if (!ASSIGN_PUBLIC_IP.contains(assignPublicIp)) {
            throw EcsErrors.invalidParameter("assignPublicIp must be ENABLED or DISABLED.");
        }
        return new AwsVpcConfiguration(subnets, securityGroups, assignPublicIp);
    }

    /**
     * The rules of every capacity provider strategy: at most 20 items, each named once, weights
     * 0–1,000, bases 0–100,000, and a base on one item at most.
     */
    public static void checkStrategy(List<CapacityProviderStrategyItem> strategy) {
        if (strategy.size() > MAX_STRATEGY_ITEMS) {
            throw EcsErrors.invalidParameter("A capacity provider strategy can contain at most " + MAX_STRATEGY_ITEMS
                    + " capacity providers.");
        }
        Set<String> seen = new HashSet<>();
        int withBase = 0;
        for (CapacityProviderStrategyItem item : strategy) {
            if (item.capacityProvider() == null || item.capacityProvider().isBlank()) {
                throw EcsErrors.missing("capacityProviderStrategy.capacityProvider");
            }
            if (!seen.add(item.capacityProvider())) {
                throw EcsErrors.invalidParameter("The capacity provider strategy contains " + item.capacityProvider()
                        + " more than once.");
            }
            if (item.weight() < 0 || item.weight() > MAX_WEIGHT) {
                throw EcsErrors.invalidParameter("The weight of a capacity provider strategy item must be between 0"
                        + " and " + MAX_WEIGHT + ".");
            }
            if (item.base() < 0 || item.base() > MAX_BASE) {
                throw EcsErrors.invalidParameter("The base of a capacity provider strategy item must be between 0"
                        + " and " + MAX_BASE + ".");
            }
            withBase += item.base() > 0 ? 1 : 0;
        }
        if (withBase > 1) {
            throw EcsErrors.invalidParameter("Only one capacity provider in a capacity provider strategy can have a"
                    + " base defined.");
        }
        long fargate = strategy.stream().filter(i -> FARGATE_PROVIDERS.contains(i.capacityProvider())).count();
        if (fargate > 0 && fargate < strategy.size()) {
            throw EcsErrors.invalidParameter("A capacity provider strategy cannot contain both Fargate and Auto"
                    + " Scaling group capacity providers.");
        }
    }

    /** {@link #checkStrategy} and: every provider of the strategy is associated with the cluster. */
    public static void checkStrategy(List<CapacityProviderStrategyItem> strategy, List<String> associated) {
        for (CapacityProviderStrategyItem item : strategy) {
            if (!associated.contains(item.capacityProvider())) {
                throw EcsErrors.invalidParameter("The specified capacity provider strategy cannot contain a capacity"
                        + " provider that is not associated with the cluster. Associate the capacity provider with the"
                        + " cluster or specify a valid capacity provider and try again.");
            }
        }
        checkStrategy(strategy);
    }
}
