package io.berth.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Task volumes for the process runtime, as far as processes can have them: each volume is a directory of the host
 * (a host path, a directory of the task's own, one per shared volume name, or the EFS directory of the file
 * system), and each container that mounts it finds it at its {@code containerPath} inside its own directory (a
 * symbolic link, reached from the working directory) and in the variable {@code BERTH_VOLUME_<NAME>}. Nothing is
 * read-only here, and nothing is isolated.
 */
final class ProcessVolumes {

    private ProcessVolumes() {
    }

    /** Each volume's directory, by name, made if missing. */
    static Map<String, Path> prepare(TaskSpec task, Path base, Path efsDirectory) throws IOException {
        Map<String, Path> directories = new LinkedHashMap<>();
        for (VolumeSpec volume : task.volumes()) {
            Path directory = switch (volume.kind()) {
                case HOST -> Path.of(volume.sourcePath());
                case EFS -> efsDirectory.resolve(volume.fileSystemId())
                        .resolve(volume.rootDirectory().replaceFirst("^/+", ""));
                case DOCKER -> volume.shared() ? base.resolve("volumes").resolve(volume.name())
                        : base.resolve(task.taskId()).resolve("volumes").resolve(volume.name());
                case TASK -> base.resolve(task.taskId()).resolve("volumes").resolve(volume.name());
            };
            directories.put(volume.name(), Files.createDirectories(directory.normalize()));
        }
        return directories;
    }

    /**
     * Makes a container's mounts (its own and those of the containers it takes volumes from) appear in its
     * directory, and returns the variables that name them.
     */
    static Map<String, String> mount(TaskSpec task, ContainerSpec container, Path containerDirectory,
            Map<String, Path> volumes) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (ContainerDetails.MountPoint mount : mounts(task, container)) {
            Path volume = volumes.get(mount.sourceVolume());
            Path link = containerDirectory.resolve(mount.containerPath().replaceFirst("^/+", "")).normalize();
            if (!link.startsWith(containerDirectory) || link.equals(containerDirectory)) {
                throw new IOException("mount point " + mount.containerPath() + " is outside the container");
            }
            Files.createDirectories(link.getParent());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, volume);
            }
            environment.put("BERTH_VOLUME_" + mount.sourceVolume().toUpperCase(Locale.ROOT)
                    .replaceAll("[^A-Z0-9]", "_"), volume.toString());
        }
        return environment;
    }

    private static List<ContainerDetails.MountPoint> mounts(TaskSpec task, ContainerSpec container) {
        List<ContainerDetails.MountPoint> mounts = new java.util.ArrayList<>(container.details().mountPoints());
        for (ContainerDetails.VolumeFrom from : container.details().volumesFrom()) {
            task.container(from.sourceContainer()).details().mountPoints().forEach(mounts::add);
        }
        return mounts;
    }
}
