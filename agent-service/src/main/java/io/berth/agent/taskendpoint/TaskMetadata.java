package io.berth.agent.taskendpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.agent.awslogs.AwsLogsOptions;
import io.berth.agent.runtime.Binding;
import io.berth.agent.runtime.ContainerReport;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.TaskReport;
import io.berth.agent.runtime.TaskSpec;
import io.berth.agent.taskendpoint.TaskLookup.HostedTask;
import io.berth.ecs.Arns;
import io.berth.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * The task metadata endpoint's answers (v4), with the members and spelling the ECS agent serializes: a container
 * ({@code /v4/<id>}) and the task with all its containers ({@code /v4/<id>/task}).
 */
final class TaskMetadata {

    private TaskMetadata() {
    }

    static ObjectNode task(HostedTask hosted) {
        TaskSpec spec = hosted.running().spec();
        TaskReport report = hosted.running().report();
        ObjectNode task = EventJson.mapper().createObjectNode();
        task.put("Cluster", spec.clusterArn().substring(spec.clusterArn().lastIndexOf('/') + 1))
                .put("TaskARN", spec.taskArn()).put("Family", spec.family())
                .put("Revision", Integer.toString(spec.revision()))
                .put("DesiredStatus", "STOPPED".equals(report.lastStatus()) ? "STOPPED" : "RUNNING")
                .put("KnownStatus", report.lastStatus());
        if (hosted.group() != null && hosted.group().startsWith("service:")) {
            task.put("ServiceName", hosted.group().substring("service:".length()));
        }
        int cpu = spec.containers().stream().mapToInt(c -> c.details().cpu()).sum();
        int memory = spec.containers().stream().mapToInt(c -> c.details().memory() == null ? 0 : c.details().memory())
                .sum();
        task.putObject("Limits").put("CPU", cpu / 1024.0).put("Memory", memory);
        time(task, "PullStartedAt", report.pullStartedAt());
        time(task, "PullStoppedAt", report.pullStoppedAt());
        time(task, "ExecutionStoppedAt", report.executionStoppedAt());
        task.put("AvailabilityZone", hosted.availabilityZone()).put("LaunchType", "EC2");
        ArrayNode containers = task.putArray("Containers");
        spec.containers().forEach(c -> containers.add(container(hosted, c)));
        task.putObject("ClockDrift").put("ClockErrorBound", 0.5).put("ReferenceTimestamp", Instant.now().toString())
                .put("ClockSynchronizationStatus", "SYNCHRONIZED");
        task.put("FaultInjectionEnabled", false);
        return task;
    }

    static ObjectNode container(HostedTask hosted, ContainerSpec container) {
        TaskSpec spec = hosted.running().spec();
        TaskReport report = hosted.running().report();
        ContainerReport state = report.container(container.name()).orElse(null);
        String dockerId = state != null && state.runtimeId() != null ? state.runtimeId()
                : standInId(spec.taskArn() + "/" + container.name());
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("DockerId", dockerId).put("Name", container.name())
                .put("DockerName", "ecs-" + spec.family() + "-" + spec.revision() + "-" + container.name() + "-"
                        + spec.taskId())
                .put("Image", container.image()).put("ImageID", "");
        ObjectNode labels = node.putObject("Labels");
        container.dockerLabels().forEach(labels::put);
        labels.put("com.amazonaws.ecs.cluster", spec.clusterArn()).put("com.amazonaws.ecs.container-name",
                container.name()).put("com.amazonaws.ecs.task-arn", spec.taskArn())
                .put("com.amazonaws.ecs.task-definition-family", spec.family())
                .put("com.amazonaws.ecs.task-definition-version", Integer.toString(spec.revision()));
        String status = state == null ? "PENDING" : state.lastStatus();
        node.put("DesiredStatus", "STOPPED".equals(report.lastStatus()) ? "STOPPED" : "RUNNING")
                .put("KnownStatus", status);
        if (state != null && state.exitCode() != null) {
            node.put("ExitCode", state.exitCode());
        }
        node.putObject("Limits").put("CPU", container.details().cpu()).put("Memory",
                container.details().memory() == null ? 0 : container.details().memory());
        time(node, "CreatedAt", report.pullStoppedAt());
        if (!"PENDING".equals(status)) {
            time(node, "StartedAt", report.startedAt());
        }
        if ("STOPPED".equals(status)) {
            time(node, "FinishedAt", report.executionStoppedAt() == null ? Instant.now()
                    : report.executionStoppedAt());
        }
        node.put("Type", "NORMAL");
        if (state != null && !state.networkBindings().isEmpty()) {
            ArrayNode ports = node.putArray("Ports");
            for (Binding binding : state.networkBindings()) {
                ports.addObject().put("ContainerPort", binding.containerPort()).put("Protocol", binding.protocol())
                        .put("HostPort", binding.hostPort()).put("HostIp", binding.bindIP());
            }
        }
        ArrayNode networks = node.putArray("Networks");
        networks.addObject().put("NetworkMode", spec.networkMode()).putArray("IPv4Addresses");
        if (state != null && state.healthStatus() != null) {
            node.putObject("Health").put("status", state.healthStatus());
        }
        if (container.details().logDriver() != null) {
            node.put("LogDriver", container.details().logDriver());
            ObjectNode options = node.putObject("LogOptions");
            Map<String, String> given = container.details().logOptions();
            AwsLogsOptions.of(container.details().logDriver(), given).ifPresentOrElse(awslogs -> {
                given.forEach((key, value) -> {
                    if (!key.equals("awslogs-stream-prefix")) {
                        options.put(key, value);
                    }
                });
                // As ECS hands it to Docker: the prefix turned into the container's own stream.
                options.put("awslogs-stream", awslogs.streamName(spec, container, dockerId));
            }, () -> given.forEach(options::put));
        }
        node.put("ContainerARN", Arns.taskContainer(spec.taskArn(), container.name()));
        return node;
    }

    private static void time(ObjectNode node, String member, Instant time) {
        if (time != null) {
            node.put(member, time.toString());
        }
    }

    /** 64 hex characters standing for a container id where no engine gives one (simulated, process). */
    private static String standInId(String of) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(of.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
