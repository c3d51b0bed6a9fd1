package io.berth.agent.runtime;

import static io.berth.agent.runtime.DockerContainers.shell;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container-create body, field by field, as the ECS agent fills it. */
class ContainerRequestsTest {

    static final List<ContainerDetails.Ulimit> DEFAULTS = List.of(new ContainerDetails.Ulimit("nproc", 4096, 4096),
            new ContainerDetails.Ulimit("nofile", 1024, 1024));

    static JsonNode create(TaskSpec task, String container, List<Binding> bindings) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("A", "1");
        return ContainerRequests.create(task, task.container(container), bindings, Map.of("data", "vol-1"),
                Map.of("app", "ecs-web-3-app-x", "data", "ecs-web-3-data-x"), environment, Duration.ofSeconds(30),
                DEFAULTS);
    }

    @Test
    void theProgramEnvironmentLimitsAndPortsOfABridgeContainer() {
        TaskSpec task = DockerContainers.task(TaskSpec.BRIDGE, List.of(VolumeSpec.task("data")),
                shell("app", "serve").port(80, 32768).user("nobody").workingDirectory("/srv").memory(128)
                        .readonlyRootFilesystem().ulimit("nofile", 2048, 4096).mount("data", "/data", true)
                        .stopTimeout(7));

        JsonNode body = create(task, "app", List.of(new Binding("0.0.0.0", 80, 32768, "tcp")));

        assertThat(body.path("Image").asText()).isEqualTo(io.berth.localstack.PodmanService.BUSYBOX);
        assertThat(body.path("Entrypoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\"]");
        assertThat(body.path("Cmd").toString()).isEqualTo("[\"serve\"]");
        assertThat(body.path("Env").toString()).isEqualTo("[\"A=1\"]");
        assertThat(body.path("User").asText()).isEqualTo("nobody");
        assertThat(body.path("WorkingDir").asText()).isEqualTo("/srv");
        assertThat(body.path("StopTimeout").asInt()).isEqualTo(7);
        assertThat(body.path("Healthcheck").path("Test").toString()).isEqualTo("[\"NONE\"]");
        assertThat(body.path("ExposedPorts").has("80/tcp")).isTrue();
        JsonNode host = body.path("HostConfig");
        assertThat(host.path("NetworkMode").asText()).isEqualTo("bridge");
        assertThat(host.path("PortBindings").path("80/tcp").toString())
                .isEqualTo("[{\"HostIp\":\"\",\"HostPort\":\"32768\"}]");
        assertThat(host.path("Binds").toString()).isEqualTo("[\"vol-1:/data:ro\"]");
        assertThat(host.path("Memory").asLong()).isEqualTo(128L * 1024 * 1024);
        assertThat(host.path("CpuShares").asInt()).isEqualTo(2);
        assertThat(host.path("ReadonlyRootfs").asBoolean()).isTrue();
        assertThat(host.path("Ulimits").toString()).isEqualTo("[{\"Name\":\"nofile\",\"Soft\":2048,\"Hard\":4096},"
                + "{\"Name\":\"nproc\",\"Soft\":4096,\"Hard\":4096}]");
        assertThat(body.path("Labels").path("com.amazonaws.ecs.task-definition-version").asText()).isEqualTo("3");
        assertThat(body.path("Labels").path(ContainerRequests.LABEL_INSTANCE).asText()).isEqualTo(Specs.INSTANCE);
    }

    @Test
    void aContainerWithoutUlimitsLeavesThemToTheEngineAndVolumesFromNamesTheOtherContainer() {
        TaskSpec task = DockerContainers.task(TaskSpec.BRIDGE, List.of(VolumeSpec.task("data")),
                shell("data", "true").mount("data", "/data", false), shell("app", "true").volumesFrom("data", true));

        JsonNode host = create(task, "app", List.of()).path("HostConfig");

        assertThat(host.path("Ulimits").isEmpty()).isTrue();
        assertThat(host.path("VolumesFrom").toString()).isEqualTo("[\"ecs-web-3-data-x:ro\"]");
        assertThat(host.has("PortBindings")).isFalse();
        assertThat(create(task, "app", List.of()).path("StopTimeout").asInt()).isEqualTo(30);
    }

    @Test
    void hostAndNoneNetworkModesBindNoPorts() {
        TaskSpec host = DockerContainers.task("host", List.of(), shell("app", "true").port(80, 80));

        JsonNode body = create(host, "app", List.of(new Binding("0.0.0.0", 80, 80, "tcp")));

        assertThat(body.path("HostConfig").path("NetworkMode").asText()).isEqualTo("host");
        assertThat(body.path("HostConfig").has("PortBindings")).isFalse();
    }
}
