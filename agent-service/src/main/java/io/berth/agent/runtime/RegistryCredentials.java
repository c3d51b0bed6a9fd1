package io.berth.agent.runtime;

import java.util.Optional;

/**
 * Where a runtime gets credentials for pulling a task's image from a registry: none for public and local images,
 * Berth's registry's own for its images (the task's execution role asks for an authorization token, as the ECS
 * agent does with ECR). {@link #NONE} pulls anonymously.
 */
@FunctionalInterface
public interface RegistryCredentials {

    RegistryCredentials NONE = (registry, task) -> Optional.empty();

    /**
     * Credentials for pulling from {@code registry} (a host, possibly with a port; null for Docker Hub) on behalf of
     * {@code task}, if it needs any.
     */
    Optional<Credentials> lookup(String registry, TaskSpec task);

    /** What the engine's {@code X-Registry-Auth} carries. */
    record Credentials(String username, String password, String serverAddress) {
    }
}
