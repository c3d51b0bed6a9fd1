package io.berth.agent.runtime;

import io.berth.localstack.PodmanService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data for the docker runtime: containers of the test image running a shell script, built up step by step. */
final class DockerContainers {

    private final String name;
    private final String script;
    private String image = PodmanService.BUSYBOX;
    private boolean essential = true;
    private Integer stopTimeout;
    private String workingDirectory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<PortSpec> ports = new ArrayList<>();
    private String user;
    private boolean readonlyRootFilesystem;
    private final List<ContainerDetails.Ulimit> ulimits = new ArrayList<>();
    private Integer memory;
    private ContainerDetails.HealthCheck healthCheck;
    private final List<ContainerDetails.Dependency> dependsOn = new ArrayList<>();
    private Integer startTimeout;
    private final List<ContainerDetails.MountPoint> mounts = new ArrayList<>();
    private final List<ContainerDetails.VolumeFrom> volumesFrom = new ArrayList<>();

    private DockerContainers(String name, String script) {
        this.name = name;
        this.script = script;
    }

    /** A container running {@code sh -c script}. */
    static DockerContainers shell(String name, String script) {
        return new DockerContainers(name, script);
    }

    DockerContainers image(String value) {
        image = value;
        return this;
    }

    DockerContainers nonEssential() {
        essential = false;
        return this;
    }

    DockerContainers stopTimeout(int seconds) {
        stopTimeout = seconds;
        return this;
    }

    DockerContainers workingDirectory(String value) {
        workingDirectory = value;
        return this;
    }

    DockerContainers env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    DockerContainers port(int containerPort, int hostPort) {
        ports.add(new PortSpec(containerPort, hostPort, "tcp"));
        return this;
    }

    DockerContainers user(String value) {
        user = value;
        return this;
    }

    DockerContainers readonlyRootFilesystem() {
        readonlyRootFilesystem = true;
        return this;
    }

    DockerContainers ulimit(String ulimit, long soft, long hard) {
        ulimits.add(new ContainerDetails.Ulimit(ulimit, soft, hard));
        return this;
    }

    DockerContainers memory(int mib) {
        memory = mib;
        return this;
    }

    /** A CMD-SHELL check every second, one second to answer, failing after {@code retries}. */
    DockerContainers healthCheck(String check, int retries) {
        healthCheck = new ContainerDetails.HealthCheck(List.of("CMD-SHELL", check), Duration.ofSeconds(1),
                Duration.ofSeconds(1), retries, Duration.ZERO);
        return this;
    }

    DockerContainers dependsOn(String container, String condition) {
        dependsOn.add(new ContainerDetails.Dependency(container, condition));
        return this;
    }

    DockerContainers startTimeout(int seconds) {
        startTimeout = seconds;
        return this;
    }

    DockerContainers mount(String volume, String path, boolean readOnly) {
        mounts.add(new ContainerDetails.MountPoint(volume, path, readOnly));
        return this;
    }

    DockerContainers volumesFrom(String container, boolean readOnly) {
        volumesFrom.add(new ContainerDetails.VolumeFrom(container, readOnly));
        return this;
    }

    ContainerSpec build() {
        return new ContainerSpec(name, image, List.of("/bin/sh", "-c"), List.of(script), environment, essential,
                ports, stopTimeout, workingDirectory, Map.of(), new ContainerDetails(user, readonlyRootFilesystem,
                        ulimits, 0, memory, null, healthCheck, dependsOn, startTimeout, mounts, volumesFrom,
                        List.of()));
    }

    static TaskSpec task(String networkMode, List<VolumeSpec> volumes, DockerContainers... containers) {
        return task(Specs.INSTANCE, networkMode, volumes, containers);
    }

    static TaskSpec task(String instanceArn, String networkMode, List<VolumeSpec> volumes,
            DockerContainers... containers) {
        List<ContainerSpec> specs = new ArrayList<>();
        for (DockerContainers container : containers) {
            specs.add(container.build());
        }
        return TaskSpec.of(Specs.taskArn(), Specs.CLUSTER, instanceArn, "web", 3, networkMode, specs, volumes, null);
    }

    static TaskSpec task(DockerContainers... containers) {
        return task(TaskSpec.BRIDGE, List.of(), containers);
    }
}
