package io.berth.agent.instance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Resource;
import java.time.Instant;

/** The ECS {@code ContainerInstance} shape. */
final class InstanceResponses {

    private InstanceResponses() {
    }

    static ObjectNode containerInstance(InstanceState state, Instant registeredAt, boolean withTags) {
        ObjectNode instance = EventJson.mapper().createObjectNode();
        instance.put("containerInstanceArn", state.containerInstanceArn());
        if (state.ec2InstanceId() != null) {
            instance.put("ec2InstanceId", state.ec2InstanceId());
        }
        if (state.capacityProviderName() != null) {
            instance.put("capacityProviderName", state.capacityProviderName());
        }
        instance.put("version", state.version());
        if (state.versionInfo() != null) {
            instance.set("versionInfo", EventJson.mapper().valueToTree(state.versionInfo()));
        }
        // Tasks arrive with the scheduler; until then what remains is what was registered.
        resources(instance.putArray("remainingResources"), state);
        resources(instance.putArray("registeredResources"), state);
        instance.put("status", state.status());
        instance.put("agentConnected", state.agentConnected());
        instance.put("runningTasksCount", 0);
        instance.put("pendingTasksCount", 0);
        ArrayNode attributes = instance.putArray("attributes");
        state.attributes().forEach(a -> {
            ObjectNode attribute = attributes.addObject().put("name", a.name());
            if (a.value() != null) {
                attribute.put("value", a.value());
            }
        });
        instance.put("registeredAt", Timestamps.epochSeconds(registeredAt));
        if (withTags) {
            ArrayNode tags = instance.putArray("tags");
            state.tags().forEach(t -> tags.addObject().put("key", t.key()).put("value", t.value()));
        }
        return instance;
    }

    private static void resources(ArrayNode into, InstanceState state) {
        for (Resource resource : state.registeredResources()) {
            ObjectNode node = into.addObject().put("name", resource.name()).put("type", resource.type());
            if (resource.integerValue() != null) {
                node.put("integerValue", resource.integerValue());
                node.put("doubleValue", 0.0);
                node.put("longValue", 0);
            }
            if (resource.stringSetValue() != null) {
                ArrayNode set = node.putArray("stringSetValue");
                resource.stringSetValue().forEach(set::add);
            }
        }
    }
}
