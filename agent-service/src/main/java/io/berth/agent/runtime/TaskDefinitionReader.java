package io.berth.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
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
        String networkMode = text(taskDefinition.path("networkMode"), TaskSpec.BRIDGE);
        boolean hostNetwork = "host".equals(networkMode);
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
        List<VolumeSpec> volumes = new ArrayList<>();
        taskDefinition.path("volumes").forEach(volume -> volumes.add(volume(volume)));
        JsonNode taskOverrides = overrides == null ? MissingNode.getInstance() : overrides;
        return TaskSpec.of(taskArn, clusterArn, instanceArn, text(taskDefinition.path("family"), ""),
                taskDefinition.path("revision").asInt(0), networkMode, containers, volumes,
                executionRole(taskDefinition, overrides))
                .withTaskRole(text(taskOverrides.path("taskRoleArn"), text(taskDefinition.path("taskRoleArn"), null)))
                .withSize(size(taskOverrides, taskDefinition, "cpu"), size(taskOverrides, taskDefinition, "memory"));
    }

    /** A task-level size (stored as an integer string), the overrides' first; 0 when neither gives one. */
    private static int size(JsonNode overrides, JsonNode taskDefinition, String member) {
        return overrides.path(member).asInt(taskDefinition.path(member).asInt(0));
    }

    /** RunTask's {@code overrides.executionRoleArn} wins over the definition's, as in ECS. */
    private static String executionRole(JsonNode taskDefinition, JsonNode overrides) {
        String defined = text(taskDefinition.path("executionRoleArn"), null);
        return overrides == null ? defined : text(overrides.path("executionRoleArn"), defined);
    }

    private static VolumeSpec volume(JsonNode volume) {
        String name = text(volume.path("name"), null);
        JsonNode docker = volume.path("dockerVolumeConfiguration");
        JsonNode efs = volume.path("efsVolumeConfiguration");
        if (docker.isObject()) {
            return new VolumeSpec(name, VolumeSpec.Kind.DOCKER, null, text(docker.path("scope"), "task"),
                    docker.path("autoprovision").asBoolean(false), text(docker.path("driver"), "local"),
                    labels(docker.path("driverOpts")), labels(docker.path("labels")), null, null);
        }
        if (efs.isObject()) {
            return VolumeSpec.efs(name, text(efs.path("fileSystemId"), null), text(efs.path("rootDirectory"), "/"));
        }
        String sourcePath = text(volume.path("host").path("sourcePath"), null);
        return sourcePath == null || sourcePath.isBlank() ? VolumeSpec.task(name) : VolumeSpec.host(name, sourcePath);
    }

    private static ContainerDetails details(JsonNode definition) {
        List<ContainerDetails.Ulimit> ulimits = new ArrayList<>();
        definition.path("ulimits").forEach(u -> ulimits.add(new ContainerDetails.Ulimit(text(u.path("name"), ""),
                u.path("softLimit").asLong(), u.path("hardLimit").asLong())));
        List<ContainerDetails.Dependency> dependsOn = new ArrayList<>();
        definition.path("dependsOn").forEach(d -> dependsOn.add(new ContainerDetails.Dependency(
                text(d.path("containerName"), ""), text(d.path("condition"), ContainerDetails.Dependency.START))));
        List<ContainerDetails.MountPoint> mounts = new ArrayList<>();
        definition.path("mountPoints").forEach(m -> mounts.add(new ContainerDetails.MountPoint(
                text(m.path("sourceVolume"), ""), text(m.path("containerPath"), ""), m.path("readOnly").asBoolean())));
        List<ContainerDetails.VolumeFrom> volumesFrom = new ArrayList<>();
        definition.path("volumesFrom").forEach(v -> volumesFrom.add(new ContainerDetails.VolumeFrom(
                text(v.path("sourceContainer"), ""), v.path("readOnly").asBoolean())));
        List<String> environmentFiles = new ArrayList<>();
        definition.path("environmentFiles").forEach(f -> environmentFiles.add(text(f.path("value"), "")));
        return new ContainerDetails(text(definition.path("user"), null),
                definition.path("readonlyRootFilesystem").asBoolean(false), ulimits, definition.path("cpu").asInt(0),
                optionalInt(definition.path("memory")), optionalInt(definition.path("memoryReservation")),
                healthCheck(definition.path("healthCheck")), dependsOn, optionalInt(definition.path("startTimeout")),
                mounts, volumesFrom, environmentFiles, text(definition.path("logConfiguration").path("logDriver"), null),
                labels(definition.path("logConfiguration").path("options")));
    }

    /** ECS's defaults for what a health check leaves out: every 30 s, 5 s to answer, 3 retries, no start period. */
    private static ContainerDetails.HealthCheck healthCheck(JsonNode check) {
        if (!check.isObject()) {
            return null;
        }
        return new ContainerDetails.HealthCheck(strings(check.path("command")),
                Duration.ofSeconds(check.path("interval").asInt(30)),
                Duration.ofSeconds(check.path("timeout").asInt(5)),
                check.path("retries").asInt(3), Duration.ofSeconds(check.path("startPeriod").asInt(0)));
    }

    private static Integer optionalInt(JsonNode node) {
        return node.isNumber() ? node.intValue() : null;
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
                labels(definition.path("dockerLabels")), details(definition));
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
