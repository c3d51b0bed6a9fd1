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
     * {@code task}, if it needs any. An image of a registry that needs credentials is pulled each time a task
     * starts, as the ECS agent's default pull behaviour does, so a tag that moved is followed.
     *
     * @throws Unavailable when the registry needs credentials and none could be had for the task
     */
    Optional<Credentials> lookup(String registry, TaskSpec task);

    /** What the engine's {@code X-Registry-Auth} carries. */
    record Credentials(String username, String password, String serverAddress) {
    }

    /** The registry's credentials could not be had: the message says why, as the registry's API said it. */
    final class Unavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
