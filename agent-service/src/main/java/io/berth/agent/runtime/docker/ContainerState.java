package io.berth.agent.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A container's {@code State} as the engine's inspect answers it, read the same way by everything that asks whether a
 * container started or exited.
 *
 * <p>{@code Running} alone does not tell: while Podman 4.3 stops a container (between the stop signal and the
 * process's end) it answers {@code "Status": "stopping"} with {@code "Running": false} and {@code "ExitCode": 0} — a
 * container that has not exited yet and whose exit code is still to come. Docker has no such status. A container has
 * exited only when it started, is not running and is not stopping.
 */
public record ContainerState(JsonNode state) {

    /** Podman's status for a container between its stop signal and its end (Docker has none). */
    public static final String STOPPING = "stopping";

    /** The {@code State} of an inspect answer (the whole answer, as {@link DockerEngine#inspect} returns it). */
    public static ContainerState of(JsonNode container) {
        return new ContainerState(container.path("State"));
    }

    /** When the container started; null when it never did (created only). */
    public Instant startedAt() {
        String startedAt = state.path("StartedAt").asText("");
        if (startedAt.isEmpty() || startedAt.startsWith("0001-")) {
            return null;
        }
        return OffsetDateTime.parse(startedAt).toInstant();
    }

    /** Whether the container's process is still there: running, or being stopped. */
    public boolean alive() {
        return state.path("Running").asBoolean() || STOPPING.equals(state.path("Status").asText());
    }

    /** Whether the container started and its process has ended, so that {@link #exitCode()} is its exit code. */
    public boolean exited() {
        return startedAt() != null && !alive();
    }

    public int exitCode() {
        return state.path("ExitCode").asInt();
    }

    public boolean oomKilled() {
        return state.path("OOMKilled").asBoolean();
    }
}
