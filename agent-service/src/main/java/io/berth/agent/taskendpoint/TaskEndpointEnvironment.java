package io.berth.agent.taskendpoint;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.TaskEndpoints;
import io.berth.agent.runtime.TaskSpec;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The variables that lead a container to its task's endpoints, which this service serves on its own port. ECS puts
 * them on {@code 169.254.170.2}, which the ECS agent's host routes to the agent; where that is set up here too
 * ({@code BERTH_TASK_ENDPOINT_URL=http://169.254.170.2}), containers get exactly ECS's variables. Otherwise processes
 * and host-network containers reach this service on loopback, and containers on a container network at
 * {@code BERTH_TASK_ENDPOINT_URL} (by default Podman's name for the host, {@code host.containers.internal}, and this
 * service's port); credentials then come through {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, which SDKs accept on
 * loopback (and curl anywhere).
 */
@ApplicationScoped
public class TaskEndpointEnvironment implements TaskEndpoints {

    /** The link-local address of ECS's endpoints. */
    static final String ECS_ADDRESS = "http://169.254.170.2";

    private final TaskIdentities identities;
    private final HttpServer server;
    private final Optional<String> containerUrl;

    public TaskEndpointEnvironment(TaskIdentities identities, HttpServer server,
            @ConfigProperty(name = "berth.agent.task-endpoint.container-url") Optional<String> containerUrl) {
        this.identities = identities;
        this.server = server;
        this.containerUrl = containerUrl.map(url -> url.replaceAll("/+$", ""));
    }

    @Override
    public Map<String, String> environment(TaskSpec task, ContainerSpec container, Reach reach) {
        String base = reach == Reach.LOOPBACK ? "http://127.0.0.1:" + server.getPort()
                : containerUrl.orElse("http://host.containers.internal:" + server.getPort());
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ECS_CONTAINER_METADATA_URI_V4", base + "/v4/" + identities.metadataId(task, container));
        if (task.taskRoleArn() != null) {
            String path = "/v2/credentials/" + identities.credentialsId(task, task.taskRoleArn());
            if (base.equals(ECS_ADDRESS)) {
                environment.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", path);
            } else {
                environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", base + path);
            }
        }
        return environment;
    }
}
