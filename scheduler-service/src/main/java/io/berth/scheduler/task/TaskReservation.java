package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.EcsErrors;
import io.berth.events.Shapes.NetworkBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one task of a task definition reserves on a container instance, after RunTask's overrides:
 * CPU units, MiB of memory, static host ports and the port mappings that need a dynamic host port.
 * Task-level {@code cpu}/{@code memory} win over the sum of the containers', as in ECS.
 *
 * @param dynamic the port mappings whose host port the scheduler picks, in definition order
 */
public record TaskReservation(int cpu, int memory, Set<Integer> tcpPorts, Set<Integer> udpPorts,
        List<NetworkBinding> staticBindings, List<NetworkBinding> dynamic) {

    public TaskReservation {
        tcpPorts = Set.copyOf(tcpPorts);
        udpPorts = Set.copyOf(udpPorts);
        staticBindings = List.copyOf(staticBindings);
        dynamic = List.copyOf(dynamic);
    }

    public static TaskReservation of(JsonNode taskDefinition, JsonNode overrides) {
        Map<String, JsonNode> containerOverrides = new HashMap<>();
        if (overrides != null) {
            for (JsonNode o : overrides.path("containerOverrides")) {
                containerOverrides.put(o.path("name").asText(), o);
            }
        }
        String networkMode = taskDefinition.path("networkMode").asText("bridge");
        int cpu = 0;
        int memory = 0;
        Set<Integer> tcp = new LinkedHashSet<>();
        Set<Integer> udp = new LinkedHashSet<>();
        List<NetworkBinding> staticBindings = new ArrayList<>();
        List<NetworkBinding> dynamic = new ArrayList<>();
        for (JsonNode container : taskDefinition.path("containerDefinitions")) {
            JsonNode override = containerOverrides.get(container.path("name").asText());
            cpu += intOf(override, "cpu", container.path("cpu").asInt(0));
            int hard = intOf(override, "memory", container.path("memory").asInt(0));
            int soft = intOf(override, "memoryReservation", container.path("memoryReservation").asInt(0));
            memory += hard > 0 ? hard : soft;
            if ("awsvpc".equals(networkMode) || "none".equals(networkMode)) {
                continue;
            }
            for (JsonNode mapping : container.path("portMappings")) {
                int containerPort = mapping.path("containerPort").asInt(0);
                int hostPort = "host".equals(networkMode) ? containerPort : mapping.path("hostPort").asInt(0);
                String protocol = mapping.path("protocol").asText("tcp").toLowerCase(Locale.ROOT);
                if (hostPort == 0) {
                    dynamic.add(new NetworkBinding("0.0.0.0", containerPort, 0, protocol));
                    continue;
                }
                Set<Integer> ports = "udp".equals(protocol) ? udp : tcp;
                if (!ports.add(hostPort)) {
                    throw EcsErrors.invalidParameter("Host port " + hostPort + "/" + protocol
                            + " is mapped more than once in the task definition.");
                }
                staticBindings.add(new NetworkBinding("0.0.0.0", containerPort, hostPort, protocol));
            }
        }
        cpu = taskSize(overrides, "cpu", taskSize(taskDefinition, "cpu", cpu));
        memory = taskSize(overrides, "memory", taskSize(taskDefinition, "memory", memory));
        return new TaskReservation(cpu, memory, tcp, udp, staticBindings, dynamic);
    }

    /** The bindings of a placed task: the static ones and the dynamic ones with the chosen ports. */
    public List<NetworkBinding> bindings(List<Integer> chosenDynamicPorts) {
        List<NetworkBinding> all = new ArrayList<>(staticBindings);
        for (int i = 0; i < dynamic.size() && i < chosenDynamicPorts.size(); i++) {
            NetworkBinding d = dynamic.get(i);
            all.add(new NetworkBinding(d.bindIP(), d.containerPort(), chosenDynamicPorts.get(i), d.protocol()));
        }
        return all;
    }

    private static int intOf(JsonNode node, String member, int fallback) {
        if (node == null || !node.hasNonNull(member)) {
            return fallback;
        }
        return node.get(member).asInt(fallback);
    }

    /**
     * Task-level sizes are strings: a number of CPU units or MiB, or {@code "1 vCPU"},
     * {@code "0.5 vcpu"}, {@code "2 GB"}.
     */
    static int taskSize(JsonNode node, String member, int fallback) {
        if (node == null || !node.hasNonNull(member) || node.get(member).asText().isBlank()) {
            return fallback;
        }
        String text = node.get(member).asText().trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("vcpu")) {
                return (int) Math.round(Double.parseDouble(text.substring(0, text.length() - 4).trim()) * 1024);
            }
            if (text.endsWith("gb")) {
                return (int) Math.round(Double.parseDouble(text.substring(0, text.length() - 2).trim()) * 1024);
            }
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw EcsErrors.invalidParameter("Invalid " + member + " value " + node.get(member).asText() + ".");
        }
    }
}
