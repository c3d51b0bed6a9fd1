package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.assertClientException;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.container;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.ec2;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.json;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.berth.cluster.taskdefinition.TaskDefinitionRequests.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code portMappings} per network mode: the defaults ECS fills and the clashes it refuses. */
class PortMappingRulesTest {

    static Stream<Arguments> mappings() {
        return Stream.of(
                arguments(named("bridge, container port only", mode("bridge")), map("containerPort", 80),
                        map("containerPort", 80, "hostPort", 0, "protocol", "tcp")),
                arguments(named("default mode, container port only", ec2()), map("containerPort", 80),
                        map("containerPort", 80, "hostPort", 0, "protocol", "tcp")),
                arguments(named("bridge, static host port", mode("bridge")), map("containerPort", 80, "hostPort", 8080),
                        map("containerPort", 80, "hostPort", 8080, "protocol", "tcp")),
                arguments(named("bridge, udp", mode("bridge")), map("containerPort", 53, "protocol", "udp"),
                        map("containerPort", 53, "hostPort", 0, "protocol", "udp")),
                arguments(named("host, container port only", mode("host")), map("containerPort", 80),
                        map("containerPort", 80, "hostPort", 80, "protocol", "tcp")),
                arguments(named("host, same host port", mode("host")), map("containerPort", 80, "hostPort", 80),
                        map("containerPort", 80, "hostPort", 80, "protocol", "tcp")),
                arguments(named("host, host port 0", mode("host")), map("containerPort", 80, "hostPort", 0),
                        map("containerPort", 80, "hostPort", 80, "protocol", "tcp")),
                arguments(named("awsvpc, container port only", mode("awsvpc")), map("containerPort", 443),
                        map("containerPort", 443, "hostPort", 443, "protocol", "tcp")),
                arguments(named("awsvpc, ports 1 and 65535", mode("awsvpc")), map("containerPort", 65_535),
                        map("containerPort", 65_535, "hostPort", 65_535, "protocol", "tcp")),
                arguments(named("bridge, range", mode("bridge")), map("containerPortRange", "8000-8010"),
                        map("containerPortRange", "8000-8010", "protocol", "tcp")),
                arguments(named("awsvpc, udp range", mode("awsvpc")),
                        map("containerPortRange", "1-65535", "protocol", "udp"),
                        map("containerPortRange", "1-65535", "protocol", "udp")),
                arguments(named("Service Connect name", mode("awsvpc")),
                        map("containerPort", 80, "name", "http", "appProtocol", "http2"),
                        map("containerPort", 80, "hostPort", 80, "protocol", "tcp", "name", "http",
                                "appProtocol", "http2")));
    }

    @ParameterizedTest
    @MethodSource("mappings")
    void fillsProtocolAndHostPortAsTheNetworkModeDictates(Request request, Map<String, Object> mapping,
            Map<String, Object> expected) {
        var registered = validate(request.container(c -> c.with("portMappings", List.of(mapping))));

        assertThat(registered.at("/containerDefinitions/0/portMappings")).isEqualTo(json(List.of(expected)));
    }

