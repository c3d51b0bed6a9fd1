package io.berth.agent.fleet;

import io.berth.agent.instance.InstanceService;
import io.berth.agent.runtime.ContainerDetails;
import io.berth.agent.runtime.DockerRuntime;
import io.berth.agent.runtime.ProcessRuntime;
import io.berth.agent.runtime.RegistryCredentials;
import io.berth.agent.runtime.Runtime;
import io.berth.agent.runtime.UtilizationListener;
import io.berth.agent.runtime.docker.DockerEngine;
import io.berth.agent.runtime.docker.EngineException;
import io.berth.ecs.EcsErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code docker}: containers of the Docker engine at {@code DOCKER_HOST} (Docker, or Podman's compatible service),
 * one engine for every docker instance this service hosts. Image pulls use the {@link RegistryCredentials} bean when
 * there is one, anonymous pulls otherwise.
 */
@ApplicationScoped
public class DockerRuntimeProvider implements RuntimeProvider {

    public static final String NAME = "docker";
    /**
     * What the runtime honours: container ordering, EFS volumes, environment files, images from ECR with the
     * execution role, besides the defaults; not awsvpc, which needs task ENIs a plain engine does not give, so such
     * tasks are placed elsewhere.
     */
    static final Set<String> CAPABILITIES = dockerCapabilities();

    private final URI host;
    private final int maxConnections;
    private final DockerRuntime.Settings settings;
    private final Instance<RegistryCredentials> credentials;

    public DockerRuntimeProvider(@ConfigProperty(name = "berth.agent.docker.host") URI host,
            @ConfigProperty(name = "berth.agent.docker.max-connections") int maxConnections,
            @ConfigProperty(name = "berth.agent.docker.directory") Path directory,
            @ConfigProperty(name = "berth.agent.efs-directory") Path efsDirectory,
            @ConfigProperty(name = "berth.agent.docker.environment-files-directory")
                    Optional<Path> environmentFilesDirectory,
            @ConfigProperty(name = "berth.agent.docker.default-ulimits") List<String> defaultUlimits,
            Instance<RegistryCredentials> credentials) {
        this.host = host;
        this.maxConnections = maxConnections;
        this.settings = new DockerRuntime.Settings(directory, efsDirectory, environmentFilesDirectory.orElse(null),
                ProcessRuntime.Settings.ECS_DEFAULT_STOP_TIMEOUT, defaultUlimits.stream()
                        .map(DockerRuntimeProvider::ulimit).toList());
        this.credentials = credentials;
    }

    /** {@code name=soft:hard}, as Docker's {@code --ulimit} and containers.conf write them. */
    static ContainerDetails.Ulimit ulimit(String value) {
        String[] parts = value.trim().split("[=:]");
        if (parts.length != 3) {
            throw new IllegalArgumentException("berth.agent.docker.default-ulimits: '" + value
                    + "' is not name=soft:hard");
        }
        return new ContainerDetails.Ulimit(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Runtime open(UtilizationListener utilization) {
        return new DockerRuntime(new DockerEngine(host, maxConnections), settings,
                credentials.isResolvable() ? credentials.get() : RegistryCredentials.NONE);
    }

    @Override
    public void checkAvailable() {
        try (DockerEngine engine = new DockerEngine(host, 1)) {
            engine.version();
        } catch (EngineException e) {
            throw EcsErrors.invalidParameter("The docker runtime needs a Docker engine at " + host
                    + " (DOCKER_HOST), which did not answer: " + e.getMessage() + ". Install Podman ('apt-get"
                    + " install podman runc') and run 'podman system service --time=0 " + host + "', or point"
                    + " DOCKER_HOST at a Docker socket.");
        }
    }

    @Override
    public Set<String> capabilities() {
        return CAPABILITIES;
    }

    private static Set<String> dockerCapabilities() {
        Set<String> capabilities = new java.util.LinkedHashSet<>(InstanceService.DEFAULT_CAPABILITIES);
        capabilities.remove("ecs.capability.task-eni");
        capabilities.addAll(List.of("ecs.capability.container-ordering", "ecs.capability.efs",
                "ecs.capability.env-files.s3", "com.amazonaws.ecs.capability.ecr-auth",
                "ecs.capability.execution-role-ecr-pull"));
        return java.util.Collections.unmodifiableSet(capabilities);
    }

    @Override
    public boolean choosesDynamicHostPorts() {
        return true;
    }

    @Override
    public boolean tasksOutliveAgent() {
        return true;
    }
}
