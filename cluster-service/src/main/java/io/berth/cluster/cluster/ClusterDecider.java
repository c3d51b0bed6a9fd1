package io.berth.cluster.cluster;

import io.berth.cluster.cluster.ClusterCommand.CreateCluster;
import io.berth.cluster.cluster.ClusterCommand.DeleteCluster;
import io.berth.cluster.cluster.ClusterCommand.PutClusterCapacityProviders;
import io.berth.cluster.cluster.ClusterCommand.TagCluster;
import io.berth.cluster.cluster.ClusterCommand.UntagCluster;
import io.berth.cluster.cluster.ClusterCommand.UpdateCluster;
import io.berth.cluster.cluster.ClusterCommand.UpdateClusterSettings;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.Tags;
import io.berth.events.ClusterEvent;
import io.berth.events.ClusterEvent.ClusterCapacityProvidersPut;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.ClusterEvent.ClusterSettingsUpdated;
import io.berth.events.ClusterEvent.ClusterTagsChanged;
import io.berth.events.ClusterEvent.ClusterUpdated;
import io.berth.events.Shapes.KeyValue;
import io.berth.eventsourcing.Decider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cluster aggregate: the ECS rules of CreateCluster, UpdateCluster(Settings), capacity providers, tags and DeleteCluster. */
public final class ClusterDecider implements Decider<ClusterCommand, ClusterEvent, ClusterState> {

    @Override
    public ClusterState initialState() {
        return ClusterState.NONE;
    }

    @Override
    public List<ClusterEvent> decide(ClusterCommand command, ClusterState state) {
        if (command instanceof CreateCluster create) {
            return create(create, state);
        }
        if (command instanceof DeleteCluster delete) {
            return delete(delete, state);
        }
        requireActive(state);
        if (command instanceof UpdateCluster update) {
            if (update.settings().isEmpty() && update.configuration() == null
                    && update.serviceConnectDefaults() == null) {
                throw EcsErrors.invalidParameter("At least one of settings, configuration or serviceConnectDefaults"
                        + " must be specified.");
            }
            ClusterRules.checkSettings(update.settings());
            return List.of(new ClusterUpdated(update.clusterArn(),
                    update.settings().isEmpty() ? null : update.settings(), update.configuration(),
                    update.serviceConnectDefaults()));
        }
        if (command instanceof UpdateClusterSettings update) {
            if (update.settings().isEmpty()) {
                throw EcsErrors.missing("settings");
            }
            ClusterRules.checkSettings(update.settings());
            return List.of(new ClusterSettingsUpdated(update.clusterArn(), update.settings()));
        }
        if (command instanceof PutClusterCapacityProviders put) {
            ClusterRules.checkCapacityProviders(put.capacityProviders(), put.defaultCapacityProviderStrategy(),
                    put.knownCapacityProviders());
            if (state.capacityProviders().stream().anyMatch(p -> !put.capacityProviders().contains(p)
                    && put.providersInUse().contains(p))) {
                throw new EcsException(EcsErrors.RESOURCE_IN_USE,
                        "The specified capacity provider is in use and cannot be removed.");
            }
            return List.of(new ClusterCapacityProvidersPut(put.clusterArn(), put.capacityProviders(),
                    put.defaultCapacityProviderStrategy()));
        }
        if (command instanceof TagCluster tag) {
            return List.of(new ClusterTagsChanged(tag.clusterArn(), Tags.merge(state.tags(), tag.tags())));
        }
        if (command instanceof UntagCluster untag) {
            return List.of(new ClusterTagsChanged(untag.clusterArn(), Tags.remove(state.tags(), untag.tagKeys())));
        }
        throw new IllegalArgumentException("Unknown cluster command " + command);
    }

