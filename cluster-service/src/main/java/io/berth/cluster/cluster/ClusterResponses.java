package io.berth.cluster.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Tag;
import java.util.List;
import java.util.Set;

/** The ECS {@code Cluster} shape; {@code include} decides the optional parts as DescribeClusters does. */
final class ClusterResponses {

    private ClusterResponses() {
    }

    /** {@code contents} null means "not known at that time" (an as-of read): counters are left out. */
    static ObjectNode cluster(ClusterState state, ClusterContents contents, Set<String> include) {
        ObjectNode cluster = EventJson.mapper().createObjectNode();
        cluster.put("clusterArn", state.clusterArn());
        cluster.put("clusterName", state.clusterName());
        cluster.put("status", state.status());
        if (contents != null) {
            cluster.put("registeredContainerInstancesCount", contents.registeredContainerInstances());
            cluster.put("runningTasksCount", contents.runningTasks());
            cluster.put("pendingTasksCount", contents.pendingTasks());
            cluster.put("activeServicesCount", contents.activeServices());
            if (include.contains("STATISTICS")) {
                statistics(cluster.putArray("statistics"), contents);
            }
        }
        if (include.contains("TAGS")) {
            tags(cluster.putArray("tags"), state.tags());
        }
        if (include.contains("SETTINGS")) {
            ArrayNode settings = cluster.putArray("settings");
            state.settings().forEach(s -> settings.addObject().put("name", s.name()).put("value", s.value()));
        }
        if (include.contains("CONFIGURATIONS") && state.configuration() != null) {
            cluster.set("configuration", state.configuration());
        }
        ArrayNode providers = cluster.putArray("capacityProviders");
        state.capacityProviders().forEach(providers::add);
        ArrayNode strategy = cluster.putArray("defaultCapacityProviderStrategy");
        state.defaultCapacityProviderStrategy().forEach(item -> strategy.addObject()
                .put("capacityProvider", item.capacityProvider()).put("weight", item.weight())
                .put("base", item.base()));
        if (include.contains("ATTACHMENTS")) {
            cluster.putArray("attachments");
        }
        if (state.serviceConnectDefaults() != null) {
            cluster.set("serviceConnectDefaults", state.serviceConnectDefaults());
        }
        return cluster;
    }

    static void tags(ArrayNode into, List<Tag> tags) {
        tags.forEach(t -> into.addObject().put("key", t.key()).put("value", t.value()));
    }

    /** The split by launch type ECS reports; Berth has no draining state for deleted services, so those stay 0. */
    private static void statistics(ArrayNode statistics, ClusterContents contents) {
        stat(statistics, "runningEC2TasksCount", contents.runningTasks() - contents.runningFargateTasks());
        stat(statistics, "runningFargateTasksCount", contents.runningFargateTasks());
        stat(statistics, "pendingEC2TasksCount", contents.pendingTasks() - contents.pendingFargateTasks());
        stat(statistics, "pendingFargateTasksCount", contents.pendingFargateTasks());
        stat(statistics, "activeEC2ServiceCount", contents.activeServices() - contents.activeFargateServices());
        stat(statistics, "activeFargateServiceCount", contents.activeFargateServices());
        stat(statistics, "drainingEC2ServiceCount", 0);
        stat(statistics, "drainingFargateServiceCount", 0);
    }

    private static void stat(ArrayNode statistics, String name, int value) {
        statistics.addObject().put("name", name).put("value", String.valueOf(value));
    }
}
