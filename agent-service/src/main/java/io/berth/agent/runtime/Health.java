package io.berth.agent.runtime;

import java.util.List;
import java.util.Map;

/** ECS's health statuses and how a task's health follows from its containers'. */
public final class Health {

    public static final String HEALTHY = "HEALTHY";
    public static final String UNHEALTHY = "UNHEALTHY";
    public static final String UNKNOWN = "UNKNOWN";

    private Health() {
    }

    /**
     * The task's health from its essential containers that have a health check: any UNHEALTHY makes it UNHEALTHY,
     * else any not yet known makes it UNKNOWN, else HEALTHY. Null when no essential container has a health check:
     * the task's health is then not the agent's to tell. Non-essential containers never count.
     *
     * @param healthByContainer the containers' health statuses by name, null or absent while not known
     */
    public static String ofTask(List<ContainerSpec> containers, Map<String, String> healthByContainer) {
        List<ContainerSpec> checked = containers.stream()
                .filter(c -> c.essential() && c.details().healthCheck() != null).toList();
        if (checked.isEmpty()) {
            return null;
        }
        List<String> statuses = checked.stream().map(c -> healthByContainer.getOrDefault(c.name(), UNKNOWN))
                .map(status -> status == null ? UNKNOWN : status).toList();
        if (statuses.contains(UNHEALTHY)) {
            return UNHEALTHY;
        }
        return statuses.contains(UNKNOWN) ? UNKNOWN : HEALTHY;
    }
}
