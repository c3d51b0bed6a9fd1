package io.berth.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.NetworkBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scheduler reserves every host port of a task, the dynamic ones included; the runtime must
 * use exactly those. This writes the reserved ports into a copy of the task definition, so each
 * port mapping that asked for a dynamic host port carries the one the scheduler chose.
 */
final class HostPorts {

    private HostPorts() {
    }

    static JsonNode assign(JsonNode taskDefinition, List<NetworkBinding> reserved) {
        ObjectNode copy = taskDefinition.deepCopy();
        if (reserved == null || reserved.isEmpty() || "host".equals(copy.path("networkMode").asText())) {
            return copy;
        }
        List<NetworkBinding> unused = new ArrayList<>(reserved);
        List<ObjectNode> dynamic = new ArrayList<>();
        for (JsonNode container : copy.path("containerDefinitions")) {
            for (JsonNode mapping : container.path("portMappings")) {
                int hostPort = mapping.path("hostPort").asInt(0);
                if (hostPort == 0) {
                    dynamic.add((ObjectNode) mapping);
                } else {
                    unused.removeIf(b -> b.hostPort() == hostPort && b.protocol().equals(protocol(mapping)));
                }
            }
        }
        for (ObjectNode mapping : dynamic) {
            int containerPort = mapping.path("containerPort").asInt();
            for (NetworkBinding binding : unused) {
                if (binding.containerPort() == containerPort && binding.protocol().equals(protocol(mapping))) {
                    mapping.put("hostPort", binding.hostPort());
                    unused.remove(binding);
                    break;
                }
            }
        }
        return copy;
    }

    /**
     * A Fargate task's definition as its runtime runs it: the task's ports are on its own network
     * interface, which Berth does not make, so none is taken on this host (an awsvpc task has no
     * network bindings in ECS either).
     */
    static JsonNode withoutHostPorts(JsonNode taskDefinition) {
        ObjectNode copy = taskDefinition.deepCopy();
        for (JsonNode container : copy.path("containerDefinitions")) {
            ((ObjectNode) container).remove("portMappings");
        }
        return copy;
    }

    private static String protocol(JsonNode mapping) {
        return mapping.path("protocol").asText("tcp").toLowerCase(Locale.ROOT);
    }
}