    static Stream<Arguments> invalidMappings() {
        String web = " setting for container 'web'.";
        return Stream.of(
                arguments(named("none", mode("none")), List.of(map("containerPort", 80)),
                        "Invalid 'portMappings'" + web + " Port mappings are not supported when networkMode=none."),
                arguments(named("no container port", mode("bridge")), List.of(map("hostPort", 80)),
                        "Invalid 'containerPort'" + web),
                arguments(named("empty mapping", mode("bridge")), List.of(map()), "Invalid 'containerPort'" + web),
                arguments(named("container port 0", mode("bridge")), List.of(map("containerPort", 0)),
                        "Invalid 'containerPort'" + web),
                arguments(named("container port 65536", mode("bridge")), List.of(map("containerPort", 65_536)),
                        "Invalid 'containerPort'" + web),
                arguments(named("negative host port", mode("bridge")),
                        List.of(map("containerPort", 80, "hostPort", -1)),
                        "Invalid 'hostPort'" + web),
                arguments(named("host port 65536", mode("bridge")),
                        List.of(map("containerPort", 80, "hostPort", 65_536)), "Invalid 'hostPort'" + web),
                arguments(named("upper-case protocol", mode("bridge")),
                        List.of(map("containerPort", 80, "protocol", "TCP")),
                        "Invalid 'protocol'" + web + " Valid values: tcp, udp."),
                arguments(named("sctp", mode("bridge")), List.of(map("containerPort", 80, "protocol", "sctp")),
                        "Invalid 'protocol'" + web + " Valid values: tcp, udp."),
                arguments(named("app protocol", mode("bridge")),
                        List.of(map("containerPort", 80, "appProtocol", "ftp")),
                        "Invalid 'appProtocol'" + web + " Valid values: http, http2, grpc."),
                arguments(named("awsvpc, other host port", mode("awsvpc")),
                        List.of(map("containerPort", 80, "hostPort", 8080)),
                        "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
                arguments(named("host, other host port", mode("host")),
                        List.of(map("containerPort", 80, "hostPort", 8080)),
                        "When networkMode=host, the host ports and container ports in port mappings must match."),
                arguments(named("one port, two protocols", mode("bridge")),
                        List.of(map("containerPort", 53, "protocol", "tcp"),
                                map("containerPort", 53, "protocol", "udp")),
                        "Invalid 'portMappings'" + web + " Container port 53 is mapped more than once."),
                arguments(named("one port, two host ports", mode("bridge")),
                        List.of(map("containerPort", 80, "hostPort", 8080), map("containerPort", 80, "hostPort", 8081)),
                        "Invalid 'portMappings'" + web + " Container port 80 is mapped more than once."),
                arguments(named("two ranges overlap", mode("bridge")),
                        List.of(map("containerPortRange", "8000-8010"), map("containerPortRange", "8005-8020")),
                        "Invalid 'portMappings'" + web + " Container port 8005 is mapped more than once."),
                arguments(named("range covers a port", mode("awsvpc")),
                        List.of(map("containerPortRange", "8000-8010", "protocol", "udp"), map("containerPort", 8010)),
                        "Invalid 'portMappings'" + web + " Container port 8010 is mapped more than once."),
                arguments(named("range and port", mode("bridge")),
                        List.of(map("containerPort", 80, "containerPortRange", "8000-8010")),
                        "Invalid 'portMappings'" + web + " Specify either containerPort or containerPortRange, not"
                                + " both."),
                arguments(named("range in host mode", mode("host")), List.of(map("containerPortRange", "8000-8010")),
                        "Invalid 'containerPortRange'" + web + " Port ranges are only supported when"
                                + " networkMode=bridge or networkMode=awsvpc."),
                arguments(named("range with host port", mode("bridge")),
                        List.of(map("containerPortRange", "8000-8010", "hostPort", 0)),
                        "Invalid 'hostPort'" + web + " A hostPort cannot be set together with containerPortRange."),
                arguments(named("range backwards", mode("bridge")), List.of(map("containerPortRange", "8010-8000")),
                        "Invalid 'containerPortRange'" + web + " The first port must be lower than the last one,"
                                + " both between 1 and 65535."),
                arguments(named("range of one", mode("bridge")), List.of(map("containerPortRange", "8000-8000")),
                        "Invalid 'containerPortRange'" + web + " The first port must be lower than the last one,"
                                + " both between 1 and 65535."),
                arguments(named("range from 0", mode("bridge")), List.of(map("containerPortRange", "0-10")),
                        "Invalid 'containerPortRange'" + web + " The first port must be lower than the last one,"
                                + " both between 1 and 65535."),
                arguments(named("range to 70000", mode("bridge")), List.of(map("containerPortRange", "1-70000")),
                        "Invalid 'containerPortRange'" + web + " The first port must be lower than the last one,"
                                + " both between 1 and 65535."),
                arguments(named("range without dash", mode("bridge")), List.of(map("containerPortRange", "8000")),
                        "Invalid 'containerPortRange'" + web + " Use the form <first port>-<last port>."),
                arguments(named("range with spaces", mode("bridge")), List.of(map("containerPortRange", "1 - 2")),
                        "Invalid 'containerPortRange'" + web + " Use the form <first port>-<last port>."),
                arguments(named("101 ranges", mode("bridge")), ranges(101),
                        "Invalid 'containerPortRange'" + web + " A container can have at most 100 port ranges."),
                arguments(named("blank name", mode("bridge")), List.of(map("containerPort", 80, "name", "")),
                        "Invalid 'portMappings'" + web + " A port mapping name should not be empty."),
                arguments(named("one name twice", mode("bridge")),
                        List.of(map("containerPort", 80, "name", "http"), map("containerPort", 81, "name", "http")),
                        "Invalid 'portMappings'" + web + " Port mapping name 'http' is used more than once in this"
                                + " task definition."));
    }

    @ParameterizedTest
    @MethodSource("invalidMappings")
    void rejectsMappingsTheNetworkModeCannotHonour(Request request, List<Object> mappings, String message) {
        assertClientException(request.container(c -> c.with("portMappings", mappings)), message);
    }

    @ParameterizedTest
    @MethodSource("validTasks")
    void acceptsMappingsThatDoNotClash(Request request) {
        var registered = validate(request);

        assertThat(registered.get("containerDefinitions")).isNotEmpty();
    }

    static Stream<Arguments> validTasks() {
        return Stream.of(
                arguments(named("100 ranges", mode("bridge").container(c -> c.with("portMappings", ranges(100))))),
                arguments(named("bridge, same container port in two containers", twoContainers("bridge",
                        map("containerPort", 80), map("containerPort", 80)))),
                arguments(named("bridge, one host port for tcp and udp", twoContainers("bridge",
                        map("containerPort", 53, "hostPort", 5353, "protocol", "tcp"),
                        map("containerPort", 53, "hostPort", 5353, "protocol", "udp")))),
                arguments(named("bridge, same range in two containers", twoContainers("bridge",
                        map("containerPortRange", "8000-8010"), map("containerPortRange", "8000-8010")))),
                arguments(named("awsvpc, adjacent ranges", twoContainers("awsvpc",
                        map("containerPortRange", "8000-8010"), map("containerPortRange", "8011-8020")))),
                arguments(named("awsvpc, one port for tcp and udp", twoContainers("awsvpc",
                        map("containerPort", 53, "protocol", "tcp"), map("containerPort", 53, "protocol", "udp")))));
    }

    static Stream<Arguments> clashes() {
        return Stream.of(
                arguments(named("bridge, one static host port twice", twoContainers("bridge",
                        map("containerPort", 80, "hostPort", 8080), map("containerPort", 81, "hostPort", 8080))),
                        "Invalid 'hostPort' setting for container 'sidecar'. Host port 8080/tcp is used more than once"
                                + " in this task definition."),
                arguments(named("host, one container port twice", twoContainers("host",
                        map("containerPort", 80), map("containerPort", 80))),
                        "Invalid 'hostPort' setting for container 'sidecar'. Host port 80/tcp is used more than once in"
                                + " this task definition."),
                arguments(named("awsvpc, udp port twice", twoContainers("awsvpc",
                        map("containerPort", 53, "protocol", "udp"), map("containerPort", 53, "protocol", "udp"))),
                        "Invalid 'hostPort' setting for container 'sidecar'. Host port 53/udp is used more than once in"
                                + " this task definition."),
                arguments(named("awsvpc, overlapping ranges", twoContainers("awsvpc",
                        map("containerPortRange", "8000-8010"), map("containerPortRange", "8010-8020"))),
                        "Invalid 'hostPort' setting for container 'sidecar'. Host port 8010/tcp is used more than once"
                                + " in this task definition."),
                arguments(named("awsvpc, port inside a range", twoContainers("awsvpc",
                        map("containerPortRange", "8000-8010"), map("containerPort", 8005))),
                        "Invalid 'hostPort' setting for container 'sidecar'. Host port 8005/tcp is used more than once"
                                + " in this task definition."),
                arguments(named("one mapping name in two containers", twoContainers("awsvpc",
                        map("containerPort", 80, "name", "http"), map("containerPort", 81, "name", "http"))),
                        "Invalid 'portMappings' setting for container 'sidecar'. Port mapping name 'http' is used more"
                                + " than once in this task definition."));
    }

    @ParameterizedTest
    @MethodSource("clashes")
    void rejectsTwoContainersTakingOneHostPort(Request request, String message) {
        assertClientException(request, message);
    }

    private static Request mode(String networkMode) {
        return ec2().with("networkMode", networkMode);
    }

    private static Request twoContainers(String networkMode, Map<String, Object> web, Map<String, Object> sidecar) {
        return mode(networkMode).containers(
                container("web").with("portMappings", List.of(web)),
                container("sidecar").with("portMappings", List.of(sidecar)));
    }

    private static List<Object> ranges(int count) {
        List<Object> ranges = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> ranges.add(map("containerPortRange",
                (10_000 + i * 10) + "-" + (10_000 + i * 10 + 5))));
        return ranges;
    }

    private static Map<String, Object> map(Object... namesAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
