package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.agent.runtime.ContainerDetails.Dependency;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link TaskSpec#fromTaskDefinition} reads for engines: container details, volumes, network mode. */
class ContainerDetailsReaderTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String DEFINITION = """
            {"family": "shop", "revision": 7, "networkMode": "host",
             "executionRoleArn": "arn:aws:iam::000000000000:role/exec",
             "volumes": [
               {"name": "scratch", "host": {}},
               {"name": "bare"},
               {"name": "logs", "host": {"sourcePath": "/var/log/shop"}},
               {"name": "cache", "dockerVolumeConfiguration": {"scope": "task", "driver": "local",
                 "driverOpts": {"type": "tmpfs"}, "labels": {"tier": "cache"}}},
               {"name": "shared", "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true}},
               {"name": "files", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "rootDirectory": "/exports"}}
             ],
             "containerDefinitions": [
               {"name": "db", "image": "postgres", "cpu": 256, "memory": 512, "memoryReservation": 256,
                "user": "999", "readonlyRootFilesystem": true, "startTimeout": 90,
                "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}],
                "healthCheck": {"command": ["CMD-SHELL", "pg_isready"], "interval": 10, "retries": 5},
                "mountPoints": [{"sourceVolume": "files", "containerPath": "/data", "readOnly": true}],
                "environmentFiles": [{"value": "arn:aws:s3:::cfg/db.env", "type": "s3"}]},
               {"name": "app", "image": "shop",
                "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}],
                "volumesFrom": [{"sourceContainer": "db"}]}
             ]}""";

    @Test
    void readsTheContainerDetailsWithEcsDefaults() throws Exception {
        TaskSpec spec = TaskSpec.fromTaskDefinition(TaskSpecTest.TASK, Specs.CLUSTER, Specs.INSTANCE,
                JSON.readTree(DEFINITION), null);

        ContainerDetails db = spec.container("db").details();
        assertThat(db).isEqualTo(new ContainerDetails("999", true,
                List.of(new ContainerDetails.Ulimit("nofile", 1024, 4096)), 256, 512, 256,
                new ContainerDetails.HealthCheck(List.of("CMD-SHELL", "pg_isready"), Duration.ofSeconds(10),
                        Duration.ofSeconds(5), 5, Duration.ZERO),
                List.of(), 90, List.of(new ContainerDetails.MountPoint("files", "/data", true)), List.of(),
                List.of("arn:aws:s3:::cfg/db.env")));
        ContainerDetails app = spec.container("app").details();
        assertThat(app.dependsOn()).containsExactly(new Dependency("db", Dependency.HEALTHY));
        assertThat(app.volumesFrom()).containsExactly(new ContainerDetails.VolumeFrom("db", false));
        assertThat(app.healthCheck()).isNull();
    }

    @Test
    void readsEachVolumeKindAndTheTasksNetworkModeRevisionAndRole() throws Exception {
        TaskSpec spec = TaskSpec.fromTaskDefinition(TaskSpecTest.TASK, Specs.CLUSTER, Specs.INSTANCE,
                JSON.readTree(DEFINITION), null);

        assertThat(spec.networkMode()).isEqualTo("host");
        assertThat(spec.revision()).isEqualTo(7);
        assertThat(spec.executionRoleArn()).isEqualTo("arn:aws:iam::000000000000:role/exec");
        assertThat(spec.region()).isEqualTo("us-east-1");
        assertThat(spec.volumes()).containsExactly(
                VolumeSpec.task("scratch"),
                VolumeSpec.task("bare"),
                VolumeSpec.host("logs", "/var/log/shop"),
                new VolumeSpec("cache", VolumeSpec.Kind.DOCKER, null, "task", false, "local",
                        Map.of("type", "tmpfs"), Map.of("tier", "cache"), null, null),
                new VolumeSpec("shared", VolumeSpec.Kind.DOCKER, null, "shared", true, "local", Map.of(), Map.of(),
                        null, null),
                VolumeSpec.efs("files", "fs-1", "/exports"));
    }

    @Test
    void aHealthCheckRunsItsCommandOrItsShellScript() {
        ContainerDetails.HealthCheck exec = new ContainerDetails.HealthCheck(List.of("CMD", "curl", "-f", "x"),
                Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ZERO);
        ContainerDetails.HealthCheck shell = new ContainerDetails.HealthCheck(List.of("CMD-SHELL", "curl -f x"),
                Duration.ofSeconds(30), Duration.ofSeconds(5), 3, Duration.ZERO);

        assertThat(exec.argv()).containsExactly("curl", "-f", "x");
        assertThat(shell.argv()).containsExactly("/bin/sh", "-c", "curl -f x");
        assertThatThrownBy(() -> new ContainerDetails.HealthCheck(List.of("NONE"), Duration.ZERO, Duration.ZERO, 1,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mountsDependenciesAndVolumesFromMustNameWhatTheTaskHas() {
        ContainerDetails mountsNothing = new ContainerDetails(null, false, List.of(), 0, null, null, null, List.of(),
                null, List.of(new ContainerDetails.MountPoint("missing", "/x", false)), List.of(), List.of());
        ContainerDetails dependsOnNobody = new ContainerDetails(null, false, List.of(), 0, null, null, null,
                List.of(new Dependency("ghost", Dependency.START)), null, List.of(), List.of(), List.of());

        assertThatThrownBy(() -> task(mountsNothing)).hasMessageContaining("mounts volume missing");
        assertThatThrownBy(() -> task(dependsOnNobody)).hasMessageContaining("depends on ghost");
    }

    private static TaskSpec task(ContainerDetails details) {
        ContainerSpec app = new ContainerSpec("app", "busybox", List.of(), List.of("true"), Map.of(), true, List.of(),
                null, null, Map.of(), details);
        return TaskSpec.of(TaskSpecTest.TASK, Specs.CLUSTER, Specs.INSTANCE, "f", 1, TaskSpec.BRIDGE, List.of(app),
                List.of(), null);
    }
}
