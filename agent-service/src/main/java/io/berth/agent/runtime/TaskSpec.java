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
 */
public record TaskSpec(String taskArn, String clusterArn, String containerInstanceArn, String family,
        List<ContainerSpec> containers, Map<String, String> dockerLabels) {

    public TaskSpec {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(clusterArn, "clusterArn");
        Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
        Objects.requireNonNull(family, "family");
        containers = List.copyOf(containers);
        dockerLabels = Map.copyOf(dockerLabels);
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
    }

    /**
     * A task whose labels are its containers' labels merged in definition order; when two containers set the same
     * label, the earlier container's value wins.
     */
    public static TaskSpec of(String taskArn, String clusterArn, String containerInstanceArn, String family,
            List<ContainerSpec> containers) {
        Map<String, String> labels = new LinkedHashMap<>();
        containers.forEach(container -> container.dockerLabels().forEach(labels::putIfAbsent));
        return new TaskSpec(taskArn, clusterArn, containerInstanceArn, family, containers, labels);
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
     * of the definition are ignored.
     */
    public static TaskSpec fromTaskDefinition(String taskArn, String clusterArn, String instanceArn,
            JsonNode taskDefinition, JsonNode overrides) {
        return TaskDefinitionReader.read(taskArn, clusterArn, instanceArn, taskDefinition, overrides);
    }

    /** The first essential container: the one whose exit a simulation plays. */
    ContainerSpec firstEssential() {
        return containers.stream().filter(ContainerSpec::essential).findFirst().orElseThrow();
    }
}
