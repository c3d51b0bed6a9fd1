package io.berth.cluster.cluster;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
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
        if (strategy.size() > 20) {
            throw EcsErrors.invalidParameter("A capacity provider strategy can contain at most 20 capacity providers.");
        }
        int withBase = 0;
        int fargate = 0;
        Set<String> seen = new HashSet<>();
        for (CapacityProviderStrategyItem item : strategy) {
            if (!associated.contains(item.capacityProvider())) {
                throw EcsErrors.invalidParameter("The specified capacity provider strategy cannot contain a capacity"
                        + " provider that is not associated with the cluster. Associate the capacity provider with the"
                        + " cluster or specify a valid capacity provider and try again.");
            }
            if (!seen.add(item.capacityProvider())) {
                throw EcsErrors.invalidParameter("The capacity provider strategy contains "
                        + item.capacityProvider() + " more than once.");
            }
            if (item.weight() < 0 || item.weight() > 1000) {
                throw EcsErrors.invalidParameter("The weight of a capacity provider strategy item must be between"
                        + " 0 and 1000.");
            }
            if (item.base() < 0 || item.base() > 100000) {
                throw EcsErrors.invalidParameter("The base of a capacity provider strategy item must be between"
                        + " 0 and 100000.");
            }
            if (item.base() > 0) {
                withBase++;
            }
            if (FARGATE_PROVIDERS.contains(item.capacityProvider())) {
                fargate++;
            }
        }
        if (withBase > 1) {
            throw EcsErrors.invalidParameter("Only one capacity provider in a capacity provider strategy can have a"
                    + " base defined.");
        }
        if (fargate > 0 && fargate < strategy.size()) {
            throw EcsErrors.invalidParameter("A capacity provider strategy cannot contain both Fargate and Auto"
                    + " Scaling group capacity providers.");
        }
    }

    static EcsException contains(String type, String message) {
        return new EcsException(type, message);
    }
}