    private static List<ClusterEvent> create(CreateCluster create, ClusterState state) {
        if (state.isActive()) {
            // CreateCluster is idempotent by name: the existing cluster is returned, not replaced.
            return List.of();
        }
        ClusterRules.checkSettings(create.settings());
        ClusterRules.checkCapacityProviders(create.capacityProviders(), create.defaultCapacityProviderStrategy(),
                create.knownCapacityProviders());
        return List.of(new ClusterCreated(create.clusterArn(), create.clusterName(), create.settings(),
                create.capacityProviders(), create.defaultCapacityProviderStrategy(), create.tags(),
                create.configuration(), create.serviceConnectDefaults()));
    }

    private static List<ClusterEvent> delete(DeleteCluster delete, ClusterState state) {
        requireActive(state);
        ClusterContents contents = delete.contents();
        if (contents.registeredContainerInstances() > 0) {
            throw ClusterRules.contains("ClusterContainsContainerInstancesException",
                    "The Cluster cannot be deleted while Container Instances are active or draining.");
        }
        if (contents.activeServices() > 0) {
            throw ClusterRules.contains("ClusterContainsServicesException",
                    "The Cluster cannot be deleted while Services are active.");
        }
        if (contents.runningTasks() + contents.pendingTasks() > 0) {
            throw ClusterRules.contains("ClusterContainsTasksException",
                    "The Cluster cannot be deleted while Tasks are active.");
        }
        return List.of(new ClusterDeleted(delete.clusterArn()));
    }

    private static void requireActive(ClusterState state) {
        if (!state.isActive()) {
            throw EcsErrors.clusterNotFound();
        }
    }

    @Override
    public ClusterState evolve(ClusterState state, ClusterEvent event) {
        if (event instanceof ClusterCreated created) {
            return new ClusterState(created.clusterArn(), created.clusterName(), ClusterState.ACTIVE,
                    listOf(created.settings()), created.configuration(), created.serviceConnectDefaults(),
                    listOf(created.capacityProviders()), listOf(created.defaultCapacityProviderStrategy()),
                    listOf(created.tags()));
        }
        if (event instanceof ClusterUpdated updated) {
            return state.with(state.status(),
                    updated.settings() == null ? state.settings() : merge(state.settings(), updated.settings()),
                    updated.configuration() == null ? state.configuration() : updated.configuration(),
                    updated.serviceConnectDefaults() == null ? state.serviceConnectDefaults()
                            : updated.serviceConnectDefaults(),
                    state.capacityProviders(), state.defaultCapacityProviderStrategy(), state.tags());
        }
        if (event instanceof ClusterSettingsUpdated updated) {
            return state.with(state.status(), merge(state.settings(), updated.settings()), state.configuration(),
                    state.serviceConnectDefaults(), state.capacityProviders(),
                    state.defaultCapacityProviderStrategy(), state.tags());
        }
        if (event instanceof ClusterCapacityProvidersPut put) {
            return state.with(state.status(), state.settings(), state.configuration(),
                    state.serviceConnectDefaults(), listOf(put.capacityProviders()),
                    listOf(put.defaultCapacityProviderStrategy()), state.tags());
        }
        if (event instanceof ClusterTagsChanged tags) {
            return state.with(state.status(), state.settings(), state.configuration(),
                    state.serviceConnectDefaults(), state.capacityProviders(),
                    state.defaultCapacityProviderStrategy(), listOf(tags.tags()));
        }
        if (event instanceof ClusterDeleted) {
            return state.with(ClusterState.INACTIVE, state.settings(), state.configuration(),
                    state.serviceConnectDefaults(), state.capacityProviders(),
                    state.defaultCapacityProviderStrategy(), state.tags());
        }
        return state;
    }

    /** Settings are merged by name: an update changes the named settings and keeps the others. */
    static List<KeyValue> merge(List<KeyValue> current, List<KeyValue> updates) {
        Map<String, String> byName = new LinkedHashMap<>();
        current.forEach(s -> byName.put(s.name(), s.value()));
        updates.forEach(s -> byName.put(s.name(), s.value()));
        List<KeyValue> merged = new ArrayList<>();
        byName.forEach((name, value) -> merged.add(new KeyValue(name, value)));
        return merged;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
