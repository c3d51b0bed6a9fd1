package io.berth.agent.instance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Resource;
import io.berth.agent.task.InstanceTask;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** The ECS {@code ContainerInstance} shape. */
final class InstanceResponses {

    private InstanceResponses() {
    }

    static ObjectNode containerInstance(InstanceState state, Instant registeredAt, InstanceTask.Usage usage,
            boolean withTags) {
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
        resources(instance.putArray("remainingResources"), state, usage);
        resources(instance.putArray("registeredResources"), state, InstanceTask.Usage.NONE);
        instance.put("status", state.status());
        instance.put("agentConnected", state.agentConnected());
        instance.put("runningTasksCount", usage.running());
        instance.put("pendingTasksCount", usage.pending());
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

    /** The registered resources less what {@code used} holds: CPU and memory, plus the ports taken. */
    private static void resources(ArrayNode into, InstanceState state, InstanceTask.Usage used) {
        for (Resource resource : state.registeredResources()) {
            ObjectNode node = into.addObject().put("name", resource.name()).put("type", resource.type());
            if (resource.integerValue() != null) {
                long taken = "CPU".equals(resource.name()) ? used.cpu()
                        : "MEMORY".equals(resource.name()) ? used.memory() : 0;
                node.put("integerValue", resource.integerValue() - taken);
                node.put("doubleValue", 0.0);
                node.put("longValue", 0);
            }
            if (resource.stringSetValue() != null) {
                Set<String> ports = new TreeSet<>(resource.stringSetValue());
                if ("PORTS".equals(resource.name())) {
                    used.tcpPorts().forEach(p -> ports.add(Integer.toString(p)));
                } else if ("PORTS_UDP".equals(resource.name())) {
                    used.udpPorts().forEach(p -> ports.add(Integer.toString(p)));
                }
                ArrayNode set = node.putArray("stringSetValue");
                ports.forEach(set::add);
            }
        }
    }
}
