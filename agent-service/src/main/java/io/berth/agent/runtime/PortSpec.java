package io.berth.agent.runtime;

/**
 * One port mapping of a container: the port it listens on, the host port asked for ({@code 0} asks for a dynamic
 * one) and the protocol, {@code tcp} or {@code udp}.
 */
public record PortSpec(int containerPort, int hostPort, String protocol) {

    public PortSpec {
        if (containerPort < 1 || containerPort > 65535) {
            throw new IllegalArgumentException("containerPort must be between 1 and 65535: " + containerPort);
        }
        if (hostPort < 0 || hostPort > 65535) {
            throw new IllegalArgumentException("hostPort must be between 0 and 65535: " + hostPort);
        }
        if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
            throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
        }
    }

    public boolean isDynamic() {
        return hostPort == 0;
    }
}
