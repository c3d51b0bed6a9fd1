package io.berth.agent.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the process runtime keeps each container of a task: {@code <base>/<taskId>/<container>/}, holding the
 * container's {@code stdout.log} and {@code stderr.log}. {@code taskId} is the last segment of the task ARN.
 * Nothing here deletes them: they outlive the task so its logs can still be read.
 */
final class TaskWorkspace {

    static final String STDOUT = "stdout.log";
    static final String STDERR = "stderr.log";

    /** Task ids and container names become directory names; this keeps them inside the base directory. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private final Path base;

    TaskWorkspace(Path base) {
        this.base = base;
    }

    /** The container's directory, if the task id and container name are usable as directory names. */
    Optional<Path> directory(String taskArn, String containerName) {
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        if (!SAFE_NAME.matcher(taskId).matches() || !SAFE_NAME.matcher(containerName).matches()) {
            return Optional.empty();
        }
        return Optional.of(base.resolve(taskId).resolve(containerName));
    }

    /** The container's stdout followed by its stderr, if the container was ever started here. */
    Optional<String> logs(String taskArn, String containerName) {
        return directory(taskArn, containerName).filter(Files::isDirectory)
                .map(directory -> read(directory.resolve(STDOUT)) + read(directory.resolve(STDERR)));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
