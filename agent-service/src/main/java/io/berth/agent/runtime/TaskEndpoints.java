package io.berth.agent.runtime;

import java.util.Map;

/**
 * The agent's endpoints for the code inside a task's containers: task metadata (v4) and, for a task with a task
 * role, its credentials. They are found through environment variables, as in ECS; where the endpoint answers
 * depends on how the container reaches the agent.
 */
@FunctionalInterface
public interface TaskEndpoints {

    /** No endpoints: containers get none of the variables. */
    TaskEndpoints NONE = (task, container, reach) -> Map.of();

    /** How a container reaches the agent. */
    enum Reach {
        /** It shares the agent's network (a process, a container in host network mode): loopback works. */
        LOOPBACK,
        /** It has a network of its own (a bridge): the engine's way to the host, or ECS's 169.254.170.2. */
        CONTAINER_NETWORK
    }

    /** The variables that point this container at its endpoints. */
    Map<String, String> environment(TaskSpec task, ContainerSpec container, Reach reach);
}
