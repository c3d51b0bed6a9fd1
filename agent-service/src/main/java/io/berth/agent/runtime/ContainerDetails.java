package io.berth.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a container definition says beyond the program it runs, which only a runtime with an engine can honour in
 * full: the user, a read-only root filesystem, ulimits, CPU and memory limits, a health check, start ordering, and
 * the volumes it mounts. {@link #NONE} is a container that says none of it.
 *
 * @param cpu CPU units (1,024 per vCPU); 0 when unset
 * @param memory the hard memory limit in MiB, or null
 * @param memoryReservation the soft memory limit in MiB, or null
 * @param startTimeoutSeconds how long containers depending on this one wait for its condition, or null
 * @param environmentFiles paths of local {@code KEY=VALUE} files, read before {@code environment}
 */
public record ContainerDetails(String user, boolean readonlyRootFilesystem, List<Ulimit> ulimits, int cpu,
        Integer memory, Integer memoryReservation, HealthCheck healthCheck, List<Dependency> dependsOn,
        Integer startTimeoutSeconds, List<MountPoint> mountPoints, List<VolumeFrom> volumesFrom,
        List<String> environmentFiles) {

    public static final ContainerDetails NONE = new ContainerDetails(null, false, List.of(), 0, null, null, null,
            List.of(), null, List.of(), List.of(), List.of());

    public ContainerDetails {
        ulimits = List.copyOf(Objects.requireNonNullElse(ulimits, List.of()));
        dependsOn = List.copyOf(Objects.requireNonNullElse(dependsOn, List.of()));
        mountPoints = List.copyOf(Objects.requireNonNullElse(mountPoints, List.of()));
        volumesFrom = List.copyOf(Objects.requireNonNullElse(volumesFrom, List.of()));
        environmentFiles = List.copyOf(Objects.requireNonNullElse(environmentFiles, List.of()));
        if (cpu < 0) {
            throw new IllegalArgumentException("cpu must not be negative: " + cpu);
        }
    }

    /** A {@code ulimits} entry: {@code name} as ECS spells it ({@code nofile}, {@code nproc}, ...). */
    public record Ulimit(String name, long softLimit, long hardLimit) {
    }

    /** A {@code mountPoints} entry. */
    public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {
    }

    /** A {@code volumesFrom} entry. */
    public record VolumeFrom(String sourceContainer, boolean readOnly) {
    }

    /** A {@code dependsOn} entry: {@code condition} is START, COMPLETE, SUCCESS or HEALTHY. */
    public record Dependency(String containerName, String condition) {

        public static final String START = "START";
        public static final String COMPLETE = "COMPLETE";
        public static final String SUCCESS = "SUCCESS";
        public static final String HEALTHY = "HEALTHY";
    }

    /**
     * A {@code healthCheck}: {@code command} is {@code ["CMD", args...]} or {@code ["CMD-SHELL", "script"]}; the
     * other members carry ECS's defaults when the definition leaves them out (30 s, 5 s, 3, no start period).
     */
    public record HealthCheck(List<String> command, Duration interval, Duration timeout, int retries,
            Duration startPeriod) {

        public HealthCheck {
            command = List.copyOf(command);
            if (command.size() < 2 || !("CMD".equals(command.get(0)) || "CMD-SHELL".equals(command.get(0)))) {
                throw new IllegalArgumentException(
                        "healthCheck.command must be [\"CMD\", args...] or [\"CMD-SHELL\", \"script\"]: " + command);
            }
            if (retries < 1) {
                throw new IllegalArgumentException("healthCheck.retries must be at least 1: " + retries);
            }
        }

        /** The argv the check runs inside the container. */
        public List<String> argv() {
            return "CMD".equals(command.get(0)) ? command.subList(1, command.size())
                    : List.of("/bin/sh", "-c", command.get(1));
        }
    }
}
