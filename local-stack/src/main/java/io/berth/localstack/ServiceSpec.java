package io.berth.localstack;

import java.nio.file.Path;
import java.util.List;

/**
 * One Berth service as the local stack runs it: its module, HTTP port (at {@code BERTH_PORT_OFFSET} 0:
 * {@link StackSettings#portOf}) and database.
 */
public record ServiceSpec(String name, int port, String database) {

    /** The seven services, the gateway last since it is the face of all the others. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("cluster-service", 8081, "berth_cluster"),
            new ServiceSpec("scheduler-service", 8082, "berth_scheduler"),
            new ServiceSpec("agent-service", 8083, "berth_agent"),
            new ServiceSpec("scaling-service", 8084, "berth_scaling"),
            new ServiceSpec("registry-service", 8085, "berth_registry"),
            new ServiceSpec("logs-service", 8086, "berth_logs"),
            new ServiceSpec("api-gateway", 8080, "berth_gateway"));

    public Path runner(Path repoRoot) {
        return repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static ServiceSpec named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }
}
