package io.berth.agent.instance;

import io.berth.agent.instance.InstanceCommand.ChangeStatus;
import io.berth.agent.instance.InstanceCommand.DeleteAttributes;
import io.berth.agent.instance.InstanceCommand.PutAttributes;
import io.berth.agent.instance.InstanceCommand.DeregisterInstance;
import io.berth.agent.instance.InstanceCommand.RegisterInstance;
import io.berth.agent.instance.InstanceCommand.SetAgentConnected;
import io.berth.agent.instance.InstanceCommand.SetTags;
import io.berth.ecs.EcsErrors;
import io.berth.events.ContainerInstanceEvent;
import io.berth.events.ContainerInstanceEvent.AgentConnectionChanged;
import io.berth.events.ContainerInstanceEvent.InstanceAttributesChanged;
import io.berth.events.ContainerInstanceEvent.InstanceDeregistered;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.ContainerInstanceEvent.InstanceStatusChanged;
import io.berth.events.ContainerInstanceEvent.InstanceTagsChanged;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import io.berth.eventsourcing.Decider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The container instance aggregate: registration, ACTIVE ⇄ DRAINING, agent connectivity, deregistration. */
public final class InstanceDecider implements Decider<InstanceCommand, ContainerInstanceEvent, InstanceState> {

    static final Set<String> SETTABLE_STATUSES = Set.of("ACTIVE", "DRAINING");

    @Override
    public InstanceState initialState() {
        return InstanceState.NONE;
    }

    @Override
    public List<ContainerInstanceEvent> decide(InstanceCommand command, InstanceState state) {
        if (command instanceof RegisterInstance register) {
            if (!register.clusterActive()) {
                throw EcsErrors.clusterNotFound();
            }
            if (state.isRegistered()) {
                return reregistered(register, state);
            }
            checkResources(register.totalResources());
            return List.of(new InstanceRegistered(register.clusterArn(), register.containerInstanceArn(),
                    register.ec2InstanceId(), register.capacityProviderName(), register.totalResources(),
                    register.attributes(), register.versionInfo(), register.tags()));
        }
        if (!state.isRegistered()) {
            throw EcsErrors.invalidParameter("The referenced container instance " + command.containerInstanceArn()
                    + " is not registered.");
        }
        if (command instanceof DeregisterInstance deregister) {
            if (deregister.runningTasks() > 0 && !deregister.force()) {
                throw EcsErrors.invalidParameter("Found running tasks on the instance.");
            }
            return List.of(new InstanceDeregistered(state.clusterArn(), state.containerInstanceArn(),
                    deregister.force()));
        }
        if (command instanceof ChangeStatus change) {
            if (!SETTABLE_STATUSES.contains(change.status())) {
                throw EcsErrors.invalidParameter("Container instance status must be ACTIVE or DRAINING.");
            }
            if (change.status().equals(state.status())) {
                return List.of();
            }
            return List.of(new InstanceStatusChanged(state.clusterArn(), state.containerInstanceArn(),
                    change.status(), null));
        }
        if (command instanceof SetAgentConnected agent) {
            if (agent.connected() == state.agentConnected()) {
                return List.of();
            }
            return List.of(new AgentConnectionChanged(state.clusterArn(), state.containerInstanceArn(),
                    agent.connected()));
        }
        if (command instanceof SetTags tags) {
            if (tags.tags().equals(state.tags())) {
                return List.of();
            }
            return List.of(new InstanceTagsChanged(state.clusterArn(), state.containerInstanceArn(), tags.tags()));
        }
        if (command instanceof PutAttributes put) {
            Map<String, String> attributes = byName(state.attributes());
            put.attributes().forEach(a -> attributes.put(a.name(), a.value()));
            return changed(state, attributes);
        }
        if (command instanceof DeleteAttributes delete) {
            Map<String, String> attributes = byName(state.attributes());
            delete.names().forEach(attributes::remove);
            return changed(state, attributes);
        }
        throw new IllegalArgumentException("Unknown container instance command " + command);
    }

    /**
     * An agent that restarts registers again with its instance's ARN and what it reports now (its
     * resources are kept): the attributes it reports replace the old values, capabilities it no longer
     * reports go, and custom attributes put since stay.
     */
    private static List<ContainerInstanceEvent> reregistered(RegisterInstance register, InstanceState state) {
        Map<String, String> reported = byName(register.attributes());
        boolean reportsCapabilities = reported.keySet().stream().anyMatch(InstanceDecider::isCapability);
        Map<String, String> attributes = new LinkedHashMap<>();
        state.attributes().stream().filter(a -> !(reportsCapabilities && isCapability(a.name())))
                .forEach(a -> attributes.put(a.name(), a.value()));
        attributes.putAll(reported);
        return changed(state, attributes);
    }

    private static boolean isCapability(String name) {
        return name.startsWith("ecs.capability.") || name.startsWith("com.amazonaws.ecs.capability.");
    }

    private static Map<String, String> byName(List<Attribute> attributes) {
        Map<String, String> byName = new LinkedHashMap<>();
        attributes.forEach(a -> byName.put(a.name(), a.value()));
        return byName;
    }

    private static List<ContainerInstanceEvent> changed(InstanceState state, Map<String, String> attributes) {
        List<Attribute> next = new ArrayList<>();
        attributes.forEach((name, value) -> next.add(new Attribute(name, value, null, null)));
        AttributeRules.checkLimit(next);
        if (next.equals(state.attributes())) {
            return List.of();
        }
        return List.of(new InstanceAttributesChanged(state.clusterArn(), state.containerInstanceArn(), next));
    }

    static void checkResources(List<Resource> resources) {
        for (String required : List.of("CPU", "MEMORY")) {
            Resource resource = resources.stream().filter(r -> required.equals(r.name())).findFirst()
                    .orElseThrow(() -> EcsErrors.invalidParameter("totalResources must include " + required + "."));
            if (resource.integerValue() == null || resource.integerValue() <= 0) {
                throw EcsErrors.invalidParameter("totalResources " + required + " must be a positive integer.");
            }
        }
    }

    @Override
    public InstanceState evolve(InstanceState state, ContainerInstanceEvent event) {
        if (event instanceof InstanceRegistered registered) {
            return new InstanceState(registered.containerInstanceArn(), registered.clusterArn(),
                    registered.ec2InstanceId(), registered.capacityProviderName(), "ACTIVE", true,
                    registered.registeredResources(), registered.attributes(), registered.versionInfo(),
                    registered.tags() == null ? List.of() : registered.tags(), 1);
        }
        if (event instanceof InstanceStatusChanged changed) {
            return state.with(changed.status(), state.agentConnected(), state.attributes(), state.tags());
        }
        if (event instanceof InstanceAttributesChanged changed) {
            return state.with(state.status(), state.agentConnected(), changed.attributes(), state.tags());
        }
        if (event instanceof InstanceTagsChanged changed) {
            return state.with(state.status(), state.agentConnected(), state.attributes(), changed.tags());
        }
        if (event instanceof AgentConnectionChanged changed) {
            return state.with(state.status(), changed.agentConnected(), state.attributes(), state.tags());
        }
        if (event instanceof InstanceDeregistered) {
            return state.with("INACTIVE", false, state.attributes(), state.tags());
        }
        return state;
    }
}
