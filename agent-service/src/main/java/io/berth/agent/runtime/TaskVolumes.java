package io.berth.agent.runtime;

import io.berth.agent.runtime.docker.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's volumes on an engine (see {@link VolumeSpec}): what each mounts from, made ready before the containers
 * are created, and the task-scoped ones removed after them. Task-scoped engine volumes are named as the ECS agent
 * names them, {@code ecs-<family>-<revision>-<volume>-<task id>}, so that an agent that restarted finds them again.
 */
final class TaskVolumes {

    private final DockerEngine engine;
    private final Path efsDirectory;

    /** @param efsDirectory where Berth keeps its EFS file systems, one directory per {@code fileSystemId} */
    TaskVolumes(DockerEngine engine, Path efsDirectory) {
        this.engine = engine;
        this.efsDirectory = efsDirectory;
    }

    /** The mount source of each of the task's volumes, by name; throws with the ECS reason when one cannot be had. */
    Map<String, String> prepare(TaskSpec task) throws VolumeException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (VolumeSpec volume : task.volumes()) {
            sources.put(volume.name(), prepare(task, volume));
        }
        return sources;
    }

    /** Removes the task's own engine volumes; shared ones, host paths and EFS directories stay. */
    void release(TaskSpec task) {
        for (VolumeSpec volume : task.volumes()) {
            if (taskScoped(volume)) {
                engine.removeVolume(engineName(task, volume));
            }
        }
    }

    private String prepare(TaskSpec task, VolumeSpec volume) throws VolumeException {
        switch (volume.kind()) {
            case HOST -> {
                Path path = Path.of(volume.sourcePath());
                if (!path.isAbsolute()) {
                    throw new VolumeException("host.sourcePath of volume " + volume.name() + " must be absolute");
                }
                createDirectories(path, volume);
                return path.toString();
            }
            case EFS -> {
                Path root = efsDirectory.resolve(volume.fileSystemId()).normalize();
                Path path = root.resolve(volume.rootDirectory().replaceFirst("^/+", "")).normalize();
                if (!root.startsWith(efsDirectory.normalize()) || !path.startsWith(root)) {
                    throw new VolumeException("efsVolumeConfiguration of volume " + volume.name()
                            + " leaves its file system");
                }
                createDirectories(path, volume);
                return path.toString();
            }
            case TASK -> {
                String name = engineName(task, volume);
                engine.createVolume(name, "local", Map.of(), Map.of(ContainerRequests.LABEL_TASK_ARN, task.taskArn()));
                return name;
            }
            case DOCKER -> {
                if (taskScoped(volume)) {
                    String name = engineName(task, volume);
                    engine.createVolume(name, volume.driver(), volume.driverOpts(), volume.labels());
                    return name;
                }
                if (!engine.volumeExists(volume.name())) {
                    if (!volume.autoprovision()) {
                        throw new VolumeException("volume " + volume.name()
                                + " does not exist on the instance and autoprovision is false");
                    }
                    engine.createVolume(volume.name(), volume.driver(), volume.driverOpts(), volume.labels());
                }
                return volume.name();
            }
            default -> throw new IllegalStateException("unknown volume kind " + volume.kind());
        }
    }

    private static boolean taskScoped(VolumeSpec volume) {
        return volume.kind() == VolumeSpec.Kind.TASK || volume.kind() == VolumeSpec.Kind.DOCKER && !volume.shared();
    }

    static String engineName(TaskSpec task, VolumeSpec volume) {
        return "ecs-" + task.family() + "-" + task.revision() + "-" + volume.name() + "-" + task.taskId();
    }

    private static void createDirectories(Path path, VolumeSpec volume) throws VolumeException {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new VolumeException("the directory of volume " + volume.name() + " can not be made: " + e);
        }
    }

    /** A volume the task needs cannot be had; the message completes "CannotCreateContainerError: ". */
    static final class VolumeException extends Exception {

        private static final long serialVersionUID = 1L;

        VolumeException(String message) {
            super(message);
        }
    }
}
