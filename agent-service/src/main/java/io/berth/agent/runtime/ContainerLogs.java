package io.berth.agent.runtime;

import java.util.Optional;

/**
 * Where the output of containers goes besides what a runtime keeps itself: the log driver of a container's
 * {@code logConfiguration}. A runtime opens a container's log before it starts the container and feeds it every
 * line the container writes; a log that cannot be opened stops the container from starting, as a Docker log driver
 * that fails to initialize does.
 */
@FunctionalInterface
public interface ContainerLogs {

    /** No driver: runtimes keep output as they always do. */
    ContainerLogs NONE = (task, container, containerId, resume) -> Optional.empty();

    /**
     * The log of one container, or empty when its definition names no driver this agent ships for.
     *
     * @param containerId the engine's id of the container, or null where no engine runs it
     * @param resume whether the container already ran under an earlier agent (its log goes on where it was)
     * @throws LogDriverException when the driver cannot start: the container must not start either
     */
    Optional<ContainerLog> open(TaskSpec task, ContainerSpec container, String containerId, boolean resume)
            throws LogDriverException;

    /** Why a container's log driver could not start, in the words the container's stopped reason gives. */
    final class LogDriverException extends Exception {

        private static final long serialVersionUID = 1L;

        public LogDriverException(String message) {
            super(message);
        }
    }
}
