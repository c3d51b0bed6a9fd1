package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSpecTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TASK = "arn:aws:ecs:us-east-1:000000000000:task/demo/0123456789abcdef0123456789abcdef";

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static final String WEB = """
            {"family": "web", "networkMode": "bridge", "containerDefinitions": [
              {"name": "app", "image": "nginx:1.27", "entryPoint": ["/bin/sh", "-c"], "command": ["run"],
               "environment": [{"name": "MODE", "value": "prod"}, {"name": "LEVEL", "value": "info"}],
               "portMappings": [{"containerPort": 80, "hostPort": 8080}, {"containerPort": 53, "protocol": "UDP"}],
               "stopTimeout": 10, "workingDirectory": "/srv", "dockerLabels": {"team": "a", "tier": "front"}},
              {"name": "log", "image": "fluent", "essential": false,
               "portMappings": [{"containerPort": 24224, "hostPort": null, "protocol": null}],
               "dockerLabels": {"team": "b", "shipper": "yes"}}
            ]}""";

    @Test
    void readsEveryContainerFieldWithEcsDefaults() throws Exception {
        TaskSpec spec = TaskSpec.fromTaskDefinition(TASK, Specs.CLUSTER, Specs.INSTANCE, json(WEB), null);

        assertThat(spec.taskArn()).isEqualTo(TASK);
        assertThat(spec.clusterArn()).isEqualTo(Specs.CLUSTER);
        assertThat(spec.containerInstanceArn()).isEqualTo(Specs.INSTANCE);
        assertThat(spec.family()).isEqualTo("web");
        assertThat(spec.containers()).containsExactly(
                new ContainerSpec("app", "nginx:1.27", List.of("/bin/sh", "-c"), List.of("run"),
                        Map.of("MODE", "prod", "LEVEL", "info"), true,
                        List.of(new PortSpec(80, 8080, "tcp"), new PortSpec(53, 0, "udp")), 10, "/srv",
                        Map.of("team", "a", "tier", "front")),
                new ContainerSpec("log", "fluent", List.of(), List.of(), Map.of(), false,
                        List.of(new PortSpec(24224, 0, "tcp")), null, null, Map.of("team", "b", "shipper", "yes")));
    }

    @Test
    void mergesLabelsOfAllContainersAndTheEarlierContainerWins() throws Exception {
        TaskSpec spec = TaskSpec.fromTaskDefinition(TASK, Specs.CLUSTER, Specs.INSTANCE, json(WEB), null);

        assertThat(spec.dockerLabels()).isEqualTo(Map.of("team", "a", "tier", "front", "shipper", "yes"));
    }

    @Test
    void hostNetworkModeBindsTheContainerPortOnTheHost() throws Exception {
        JsonNode definition = json("""
                {"family": "h", "networkMode": "host", "containerDefinitions": [
                  {"name": "app", "image": "x", "portMappings": [{"containerPort": 9000, "protocol": "udp"}]}]}""");

        TaskSpec spec = TaskSpec.fromTaskDefinition(TASK, Specs.CLUSTER, Specs.INSTANCE, definition, null);

        assertThat(spec.containers().get(0).portMappings()).containsExactly(new PortSpec(9000, 9000, "udp"));
    }

    @Test
    void overridesReplaceTheCommandAndMergeTheEnvironmentByName() throws Exception {
        JsonNode overrides = json("""
                {"containerOverrides": [
                  {"name": "app", "command": ["migrate"], "environment": [{"name": "LEVEL", "value": "debug"},
                                                                          {"name": "EXTRA", "value": "1"}]},
                  {"name": "log", "command": []},
                  {"name": "nobody", "command": ["ignored"]}]}""");

        TaskSpec spec = TaskSpec.fromTaskDefinition(TASK, Specs.CLUSTER, Specs.INSTANCE, json(WEB), overrides);

        ContainerSpec app = spec.containers().get(0);
        assertThat(app.command()).containsExactly("migrate");
        assertThat(app.argv()).containsExactly("/bin/sh", "-c", "migrate");
        assertThat(app.environment()).isEqualTo(Map.of("MODE", "prod", "LEVEL", "debug", "EXTRA", "1"));
        assertThat(spec.containers().get(1).command()).isEmpty();
        assertThat(spec.containers()).extracting(ContainerSpec::name).containsExactly("app", "log");
    }

    @Test
    void runTasksExecutionRoleReplacesTheDefinitionsAsTheRoleThatPulls() throws Exception {
        JsonNode definition = json("""
                {"family": "e", "executionRoleArn": "arn:aws:iam::000000000000:role/defined",
                 "containerDefinitions": [{"name": "app", "image": "x"}]}""");

        assertThat(TaskSpec.fromTaskDefinition(TASK, Specs.CLUSTER, Specs.INSTANCE, definition, null)
                .executionRoleArn()).isEqualTo("arn:aws:iam::000000000000:role/defined");
        assertThat(TaskSpec.fromTaskDefinition(TASK, Specs.CLUSTER, Specs.INSTANCE, definition,
                json("{\"containerOverrides\": []}")).executionRoleArn())
                .isEqualTo("arn:aws:iam::000000000000:role/defined");
        assertThat(TaskSpec.fromTaskDefinition(TASK, Specs.CLUSTER, Specs.INSTANCE, definition,
                json("{\"executionRoleArn\": \"arn:aws:iam::000000000000:role/override\"}")).executionRoleArn())
                .isEqualTo("arn:aws:iam::000000000000:role/override");
    }

    @Test
    void theStopTimeoutFallsBackToTheRuntimeDefaultOnlyWhenUnset() {
        ContainerSpec unset = Specs.container("a", "true");
        ContainerSpec set = new ContainerSpec("b", null, null, List.of("true"), null, true, null, 2, null, null);

        assertThat(unset.stopTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(set.stopTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(2));
        assertThat(set.entryPoint()).isEmpty();
        assertThat(set.environment()).isEmpty();
    }

    @Test
    void aTaskNeedsUniquelyNamedContainersAndAnEssentialOne() {
        assertThatThrownBy(() -> Specs.task(Specs.sidecar("a", "true")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("essential");
        assertThatThrownBy(() -> Specs.task(Specs.container("a", "true"), Specs.sidecar("a", "true")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate container name: a");
        assertThatThrownBy(() -> Specs.task())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one container");
    }

    @Test
    void containerNamesFollowTheEcsRule() {
        assertThatThrownBy(() -> Specs.container("../etc", "true")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Specs.container("", "true")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Specs.container("Web_app-2", "true").name()).isEqualTo("Web_app-2");
    }

    @Test
    void portMappingsAreChecked() {
        assertThatThrownBy(() -> new PortSpec(0, 0, "tcp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortSpec(80, 70000, "tcp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortSpec(80, 0, "sctp")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PortSpec(80, 0, "tcp").isDynamic()).isTrue();
        assertThat(new PortSpec(80, 80, "tcp").isDynamic()).isFalse();
    }
}
