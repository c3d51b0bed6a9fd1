package io.berth.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns ECS task-definition JSON and RunTask overrides into a {@link TaskSpec}; rules on {@link TaskSpec}. */
final class TaskDefinitionReader {

    private TaskDefinitionReader() {
    }

    static TaskSpec read(String taskArn, String clusterArn, String instanceArn, JsonNode taskDefinition,
            JsonNode overrides) {
        boolean hostNetwork = "host".equals(text(taskDefinition.path("networkMode"), "bridge"));
        Map<String, JsonNode> overridesByName = new HashMap<>();
        if (overrides != null) {
            overrides.path("containerOverrides").forEach(o -> overridesByName.put(o.path("name").asText(), o));
        }
        List<ContainerSpec> containers = new ArrayList<>();
        for (JsonNode definition : taskDefinition.path("containerDefinitions")) {
            JsonNode override = overridesByName.getOrDefault(text(definition.path("name"), ""),
                    MissingNode.getInstance());
            containers.add(container(definition, override, hostNetwork));
        }
        return TaskSpec.of(taskArn, clusterArn, instanceArn, text(taskDefinition.path("family"), ""), containers);
    }

    private static ContainerSpec container(JsonNode definition, JsonNode override, boolean hostNetwork) {
        List<String> command = strings(override.path("command"));
        if (command.isEmpty()) {
            command = strings(definition.path("command"));
        }
        Map<String, String> environment = nameValues(definition.path("environment"));
        environment.putAll(nameValues(override.path("environment")));
        JsonNode essential = definition.path("essential");
        JsonNode stopTimeout = definition.path("stopTimeout");
        return new ContainerSpec(text(definition.path("name"), null), text(definition.path("image"), null),
                strings(definition.path("entryPoint")), command, environment,
                !essential.isBoolean() || essential.booleanValue(),
                ports(definition.path("portMappings"), hostNetwork),
                stopTimeout.isInt() ? stopTimeout.intValue() : null, text(definition.path("workingDirectory"), null),
                labels(definition.path("dockerLabels")));
    }

    private static List<PortSpec> ports(JsonNode mappings, boolean hostNetwork) {
        List<PortSpec> ports = new ArrayList<>();
        for (JsonNode mapping : mappings) {
            int containerPort = mapping.path("containerPort").asInt(0);
            int hostPort = hostNetwork ? containerPort : mapping.path("hostPort").asInt(0);
            ports.add(new PortSpec(containerPort, hostPort,
                    text(mapping.path("protocol"), "tcp").toLowerCase(Locale.ROOT)));
        }
        return ports;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    private static Map<String, String> nameValues(JsonNode pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        pairs.forEach(pair -> values.put(pair.path("name").asText(), text(pair.path("value"), "")));
        return values;
    }

    private static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        object.properties().forEach(field -> labels.put(field.getKey(), field.getValue().asText()));
        return labels;
    }

    /** The text of a string node; {@code otherwise} for a missing or JSON-null one (Jackson would say "null"). */
    private static String text(JsonNode node, String otherwise) {
        return node.isTextual() ? node.textValue() : otherwise;
    }
}
