package io.berth.agent.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Docker Engine API's container-create body for one container of a task, as the ECS agent fills it: program,
 * environment, user, working directory, labels, ports, network mode, mounts, limits, ulimits, stop timeout. Pure.
 */
final class ContainerRequests {

    static final String LABEL_CLUSTER = "com.amazonaws.ecs.cluster";
    static final String LABEL_CONTAINER_NAME = "com.amazonaws.ecs.container-name";
    static final String LABEL_TASK_ARN = "com.amazonaws.ecs.task-arn";
    static final String LABEL_FAMILY = "com.amazonaws.ecs.task-definition-family";
    static final String LABEL_REVISION = "com.amazonaws.ecs.task-definition-version";
    /** Which hosted instance runs the container: one engine serves every docker instance of the agent-service. */
    static final String LABEL_INSTANCE = "io.berth.container-instance-arn";

    /** Docker's smallest CPU share; ECS gives it to containers that reserve less. */
    private static final int MIN_CPU_SHARES = 2;
    private static final long MIB = 1024L * 1024L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerRequests() {
    }

    /**
     * @param bindings the container's host ports (bridge mode)
     * @param mounts the task's volumes by name: an engine volume name or an absolute host path
     * @param dockerNames the engine's names of the task's containers, by container name
     * @param environment the container's full environment, in order
     * @param defaultUlimits added for the names a container that sets some ulimits leaves out
     */
    static ObjectNode create(TaskSpec task, ContainerSpec container, List<Binding> bindings,
            Map<String, String> mounts, Map<String, String> dockerNames, Map<String, String> environment,
            Duration defaultStopTimeout, List<ContainerDetails.Ulimit> defaultUlimits) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Image", container.image());
        if (!container.entryPoint().isEmpty()) {
            strings(body.putArray("Entrypoint"), container.entryPoint());
        }
        if (!container.command().isEmpty()) {
            strings(body.putArray("Cmd"), container.command());
        }
        ArrayNode env = body.putArray("Env");
        environment.forEach((name, value) -> env.add(name + "=" + value));
        ContainerDetails details = container.details();
        if (container.workingDirectory() != null) {
            body.put("WorkingDir", container.workingDirectory());
        }
        if (details.user() != null) {
            body.put("User", details.user());
        }
        body.set("Labels", JSON.valueToTree(labels(task, container)));
        body.put("StopTimeout", container.stopTimeout(defaultStopTimeout).toSeconds());
        // The agent runs the task definition's health check itself; an image's own is ignored, as ECS does.
        body.putObject("Healthcheck").putArray("Test").add("NONE");
        ObjectNode host = body.putObject("HostConfig");
        host.put("NetworkMode", task.networkMode());
        if (TaskSpec.BRIDGE.equals(task.networkMode()) && !container.portMappings().isEmpty()) {
            ObjectNode exposed = body.putObject("ExposedPorts");
            ObjectNode ports = host.putObject("PortBindings");
            for (Binding binding : bindings) {
                String key = binding.containerPort() + "/" + binding.protocol();
                exposed.putObject(key);
                ArrayNode hostPorts = ports.has(key) ? (ArrayNode) ports.get(key) : ports.putArray(key);
                hostPorts.addObject().put("HostIp", "").put("HostPort", Integer.toString(binding.hostPort()));
            }
        }
        ArrayNode binds = host.putArray("Binds");
        for (ContainerDetails.MountPoint mount : details.mountPoints()) {
            binds.add(mounts.get(mount.sourceVolume()) + ":" + mount.containerPath() + (mount.readOnly() ? ":ro" : ""));
        }
        ArrayNode volumesFrom = host.putArray("VolumesFrom");
        details.volumesFrom().forEach(from -> volumesFrom.add(dockerNames.get(from.sourceContainer())
                + (from.readOnly() ? ":ro" : ":rw")));
        host.put("CpuShares", Math.max(MIN_CPU_SHARES, details.cpu()));
        if (details.memory() != null) {
            host.put("Memory", details.memory() * MIB);
        }
        if (details.memoryReservation() != null) {
            host.put("MemoryReservation", details.memoryReservation() * MIB);
        }
        host.put("ReadonlyRootfs", details.readonlyRootFilesystem());
        ArrayNode ulimits = host.putArray("Ulimits");
        List<ContainerDetails.Ulimit> limits = new ArrayList<>(details.ulimits());
        if (!limits.isEmpty()) {
            defaultUlimits.stream().filter(d -> limits.stream().noneMatch(u -> u.name().equals(d.name())))
                    .forEach(limits::add);
        }
        limits.forEach(u -> ulimits.addObject().put("Name", u.name()).put("Soft", u.softLimit())
                .put("Hard", u.hardLimit()));
        return body;
    }

    /** The container's docker labels, then the ones the ECS agent sets, then the instance it runs on. */
    static Map<String, String> labels(TaskSpec task, ContainerSpec container) {
        Map<String, String> labels = new LinkedHashMap<>(container.dockerLabels());
        labels.put(LABEL_CLUSTER, task.clusterArn());
        labels.put(LABEL_CONTAINER_NAME, container.name());
        labels.put(LABEL_TASK_ARN, task.taskArn());
        labels.put(LABEL_FAMILY, task.family());
        labels.put(LABEL_REVISION, Integer.toString(task.revision()));
        labels.put(LABEL_INSTANCE, task.containerInstanceArn());
        return labels;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
