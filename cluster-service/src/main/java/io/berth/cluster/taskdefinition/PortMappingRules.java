package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskContext.AWSVPC;
import static io.berth.cluster.taskdefinition.TaskContext.BRIDGE;
import static io.berth.cluster.taskdefinition.TaskContext.HOST;
import static io.berth.cluster.taskdefinition.TaskContext.NONE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code portMappings} of every container of one task: per-mapping rules and defaults as the network
 * mode dictates, then the clashes inside a container and across the task. Use one instance per task.
 */
final class PortMappingRules {

    static final int MAX_RANGES_PER_CONTAINER = 100;
    private static final List<String> PROTOCOLS = List.of("tcp", "udp");
    private static final Set<String> APP_PROTOCOLS = Set.of("http", "http2", "grpc");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    /** Ports a mapping takes: on the container side, or (with a protocol) on the host side. */
    private record Claim(String container, String protocol, int from, int to) {
    }

    private final String networkMode;
    private final List<Claim> hostClaims = new ArrayList<>();
    private final Set<String> mappingNames = new HashSet<>();

    PortMappingRules(String networkMode) {
        this.networkMode = networkMode;
    }

    /** Validates and normalises the mappings of one container ({@code protocol}, {@code hostPort}). */
    void container(String container, List<ObjectNode> mappings) {
        if (mappings.isEmpty()) {
            return;
        }
        if (networkMode.equals(NONE)) {
            throw invalid(container, "portMappings", "Port mappings are not supported when networkMode=none.");
        }
        List<Claim> containerClaims = new ArrayList<>();
        int ranges = 0;
        for (ObjectNode mapping : mappings) {
            String protocol = protocol(container, mapping);
            checkName(container, mapping);
            Claim claim = mapping.has("containerPortRange")
                    ? range(container, mapping, protocol, ++ranges)
                    : single(container, mapping, protocol);
            containerClaims.add(claim);
        }
        // The reference: one container port may not be exposed twice, not even for two protocols.
        Claim clash = firstOverlap(containerClaims);
        if (clash != null) {
            throw invalid(container, "portMappings", "Container port " + clash.from() + " is mapped more than once.");
        }
    }

    /** After all containers: two mappings of the task may not take the same host port and protocol. */
    void checkHostPorts() {
        for (String protocol : PROTOCOLS) {
            Claim clash = firstOverlap(hostClaims.stream().filter(c -> c.protocol().equals(protocol)).toList());
            if (clash != null) {
                throw invalid(clash.container(), "hostPort", "Host port " + clash.from() + "/" + protocol
                        + " is used more than once in this task definition.");
            }
        }
    }

    private String protocol(String container, ObjectNode mapping) {
        String protocol = Members.text(mapping, "protocol");
        if (protocol == null) {
            protocol = "tcp";
            mapping.put("protocol", protocol);
        } else if (!PROTOCOLS.contains(protocol)) {
            throw invalid(container, "protocol", "Valid values: tcp, udp.");
        }
        String appProtocol = Members.text(mapping, "appProtocol");
        if (appProtocol != null && !APP_PROTOCOLS.contains(appProtocol)) {
            throw invalid(container, "appProtocol", "Valid values: http, http2, grpc.");
        }
        return protocol;
    }

    /** Service Connect refers to mappings by name, so a name must be unique in the task. */
    private void checkName(String container, ObjectNode mapping) {
        String name = Members.text(mapping, "name");
        if (name == null) {
            return;
        }
        if (name.isBlank()) {
            throw invalid(container, "portMappings", "A port mapping name should not be empty.");
        }
        if (!mappingNames.add(name)) {
            throw invalid(container, "portMappings", "Port mapping name '" + name
                    + "' is used more than once in this task definition.");
        }
    }

    private Claim single(String container, ObjectNode mapping, String protocol) {
        Integer containerPort = Members.integer(mapping, "containerPort");
        if (containerPort == null || containerPort < 1 || containerPort > 65_535) {
            throw invalid(container, "containerPort", null);
        }
        Integer hostPort = Members.integer(mapping, "hostPort");
        if (hostPort != null && (hostPort < 0 || hostPort > 65_535)) {
            throw invalid(container, "hostPort", null);
        }
        int effectiveHostPort;
        if (networkMode.equals(HOST) || networkMode.equals(AWSVPC)) {
            // The container shares the host's or its own ENI's ports: there is nothing to map.
            if (hostPort != null && hostPort != 0 && !hostPort.equals(containerPort)) {
                throw EcsErrors.clientException("When networkMode=" + networkMode
                        + ", the host ports and container ports in port mappings must match.");
            }
            effectiveHostPort = containerPort;
        } else {
            // bridge: 0 asks Docker for a port from the ephemeral range when the task starts.
            effectiveHostPort = hostPort == null ? 0 : hostPort;
        }
        mapping.put("hostPort", effectiveHostPort);
        if (effectiveHostPort > 0) {
            hostClaims.add(new Claim(container, protocol, effectiveHostPort, effectiveHostPort));
        }
        return new Claim(container, protocol, containerPort, containerPort);
    }

    private Claim range(String container, ObjectNode mapping, String protocol, int ranges) {
        if (mapping.has("containerPort")) {
            throw invalid(container, "portMappings", "Specify either containerPort or containerPortRange, not both.");
        }
        if (!networkMode.equals(BRIDGE) && !networkMode.equals(AWSVPC)) {
            throw invalid(container, "containerPortRange",
                    "Port ranges are only supported when networkMode=bridge or networkMode=awsvpc.");
        }
        if (mapping.has("hostPort")) {
            throw invalid(container, "hostPort", "A hostPort cannot be set together with containerPortRange.");
        }
        if (ranges > MAX_RANGES_PER_CONTAINER) {
            throw invalid(container, "containerPortRange",
                    "A container can have at most " + MAX_RANGES_PER_CONTAINER + " port ranges.");
        }
        Matcher matcher = RANGE.matcher(Members.text(mapping, "containerPortRange"));
        if (!matcher.matches()) {
            throw invalid(container, "containerPortRange", "Use the form <first port>-<last port>.");
        }
        int from = Integer.parseInt(matcher.group(1));
        int to = Integer.parseInt(matcher.group(2));
        if (from < 1 || to > 65_535 || from >= to) {
            throw invalid(container, "containerPortRange",
                    "The first port must be lower than the last one, both between 1 and 65535.");
        }
        if (networkMode.equals(AWSVPC)) {
            // In awsvpc the range is the ENI's own ports; in bridge Docker picks a host range at start.
            hostClaims.add(new Claim(container, protocol, from, to));
        }
        return new Claim(container, protocol, from, to);
    }

    /** The later of the first two claims that overlap; its {@code from} is then a port both take. */
    private static Claim firstOverlap(List<Claim> claims) {
        List<Claim> sorted = new ArrayList<>(claims);
        sorted.sort(Comparator.comparingInt(Claim::from).thenComparingInt(Claim::to));
        for (int i = 1; i < sorted.size(); i++) {
            Claim previous = sorted.get(i - 1);
            Claim current = sorted.get(i);
            if (current.from() <= previous.to()) {
                return current;
            }
        }
        return null;
    }

    private static RuntimeException invalid(String container, String member, String detail) {
        String message = "Invalid '" + member + "' setting for container '" + container + "'.";
        return EcsErrors.clientException(detail == null ? message : message + " " + detail);
    }
}
