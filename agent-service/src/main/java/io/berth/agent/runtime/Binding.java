package io.berth.agent.runtime;

/** A network binding of a running container, as ECS reports it in {@code networkBindings}. */
public record Binding(String bindIP, int containerPort, int hostPort, String protocol) {

    /** Every runtime binds on all interfaces. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    static Binding of(PortSpec port, int hostPort) {
        return new Binding(ALL_INTERFACES, port.containerPort(), hostPort, port.protocol());
    }
}
