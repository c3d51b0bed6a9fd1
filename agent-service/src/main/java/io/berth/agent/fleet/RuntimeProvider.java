package io.berth.agent.fleet;

import io.berth.agent.instance.InstanceService;
import io.berth.agent.runtime.Runtime;
import io.berth.agent.runtime.UtilizationListener;
import java.util.Set;

/**
 * One kind of runtime hosted agents can have, chosen by {@link #name()} when instances are launched. A new runtime
 * is a bean implementing this (with its configuration); {@link RuntimeRegistry} finds it.
 */
public interface RuntimeProvider {

    /** The name the fleet API and {@code BERTH_FLEET} use, e.g. {@code docker}. */
    String name();

    /** Opens the runtime; called once, when the first instance of this kind needs it. */
    Runtime open(UtilizationListener utilization);

    /**
     * Throws {@link io.berth.ecs.EcsException} saying what is missing when this runtime cannot run here (e.g. its
     * engine does not answer), before any instance is launched with it.
     */
    default void checkAvailable() {
    }

    /** The ECS capabilities its instances advertise: what the runtime honours, so placement can rely on it. */
    default Set<String> capabilities() {
        return InstanceService.DEFAULT_CAPABILITIES;
    }

    /**
     * Whether its instances share this host's ports with one another (all of them run on the same engine), so that
     * the runtime picks each dynamic host port itself among the ports free on the host, and reports it, rather than
     * taking the one the scheduler chose on the instance's own books: two instances may be given the same one.
     */
    default boolean choosesDynamicHostPorts() {
        return false;
    }

    /**
     * Whether its tasks go on running while the agent-service is down, so that a restarted agent-service must take
     * them back ({@link io.berth.agent.runtime.DockerRuntime#adopt}) rather than forget them.
     */
    default boolean tasksOutliveAgent() {
        return false;
    }
}
