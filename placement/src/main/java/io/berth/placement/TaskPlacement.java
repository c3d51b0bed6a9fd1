package io.berth.placement;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A task that holds resources on a container instance: what {@link ClusterIndex#addTask} reserves
 * and {@link ClusterIndex#removeTask} releases. The TCP ports include the dynamic ones the engine
 * chose.
 */
public record TaskPlacement(
        String taskArn,
        String instanceArn,
        Optional<String> group,
        int cpu,
        int memory,
        Set<Integer> tcpPorts,
        Set<Integer> udpPorts) {

    public TaskPlacement {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(instanceArn, "instanceArn");
        group = group == null ? Optional.empty() : group;
        tcpPorts = tcpPorts == null ? Set.of() : Set.copyOf(tcpPorts);
        udpPorts = udpPorts == null ? Set.of() : Set.copyOf(udpPorts);
    }

    public static TaskPlacement of(String taskArn, String instanceArn, String group, int cpu, int memory) {
        return new TaskPlacement(taskArn, instanceArn, Optional.ofNullable(group), cpu, memory, Set.of(), Set.of());
    }

    public TaskPlacement withPorts(Set<Integer> tcp, Set<Integer> udp) {
        return new TaskPlacement(taskArn, instanceArn, group, cpu, memory, tcp, udp);
    }
}
