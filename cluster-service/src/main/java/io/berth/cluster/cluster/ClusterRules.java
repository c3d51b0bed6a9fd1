package io.berth.cluster.cluster;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.RequestShapes;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.KeyValue;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The ECS rules for cluster settings and capacity provider strategies. */
final class ClusterRules {

    static final Set<String> CONTAINER_INSIGHTS_VALUES = Set.of("enhanced", "enabled", "disabled");
    static final Set<String> FARGATE_PROVIDERS = Set.of("FARGATE", "FARGATE_SPOT");

    private ClusterRules() {
    }

    static void checkSettings(List<KeyValue> settings) {
        for (KeyValue setting : settings) {
            if (!"containerInsights".equals(setting.name())) {
                throw EcsErrors.invalidParameter("Invalid cluster setting name '" + setting.name()
                        + "'. The only valid setting name is containerInsights.");
            }
            if (setting.value() == null || !CONTAINER_INSIGHTS_VALUES.contains(setting.value())) {
                throw EcsErrors.invalidParameter("Invalid value '" + setting.value()
                        + "' for the containerInsights setting. Valid values are enhanced, enabled and disabled.");
            }
        }
    }

    static void checkCapacityProviders(List<String> providers, List<CapacityProviderStrategyItem> strategy,
            Set<String> known) {
        Set<String> seen = new HashSet<>();
        for (String provider : providers) {
            if (!known.contains(provider)) {
                throw EcsErrors.invalidParameter("The specified capacity provider " + provider
                        + " does not exist. Specify a valid capacity provider and try again.");
            }
            if (!seen.add(provider)) {
                throw EcsErrors.invalidParameter("The capacity provider " + provider + " is listed more than once.");
            }
        }
        checkStrategy(strategy, providers);
    }

    static void checkStrategy(List<CapacityProviderStrategyItem> strategy, List<String> associated) {
        for (CapacityProviderStrategyItem item : strategy) {
            if (!associated.contains(item.capacityProvider())) {
                throw EcsErrors.invalidParameter("The specified capacity provider strategy cannot contain a capacity"
                        + " provider that is not associated with the cluster. Associate the capacity provider with the"
                        + " cluster or specify a valid capacity provider and try again.");
            }
        }
        RequestShapes.checkStrategy(strategy);
        long fargate = strategy.stream().filter(i -> FARGATE_PROVIDERS.contains(i.capacityProvider())).count();
        if (fargate > 0 && fargate < strategy.size()) {
            throw EcsErrors.invalidParameter("A capacity provider strategy cannot contain both Fargate and Auto"
                    + " Scaling group capacity providers.");
        }
    }

    static EcsException contains(String type, String message) {
        return new EcsException(type, message);
    }
}
