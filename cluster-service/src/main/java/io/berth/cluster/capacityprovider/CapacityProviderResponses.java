package io.berth.cluster.capacityprovider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;

/** The ECS {@code CapacityProvider} shape. */
final class CapacityProviderResponses {

    private CapacityProviderResponses() {
    }

    static ObjectNode capacityProvider(CapacityProviderState state, boolean withTags) {
        ObjectNode provider = EventJson.mapper().createObjectNode();
        provider.put("capacityProviderArn", state.capacityProviderArn());
        provider.put("name", state.name());
        provider.put("status", state.status());
        ObjectNode asg = provider.putObject("autoScalingGroupProvider");
        asg.put("autoScalingGroupArn", state.autoScalingGroupArn());
        asg.set("managedScaling", EventJson.mapper().valueToTree(state.managedScaling()));
        asg.put("managedTerminationProtection", state.managedTerminationProtection());
        asg.put("managedDraining", state.effectiveManagedDraining());
        if (state.updateStatus() != null) {
            provider.put("updateStatus", state.updateStatus());
        }
        if (withTags) {
            ArrayNode tags = provider.putArray("tags");
            state.tags().forEach(t -> tags.addObject().put("key", t.key()).put("value", t.value()));
        }
        return provider;
    }
}
