package io.berth.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts one container of a task as an operating-system process: its argv is the entry point followed by the
 * command (the image is not used: nothing is pulled), its output goes to files in its directory, its standard
 * input is closed, and its environment is built by {@link #environment}.
 */
final class ContainerLauncher {

    private ContainerLauncher() {
    }

    /** @param volumeVariables the {@code BERTH_VOLUME_<NAME>} variables of the container's mounts */
    static Process start(TaskSpec task, ContainerSpec container, List<Binding> bindings, Path directory,
            Map<String, String> volumeVariables) throws IOException {
        Path workingDirectory = workingDirectory(directory, container.workingDirectory());
        Files.createDirectories(workingDirectory);
        ProcessBuilder builder = new ProcessBuilder(container.argv())
                .directory(workingDirectory.toFile())
                .redirectOutput(directory.resolve(TaskWorkspace.STDOUT).toFile())
                .redirectError(directory.resolve(TaskWorkspace.STDERR).toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(task, container, bindings));
        builder.environment().putAll(volumeVariables);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /**
     * Not the agent's environment, which holds its own secrets: only {@code PATH} from it, then the container's
     * variables, then Berth's ({@code BERTH_TASK_ARN}, {@code BERTH_CONTAINER_NAME}, {@code PORT_<containerPort>}
     * with the host port of the first mapping of that container port, and {@code PORT} with the first mapping's
     * host port), which win over the container's.
     */
    private static Map<String, String> environment(TaskSpec task, ContainerSpec container, List<Binding> bindings) {
        Map<String, String> environment = new LinkedHashMap<>();
        String path = System.getenv("PATH");
        if (path != null) {
            environment.put("PATH", path);
        }
        environment.putAll(container.environment());
        environment.put("BERTH_TASK_ARN", task.taskArn());
        environment.put("BERTH_CONTAINER_NAME", container.name());
        Map<String, String> ports = new LinkedHashMap<>();
        bindings.forEach(binding -> ports.putIfAbsent("PORT_" + binding.containerPort(),
                Integer.toString(binding.hostPort())));
        environment.putAll(ports);
        if (!bindings.isEmpty()) {
            environment.put("PORT", Integer.toString(bindings.get(0).hostPort()));
        }
        return environment;
    }

    /**
     * The container's directory stands for its filesystem root: a working directory, absolute or not, is taken
     * inside it, and may not climb out of it.
     */
    private static Path workingDirectory(Path directory, String workingDirectory) throws IOException {
        if (workingDirectory == null) {
            return directory;
        }
        Path resolved = directory.resolve(workingDirectory.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(directory.normalize())) {
            throw new IOException("working directory " + workingDirectory + " is outside the container");
        }
        return resolved;
    }
}
