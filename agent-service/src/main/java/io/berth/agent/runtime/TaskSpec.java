package io.berth.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a runtime is asked to run: one task, placed on one container instance. {@code dockerLabels} are the labels
 * of all its containers merged (see {@link #of}); the simulated runtime reads its instructions from them.
 * {@code networkMode} is {@code bridge}, {@code host}, {@code none} or {@code awsvpc}; {@code revision} is the task
 * definition's (0 when unknown); {@code volumes} are the task definition's volumes; {@code executionRoleArn} (may be
 * null) is the role the agent acts with for the task, e.g. to pull its images and ship its logs; {@code taskRoleArn}
 * (may be null) is the role its containers get credentials for. {@code cpu} (units) and {@code memory} (MiB) are
 * the task-level size, 0 when the definition sets none.
 */
public record TaskSpec(String taskArn, String clusterArn, String containerInstanceArn, String family,
        List<ContainerSpec> containers, Map<String, String> dockerLabels, String networkMode, int revision,
        List<VolumeSpec> volumes, String executionRoleArn, String taskRoleArn, int cpu, int memory) {

    public static final String BRIDGE = "bridge";

    public TaskSpec {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(clusterArn, "clusterArn");
        Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
        Objects.requireNonNull(family, "family");
        containers = List.copyOf(containers);
        dockerLabels = Map.copyOf(dockerLabels);
        networkMode = Objects.requireNonNullElse(networkMode, BRIDGE);
        volumes = List.copyOf(Objects.requireNonNullElse(volumes, List.of()));
        if (containers.isEmpty()) {
            throw new IllegalArgumentException("a task needs at least one container");
        }
        if (containers.stream().noneMatch(ContainerSpec::essential)) {
            throw new IllegalArgumentException("a task needs at least one essential container");
        }
        Set<String> names = new HashSet<>();
        for (ContainerSpec container : containers) {
            if (!names.add(container.name())) {
                throw new IllegalArgumentException("duplicate container name: " + container.name());
            }
        }
        Set<String> volumeNames = new HashSet<>();
        volumes.forEach(volume -> volumeNames.add(volume.name()));
        for (ContainerSpec container : containers) {
            for (ContainerDetails.MountPoint mount : container.details().mountPoints()) {
                if (!volumeNames.contains(mount.sourceVolume())) {
                    throw new IllegalArgumentException("container " + container.name() + " mounts volume "
                            + mount.sourceVolume() + ", which the task does not define");
                }
            }
            for (ContainerDetails.VolumeFrom from : container.details().volumesFrom()) {
                if (!names.contains(from.sourceContainer()) || from.sourceContainer().equals(container.name())) {
                    throw new IllegalArgumentException("container " + container.name() + " takes volumes from "
                            + from.sourceContainer() + ", which is not another container of the task");
                }
            }
            for (ContainerDetails.Dependency dependency : container.details().dependsOn()) {
                if (!names.contains(dependency.containerName())) {
                    throw new IllegalArgumentException("container " + container.name() + " depends on "
                            + dependency.containerName() + ", which is not a container of the task");
                }
            }
        }
    }

    /**
     * A task whose labels are its containers' labels merged in definition order; when two containers set the same
     * label, the earlier container's value wins.
     */
    public static TaskSpec of(String taskArn, String clusterArn, String containerInstanceArn, String family,
            List<ContainerSpec> containers) {
        return of(taskArn, clusterArn, containerInstanceArn, family, 0, BRIDGE, containers, List.of(), null);
    }

    /** The same, with the definition's revision, network mode, volumes and execution role. */
    public static TaskSpec of(String taskArn, String clusterArn, String containerInstanceArn, String family,
            int revision, String networkMode, List<ContainerSpec> containers, List<VolumeSpec> volumes,
            String executionRoleArn) {
        Map<String, String> labels = new LinkedHashMap<>();
        containers.forEach(container -> container.dockerLabels().forEach(labels::putIfAbsent));
        return new TaskSpec(taskArn, clusterArn, containerInstanceArn, family, containers, labels, networkMode,
                revision, volumes, executionRoleArn, null, 0, 0);
    }

    /** The same task with this task role. */
    public TaskSpec withTaskRole(String roleArn) {
        return new TaskSpec(taskArn, clusterArn, containerInstanceArn, family, containers, dockerLabels, networkMode,
                revision, volumes, executionRoleArn, roleArn, cpu, memory);
    }

    /** The same task with the task-level size its definition (or RunTask's overrides) gives: CPU units, MiB. */
    public TaskSpec withSize(int taskCpu, int taskMemory) {
        return new TaskSpec(taskArn, clusterArn, containerInstanceArn, family, containers, dockerLabels, networkMode,
                revision, volumes, executionRoleArn, taskRoleArn, taskCpu, taskMemory);
    }

    /** The account of the task, from its ARN. */
    public String account() {
        return taskArn.split(":", 6)[4];
    }

    /** The region of the task, from its ARN. */
    public String region() {
        return taskArn.split(":", 6)[3];
    }

    /** The last segment of the task ARN. */
    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    public ContainerSpec container(String name) {
        return containers.stream().filter(container -> container.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("task " + taskArn + " has no container " + name));
    }

    /**
     * Reads an ECS task definition (the JSON of {@code DescribeTaskDefinition}'s {@code taskDefinition}) and applies
     * RunTask {@code overrides} (may be null).
     *
     * <p>Read from each of {@code containerDefinitions}: {@code name}, {@code image}, {@code entryPoint},
     * {@code command}, {@code environment} ({@code name}/{@code value} pairs), {@code essential} (default true),
     * {@code portMappings} ({@code containerPort}, {@code hostPort} default 0 = dynamic, {@code protocol} default
     * tcp), {@code stopTimeout}, {@code workingDirectory}, {@code dockerLabels}. With {@code networkMode}
     * {@code host} the host port is the container port, as ECS requires; other modes read {@code hostPort}.
     * A {@code containerOverrides} entry, matched by {@code name}, replaces the command when it gives a non-empty
     * one and merges its {@code environment} over the definition's, by variable name; entries naming no container
     * of the definition are ignored. The overrides' {@code executionRoleArn} replaces the definition's.
     */
    public static TaskSpec fromTaskDefinition(String taskArn, String clusterArn, String instanceArn,
            JsonNode taskDefinition, JsonNode overrides) {
        return TaskDefinitionReader.read(taskArn, clusterArn, instanceArn, taskDefinition, overrides);
    }

    /** The first essential container: the one whose exit a simulation plays. */
    public ContainerSpec firstEssential() {
        return containers.stream().filter(ContainerSpec::essential).findFirst().orElseThrow();
    }
}
