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
        RequestShapes.checkStrategy(strategy, providers);
    }

    static EcsException contains(String type, String message) {
        return new EcsException(type, message);
    }
}
