package io.berth.agent.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One container a runtime is asked to run, as its task definition and the RunTask overrides describe it.
 * {@code stopTimeoutSeconds} is null when the task definition leaves it out; the runtime then applies its own
 * default (ECS's is 30 seconds). {@code workingDirectory} may be null. {@code details} holds what only an engine
 * honours in full (user, limits, health check, ordering, mounts).
 */
public record ContainerSpec(String name, String image, List<String> entryPoint, List<String> command,
        Map<String, String> environment, boolean essential, List<PortSpec> portMappings, Integer stopTimeoutSeconds,
        String workingDirectory, Map<String, String> dockerLabels, ContainerDetails details) {

    /** ECS's rule for container names; it also keeps a name safe as a directory name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    public ContainerSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "container name must be 1-255 letters, digits, hyphens or underscores: " + name);
        }
        if (stopTimeoutSeconds != null && stopTimeoutSeconds < 0) {
            throw new IllegalArgumentException("stopTimeoutSeconds must not be negative: " + stopTimeoutSeconds);
        }
        entryPoint = List.copyOf(Objects.requireNonNullElse(entryPoint, List.of()));
        command = List.copyOf(Objects.requireNonNullElse(command, List.of()));
        environment = Map.copyOf(Objects.requireNonNullElse(environment, Map.of()));
        portMappings = List.copyOf(Objects.requireNonNullElse(portMappings, List.of()));
        dockerLabels = Map.copyOf(Objects.requireNonNullElse(dockerLabels, Map.of()));
        details = Objects.requireNonNullElse(details, ContainerDetails.NONE);
    }

    /** A container with no {@link ContainerDetails}. */
    public ContainerSpec(String name, String image, List<String> entryPoint, List<String> command,
            Map<String, String> environment, boolean essential, List<PortSpec> portMappings,
            Integer stopTimeoutSeconds, String workingDirectory, Map<String, String> dockerLabels) {
        this(name, image, entryPoint, command, environment, essential, portMappings, stopTimeoutSeconds,
                workingDirectory, dockerLabels, ContainerDetails.NONE);
    }

    /** The program and its arguments: the entry point followed by the command, as Docker joins them. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>(entryPoint);
        argv.addAll(command);
        return List.copyOf(argv);
    }

    /** How long a stopped container gets between SIGTERM and SIGKILL. */
    public Duration stopTimeout(Duration whenUnset) {
        return stopTimeoutSeconds == null ? whenUnset : Duration.ofSeconds(stopTimeoutSeconds);
    }
}
