package io.berth.agent.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * One of a task definition's {@code volumes}, by kind:
 * <ul>
 * <li>{@link Kind#HOST}: {@code host.sourcePath}, a directory of the host, kept after the task;</li>
 * <li>{@link Kind#TASK}: an empty {@code host} (or no configuration at all), a directory of the task's own that its
 *     containers share and that goes with the task;</li>
 * <li>{@link Kind#DOCKER}: {@code dockerVolumeConfiguration}, an engine volume of scope {@code task} (removed with the
 *     task) or {@code shared} (kept across tasks; created when missing if {@code autoprovision});</li>
 * <li>{@link Kind#EFS}: {@code efsVolumeConfiguration}, a directory Berth keeps per {@code fileSystemId} and
 *     {@code rootDirectory}, the same for tasks on every instance.</li>
 * </ul>
 */
public record VolumeSpec(String name, Kind kind, String sourcePath, String scope, boolean autoprovision,
        String driver, Map<String, String> driverOpts, Map<String, String> labels, String fileSystemId,
        String rootDirectory) {

    public enum Kind { HOST, TASK, DOCKER, EFS }

    public static final String SHARED = "shared";

    public VolumeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        driverOpts = Map.copyOf(Objects.requireNonNullElse(driverOpts, Map.of()));
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
    }

    public static VolumeSpec host(String name, String sourcePath) {
        return new VolumeSpec(name, Kind.HOST, sourcePath, null, false, null, null, null, null, null);
    }

    public static VolumeSpec task(String name) {
        return new VolumeSpec(name, Kind.TASK, null, null, false, null, null, null, null, null);
    }

    public static VolumeSpec efs(String name, String fileSystemId, String rootDirectory) {
        return new VolumeSpec(name, Kind.EFS, null, null, false, null, null, null, fileSystemId, rootDirectory);
    }

    public boolean shared() {
        return SHARED.equals(scope);
    }
}
