package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.DIGEST;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.assertClientException;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.container;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.ec2;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.json;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cluster.taskdefinition.TaskDefinitionRequests.Container;
import io.berth.cluster.taskdefinition.TaskDefinitionRequests.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The container rules: identity, resources, networking, health, dependencies, logging, storage. */
class ContainerRulesTest {

    private static final Map<String, Object> HEALTH_CHECK = Map.of("command", List.of("CMD-SHELL", "true"));

    @Test
    void fillsTheDefaultsDescribeTaskDefinitionShows() {
        ObjectNode registered = validate(ec2().plus(container("sidecar").with("essential", false).with("cpu", 10)));

        assertThat(registered.at("/containerDefinitions/0/essential").booleanValue()).isTrue();
        assertThat(registered.at("/containerDefinitions/0/cpu").intValue()).isZero();
        assertThat(registered.at("/containerDefinitions/1/essential").booleanValue()).isFalse();
        assertThat(registered.at("/containerDefinitions/1/cpu").intValue()).isEqualTo(10);
        for (String list : List.of("portMappings", "environment", "mountPoints", "volumesFrom")) {
            assertThat(registered.at("/containerDefinitions/0/" + list)).as(list).isEqualTo(json(List.of()));
        }
    }

    static Stream<Arguments> identities() {
        return Stream.of(
                arguments(named("no name", ec2().container(c -> c.without("name"))),
                        "Container.name should not be null or empty."),
                arguments(named("empty name", ec2().container(c -> c.with("name", ""))),
                        "Container.name should not be null or empty."),
                arguments(named("space in name", ec2().container(c -> c.with("name", "web app"))),
                        "Container.name contains invalid characters."),
                arguments(named("dot in name", ec2().container(c -> c.with("name", "web.1"))),
                        "Container.name contains invalid characters."),
                arguments(named("256 characters", ec2().container(c -> c.with("name", "n".repeat(256)))),
                        "Container.name can have up to 255 characters."),
                arguments(named("same name twice", ec2().plus(container("web"))),
                        "Container names must be unique within a Task Definition."),
                arguments(named("no image", ec2().container(c -> c.without("image"))),
                        "Container.image should not be null or empty."),
                arguments(named("blank image", ec2().container(c -> c.with("image", " "))),
                        "Container.image should not be null or empty."),
                arguments(named("256 characters before the digest", ec2().container(c -> c.with("image",
                        "i".repeat(256) + "@" + DIGEST))),
                        "Invalid 'image' setting for container 'web'. The image name must have 1 to 255 characters"
                                + " before the digest."),
                arguments(named("nothing before the digest", ec2().container(c -> c.with("image", "@" + DIGEST))),
                        "Invalid 'image' setting for container 'web'. The image name must have 1 to 255 characters"
                                + " before the digest."),
                arguments(named("short digest", ec2().container(c -> c.with("image", "nginx@sha256:abc"))),
                        "Invalid 'image' setting for container 'web'. A digest must be sha256: followed by 64"
                                + " lowercase hexadecimal characters."),
                arguments(named("other algorithm", ec2().container(c -> c.with("image",
                        "nginx@md5:" + "a".repeat(64)))),
                        "Invalid 'image' setting for container 'web'. A digest must be sha256: followed by 64"
                                + " lowercase hexadecimal characters."),
                arguments(named("no essential container", ec2().container(c -> c.with("essential", false))
                        .plus(container("sidecar").with("essential", false))),
                        "Task definition doesn't have any essential container."));
    }

    @ParameterizedTest
    @MethodSource("identities")
    void rejectsContainersWithoutAUsableNameOrImage(Request request, String message) {
        assertClientException(request, message);
    }

    static Stream<Arguments> images() {
        return Stream.of(
                arguments("nginx"),
                arguments("public.ecr.aws/nginx/nginx:1.27"),
                arguments("localhost:5000/team/app:v1.2.3"),
                arguments("nginx@" + DIGEST),
                arguments("i".repeat(255)),
                arguments("i".repeat(255) + "@" + DIGEST));
    }

    @ParameterizedTest
    @MethodSource("images")
    void acceptsImagesByTagOrDigest(String image) {
        ObjectNode registered = validate(ec2().container(c -> c.with("image", image)));

        assertThat(registered.at("/containerDefinitions/0/image").textValue()).isEqualTo(image);
    }

    static Stream<Arguments> resources() {
        return Stream.of(
                arguments(named("no memory anywhere", ec2().container(c -> c.without("memory"))),
                        "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must"
                                + " be specified."),
                arguments(named("memory 5", ec2().container(c -> c.with("memory", 5))),
                        "Invalid 'memory' setting for container 'web'. The minimum is 6 MiB."),
                arguments(named("memory 0", ec2().container(c -> c.with("memory", 0))),
                        "Invalid 'memory' setting for container 'web'. The minimum is 6 MiB."),
                arguments(named("negative memory", ec2().container(c -> c.with("memory", -512))),
                        "Invalid 'memory' setting for container 'web'. The minimum is 6 MiB."),
                arguments(named("reservation 0",
                        ec2().container(c -> c.without("memory").with("memoryReservation", 0))),
                        "Invalid 'memoryReservation' setting for container 'web'. The minimum is 6 MiB."),
                arguments(named("memory equal to reservation", ec2().container(c -> c.with("memoryReservation", 256))),
                        "Invalid setting for container 'web'. 'memory' must be greater than 'memoryReservation'."),
                arguments(named("memory below reservation", ec2().container(c -> c.with("memoryReservation", 300))),
                        "Invalid setting for container 'web'. 'memory' must be greater than 'memoryReservation'."),
                arguments(named("container memory above the task's", ec2().with("memory", "128")),
                        "The 'memory' setting for container 'web' is greater than for the task."),
                arguments(named("reservations above the task's memory", ec2().with("memory", "512").containers(
                        container("web").without("memory").with("memoryReservation", 300),
                        container("sidecar").without("memory").with("memoryReservation", 300))),
                        "The sum of all container 'memoryReservation' values cannot be greater than the value of the"
                                + " task 'memory'."),
                arguments(named("hard limits above the task's memory", ec2().with("memory", "512").containers(
                        container("web").with("memory", 300), container("sidecar").with("memory", 300))),
                        "The sum of all container 'memory' values cannot be greater than the value of the task"
                                + " 'memory'."),
                arguments(named("negative cpu", ec2().container(c -> c.with("cpu", -1))),
                        "Invalid 'cpu' setting for container 'web'. CPU units cannot be negative."),
                arguments(named("cpu above the task's", ec2().with("cpu", "256").containers(
                        container("web").with("cpu", 200), container("sidecar").with("cpu", 100))),
                        "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'."));
    }

    @ParameterizedTest
    @MethodSource("resources")
    void rejectsContainerResourcesOutsideTheRules(Request request, String message) {
        assertClientException(request, message);
    }

    static Stream<Arguments> validResources() {
        return Stream.of(
                arguments(named("task memory only", ec2().with("memory", "512").container(c -> c.without("memory")))),
                arguments(named("reservation only", ec2().container(c -> c.without("memory")
                        .with("memoryReservation", 6)))),
                arguments(named("memory above reservation", ec2().container(c -> c.with("memoryReservation", 255)))),
                arguments(named("reservations fill the task", ec2().with("memory", "600").containers(
                        container("web").with("memory", 600).with("memoryReservation", 300),
                        container("sidecar").without("memory").with("memoryReservation", 300)))),
                arguments(named("cpu fills the task", ec2().with("cpu", "256").containers(
                        container("web").with("cpu", 128), container("sidecar").with("cpu", 128)))),
                arguments(named("cpu without task cpu", ec2().container(c -> c.with("cpu", 196_608)))));
    }

    @ParameterizedTest
    @MethodSource("validResources")
    void acceptsContainerResourcesWithinTheRules(Request request) {
        ObjectNode sent = request.build();

        ObjectNode registered = validate(request);

        for (int i = 0; i < sent.get("containerDefinitions").size(); i++) {
            for (String member : List.of("cpu", "memory", "memoryReservation")) {
                if (sent.at("/containerDefinitions/" + i).has(member)) {
                    assertThat(registered.at("/containerDefinitions/" + i + "/" + member))
                            .isEqualTo(sent.at("/containerDefinitions/" + i + "/" + member));
                }
            }
        }
    }

    static Stream<Arguments> networking() {
        return Stream.of(
                arguments(named("links in awsvpc", ec2().with("networkMode", "awsvpc")
                        .container(c -> c.with("links", List.of("db"))).plus(container("db"))),
                        "Links are not supported when networkMode=awsvpc."),
                arguments(named("links in host", ec2().with("networkMode", "host")
                        .container(c -> c.with("links", List.of("db"))).plus(container("db"))),
                        "Links are not supported when networkMode=host."),
                arguments(named("link to nobody", ec2().container(c -> c.with("links", List.of("db:database")))),
                        "Invalid 'links' setting for container 'web'. Container 'db' does not exist in this task"
                                + " definition."),
                arguments(named("link to itself", ec2().container(c -> c.with("links", List.of("web")))),
                        "Invalid 'links' setting for container 'web'. A container cannot refer to itself."),
                arguments(named("empty link", ec2().container(c -> c.with("links", List.of(":alias")))),
                        "Invalid 'links' setting for container 'web'. The container name should not be null or"
                                + " empty."),
                arguments(named("hostname in awsvpc", ec2().with("networkMode", "awsvpc")
                        .container(c -> c.with("hostname", "web"))),
                        "hostname is not supported on container when networkMode=awsvpc."),
                arguments(named("extraHosts in awsvpc", ec2().with("networkMode", "awsvpc").container(c -> c.with(
                        "extraHosts", List.of(Map.of("hostname", "db", "ipAddress", "10.0.0.2"))))),
                        "extraHosts is not supported on container when networkMode=awsvpc."));
    }

    @ParameterizedTest
    @MethodSource("networking")
    void rejectsNetworkSettingsTheModeCannotHonour(Request request, String message) {
        assertClientException(request, message);
    }

    @Test
    void acceptsLinksHostnameAndExtraHostsInBridgeMode() {
        Request request = ec2().container(c -> c.with("links", List.of("db:database", "cache"))
                        .with("hostname", "web")
                        .with("extraHosts", List.of(Map.of("hostname", "db", "ipAddress", "10.0.0.2"))))
                .plus(container("db")).plus(container("cache"));

        ObjectNode registered = validate(request);

        assertThat(registered.at("/containerDefinitions/0/links")).isEqualTo(json(List.of("db:database", "cache")));
        assertThat(registered.at("/containerDefinitions/0/hostname").textValue()).isEqualTo("web");
    }

    static Stream<Arguments> healthChecks() {
        String invalid = "Invalid 'healthCheck' setting for container 'web'. ";
        return Stream.of(
                arguments(named("no command", Map.of("interval", 10)),
                        invalid + "command should not be null or empty."),
                arguments(named("empty command", Map.of("command", List.of())),
                        invalid + "command should not be null or empty."),
                arguments(named("bare command", Map.of("command", List.of("curl", "-f", "localhost"))),
                        invalid + "The command must start with CMD or CMD-SHELL, followed by the command to run."),
                arguments(named("CMD alone", Map.of("command", List.of("CMD"))),
                        invalid + "The command must start with CMD or CMD-SHELL, followed by the command to run."),
                arguments(named("lower-case cmd", Map.of("command", List.of("cmd", "true"))),
                        invalid + "The command must start with CMD or CMD-SHELL, followed by the command to run."),
                arguments(named("interval 4", check("interval", 4)),
                        "Health check interval must be greater than or equal to the minimum allowed value 5 for"
                                + " container 'web'"),
                arguments(named("interval 301", check("interval", 301)),
                        "Health check interval must be less than or equal to the maximum allowed value 300 for"
                                + " container 'web'"),
                arguments(named("timeout 1", check("timeout", 1)),
                        "Health check timeout must be greater than or equal to the minimum allowed value 2 for"
                                + " container 'web'"),
                arguments(named("timeout 61", check("timeout", 61)),
                        "Health check timeout must be less than or equal to the maximum allowed value 60 for"
                                + " container 'web'"),
                arguments(named("retries 0", check("retries", 0)),
                        "Health check retries must be greater than or equal to the minimum allowed value 1 for"
                                + " container 'web'"),
                arguments(named("retries 11", check("retries", 11)),
                        "Health check retries must be less than or equal to the maximum allowed value 10 for"
                                + " container 'web'"),
                arguments(named("startPeriod -1", check("startPeriod", -1)),
                        "Health check startPeriod must be greater than or equal to the minimum allowed value 0 for"
                                + " container 'web'"),
                arguments(named("startPeriod 301", check("startPeriod", 301)),
                        "Health check startPeriod must be less than or equal to the maximum allowed value 300 for"
                                + " container 'web'"));
    }

    @ParameterizedTest
    @MethodSource("healthChecks")
    void rejectsHealthChecksOutsideTheirRanges(Map<String, Object> healthCheck, String message) {
        assertClientException(ec2().container(c -> c.with("healthCheck", healthCheck)), message);
    }

    static Stream<Arguments> validHealthChecks() {
        List<String> command = List.of("CMD-SHELL", "curl -f localhost || exit 1");
        return Stream.of(
                arguments(named("defaults", Map.of("command", command)),
                        Map.of("command", command, "interval", 30, "timeout", 5, "retries", 3)),
                arguments(named("lowest", Map.of("command", List.of("CMD", "true"), "interval", 5, "timeout", 2,
                                "retries", 1, "startPeriod", 0)),
                        Map.of("command", List.of("CMD", "true"), "interval", 5, "timeout", 2, "retries", 1,
                                "startPeriod", 0)),
                arguments(named("highest", Map.of("command", command, "interval", 300, "timeout", 60, "retries", 10,
                                "startPeriod", 300)),
                        Map.of("command", command, "interval", 300, "timeout", 60, "retries", 10, "startPeriod", 300)));
    }

    @ParameterizedTest
    @MethodSource("validHealthChecks")
    void fillsTheHealthCheckDefaults(Map<String, Object> healthCheck, Map<String, Object> expected) {
        ObjectNode registered = validate(ec2().container(c -> c.with("healthCheck", healthCheck)));

        assertThat(registered.at("/containerDefinitions/0/healthCheck")).isEqualTo(json(expected));
    }

    static Stream<Arguments> dependencies() {
        Container sidecar = container("sidecar").with("essential", false);
        String invalid = "Invalid 'dependsOn' setting for container 'web'. ";
        return Stream.of(
                arguments(named("unknown container", ec2().container(c -> dependsOn(c, "db", "START"))),
                        invalid + "Container 'db' does not exist in this task definition."),
                arguments(named("no container name", ec2().container(c -> c.with("dependsOn",
                        List.of(Map.of("condition", "START"))))),
                        invalid + "The container name should not be null or empty."),
                arguments(named("itself", ec2().container(c -> dependsOn(c, "web", "START"))),
                        invalid + "A container cannot refer to itself."),
                arguments(named("unknown condition", ec2().container(c -> dependsOn(c, "sidecar", "READY"))
                        .plus(sidecar)),
                        invalid + "The condition must be one of START, COMPLETE, SUCCESS, HEALTHY."),
                arguments(named("no condition", ec2().container(c -> c.with("dependsOn",
                        List.of(Map.of("containerName", "sidecar")))).plus(sidecar)),
                        invalid + "The condition must be one of START, COMPLETE, SUCCESS, HEALTHY."),
                arguments(named("SUCCESS of an essential container", ec2().container(c -> dependsOn(c, "init",
                        "SUCCESS")).plus(container("init"))),
                        "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container"),
                arguments(named("COMPLETE of an essential container", ec2().container(c -> dependsOn(c, "init",
                        "COMPLETE")).plus(container("init").with("essential", true))),
                        "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container"),
                arguments(named("HEALTHY without a health check", ec2().container(c -> dependsOn(c, "sidecar",
                        "HEALTHY")).plus(sidecar)),
                        invalid + "Condition HEALTHY needs a healthCheck on container 'sidecar'."),
                arguments(named("a cycle", ec2().container(c -> dependsOn(c, "sidecar", "START"))
                        .plus(dependsOn(sidecar, "web", "START"))),
                        invalid + "Container dependencies cannot form a cycle."),
                arguments(named("a longer cycle", ec2().container(c -> dependsOn(c, "a", "START"))
                        .plus(dependsOn(container("a"), "b", "START"))
                        .plus(dependsOn(container("b"), "web", "START"))),
                        invalid + "Container dependencies cannot form a cycle."));
    }

    @ParameterizedTest
    @MethodSource("dependencies")
    void rejectsDependenciesThatCannotBeMet(Request request, String message) {
        assertClientException(request, message);
    }

    @Test
    void acceptsDependenciesThatCanBeMet() {
        Request request = ec2()
                .container(c -> c.with("dependsOn", List.of(
                        Map.of("containerName", "init", "condition", "SUCCESS"),
                        Map.of("containerName", "migrate", "condition", "COMPLETE"),
                        Map.of("containerName", "proxy", "condition", "HEALTHY"),
                        Map.of("containerName", "logs", "condition", "START"))))
                .plus(container("init").with("essential", false))
                .plus(container("migrate").with("essential", false))
                .plus(dependsOn(container("proxy").with("healthCheck", HEALTH_CHECK), "logs", "START"))
                .plus(container("logs"));

        ObjectNode registered = validate(request);

        assertThat(registered.at("/containerDefinitions/0/dependsOn")).hasSize(4);
    }

    static Stream<Arguments> storage() {
        Request withVolume = ec2().with("volumes", List.of(Map.of("name", "data")));
        return Stream.of(
                arguments(named("unknown volume", withVolume.container(c -> c.with("mountPoints",
                        List.of(Map.of("sourceVolume", "logs", "containerPath", "/logs"))))),
                        "Unknown volume 'logs'."),
                arguments(named("no volumes at all", ec2().container(c -> c.with("mountPoints",
                        List.of(Map.of("sourceVolume", "data", "containerPath", "/data"))))),
                        "Unknown volume 'data'."),
                arguments(named("no source volume", withVolume.container(c -> c.with("mountPoints",
                        List.of(Map.of("containerPath", "/data"))))),
                        "Invalid 'mountPoints' setting for container 'web'. sourceVolume should not be null or empty."),
                arguments(named("no container path", withVolume.container(c -> c.with("mountPoints",
                        List.of(Map.of("sourceVolume", "data"))))),
                        "Invalid 'mountPoints' setting for container 'web'. containerPath should not be null or"
                                + " empty."),
                arguments(named("volumes from nobody", ec2().container(c -> c.with("volumesFrom",
                        List.of(Map.of("sourceContainer", "data")))).plus(container("sidecar"))),
                        "Invalid 'volumesFrom' setting for container 'web'. Container 'data' does not exist in this"
                                + " task definition."),
                arguments(named("volumes from no container", ec2().container(c -> c.with("volumesFrom",
                        List.of(Map.of("readOnly", true))))),
                        "Invalid 'volumesFrom' setting for container 'web'. The container name should not be null or"
                                + " empty."),
                arguments(named("volumes from itself", ec2().container(c -> c.with("volumesFrom",
                        List.of(Map.of("sourceContainer", "web"))))),
                        "Invalid 'volumesFrom' setting for container 'web'. A container cannot refer to itself."));
    }

    @ParameterizedTest
    @MethodSource("storage")
    void rejectsMountsOfVolumesOrContainersThatDoNotExist(Request request, String message) {
        assertClientException(request, message);
    }

    @Test
    void acceptsMountsOfTheTaskVolumesAndContainers() {
        Request request = ec2().with("volumes", List.of(Map.of("name", "data")))
                .container(c -> c.with("mountPoints", List.of(Map.of("sourceVolume", "data", "containerPath", "/data",
                        "readOnly", true))).with("volumesFrom", List.of(Map.of("sourceContainer", "sidecar"))))
                .plus(container("sidecar"));

        ObjectNode registered = validate(request);

        assertThat(registered.at("/containerDefinitions/0/mountPoints")).isEqualTo(json(List.of(
                Map.of("sourceVolume", "data", "containerPath", "/data", "readOnly", true))));
        assertThat(registered.at("/containerDefinitions/0/volumesFrom")).isEqualTo(json(List.of(
                Map.of("sourceContainer", "sidecar"))));
    }

    static Stream<Arguments> logging() {
        String invalid = "Invalid 'logConfiguration' setting for container 'web'. ";
        return Stream.of(
                arguments(named("no driver", ec2().container(c -> c.with("logConfiguration",
                        Map.of("options", Map.of())))),
                        invalid + "logDriver should not be null or empty."),
                arguments(named("unknown driver", ec2().container(c -> c.with("logConfiguration",
                        Map.of("logDriver", "loggly")))),
                        invalid + "Log driver 'loggly' is not supported. Valid values: json-file, syslog, journald,"
                                + " gelf, fluentd, awslogs, splunk, awsfirelens."),
                arguments(named("awsfirelens without a router", ec2().container(c -> c.with("logConfiguration",
                        Map.of("logDriver", "awsfirelens")))),
                        invalid + "Log driver awsfirelens needs a container with a firelensConfiguration in the task"
                                + " definition."),
                arguments(named("unknown router type", ec2().container(c -> c.with("firelensConfiguration",
                        Map.of("type", "vector")))),
                        "Invalid 'firelensConfiguration' setting for container 'web'. Valid types: fluentd,"
                                + " fluentbit."),
                arguments(named("awslogs without a group", awslogs(Map.of("awslogs-region", "eu-west-1"))),
                        "Log driver awslogs requires options: awslogs-group"),
                arguments(named("awslogs without options", ec2().container(c -> c.with("logConfiguration",
                        Map.of("logDriver", "awslogs")))),
                        "Log driver awslogs requires options: awslogs-region, awslogs-group"),
                arguments(named("awslogs-create-group not a boolean", awslogs(Map.of("awslogs-group", "web",
                        "awslogs-region", "eu-west-1", "awslogs-create-group", "yes"))),
                        invalid + "awslogs-create-group must be true or false, not 'yes'."),
                arguments(named("two multiline rules", awslogs(Map.of("awslogs-group", "web", "awslogs-region",
                        "eu-west-1", "awslogs-datetime-format", "%Y-%m-%d", "awslogs-multiline-pattern", "^INFO"))),
                        invalid + "awslogs-datetime-format and awslogs-multiline-pattern can not both be set."),
                arguments(named("unknown mode", awslogs(Map.of("awslogs-group", "web", "awslogs-region", "eu-west-1",
                        "mode", "fast"))),
                        invalid + "mode must be blocking or non-blocking, not 'fast'."),
                arguments(named("unreadable buffer size", awslogs(Map.of("awslogs-group", "web", "awslogs-region",
                        "eu-west-1", "max-buffer-size", "lots"))),
                        invalid + "max-buffer-size must be a size such as 25m, not 'lots'."));
    }

    private static Request awslogs(Map<String, String> options) {
        return ec2().container(c -> c.with("logConfiguration", Map.of("logDriver", "awslogs", "options", options)));
    }

    @ParameterizedTest
    @MethodSource("logging")
    void rejectsLogConfigurationsNoAgentCanHonour(Request request, String message) {
        assertClientException(request, message);
    }

    static Stream<Arguments> logDrivers() {
        return LogConfigurationRules.DRIVERS.stream().map(Arguments::arguments);
    }

    @ParameterizedTest
    @MethodSource("logDrivers")
    void acceptsEveryLogDriverOfTheModel(String driver) {
        // awslogs is the one driver ECS checks options of: it needs a group and a region.
        Map<String, String> options = driver.equals(LogConfigurationRules.AWSLOGS)
                ? Map.of("tag", "web", "awslogs-group", "web", "awslogs-region", "eu-west-1") : Map.of("tag", "web");
        Request request = ec2().container(c -> c.with("logConfiguration", Map.of("logDriver", driver,
                        "options", options)))
                .plus(container("router").with("firelensConfiguration", Map.of("type", "fluentbit")));

        ObjectNode registered = validate(request);

        assertThat(registered.at("/containerDefinitions/0/logConfiguration"))
                .isEqualTo(json(Map.of("logDriver", driver, "options", options)));
    }

    static Stream<Arguments> otherSettings() {
        List<Object> elevenFiles = new ArrayList<>();
        IntStream.range(0, 11).forEach(i -> elevenFiles.add(Map.of("value", "arn:aws:s3:::b/" + i + ".env",
                "type", "s3")));
        return Stream.of(
                arguments(named("eleven environment files", ec2().container(c -> c.with("environmentFiles",
                        elevenFiles))),
                        "Invalid 'environmentFiles' setting for container 'web'. A container can have at most 10"
                                + " environment files."),
                arguments(named("environment file not in S3", ec2().container(c -> c.with("environmentFiles",
                        List.of(Map.of("value", "file:///x.env", "type", "file"))))),
                        "Invalid 'environmentFiles' setting for container 'web'. Each file needs type s3 and the value"
                                + " of its S3 ARN."),
                arguments(named("GPU count not a number", ec2().container(c -> c.with("resourceRequirements",
                        List.of(Map.of("type", "GPU", "value", "two"))))),
                        "Invalid 'resourceRequirements' setting for container 'web'. The type must be GPU (with a"
                                + " whole number of GPUs) or InferenceAccelerator."),
                arguments(named("unknown resource", ec2().container(c -> c.with("resourceRequirements",
                        List.of(Map.of("type", "TPU", "value", "1"))))),
                        "Invalid 'resourceRequirements' setting for container 'web'. The type must be GPU (with a"
                                + " whole number of GPUs) or InferenceAccelerator."),
                arguments(named("resource without type", ec2().container(c -> c.with("resourceRequirements",
                        List.of(Map.of("value", "1"))))),
                        "Invalid 'resourceRequirements' setting for container 'web'. The type must be GPU (with a"
                                + " whole number of GPUs) or InferenceAccelerator."),
                arguments(named("version consistency", ec2().container(c -> c.with("versionConsistency", "strict"))),
                        "Invalid 'versionConsistency' setting for container 'web'. Valid values: enabled, disabled."),
                arguments(named("restart period 59", ec2().container(c -> c.with("restartPolicy",
                        Map.of("enabled", true, "restartAttemptPeriod", 59)))),
                        "Invalid 'restartPolicy' setting for container 'web'. restartAttemptPeriod must be between 60"
                                + " and 1800 seconds."),
                arguments(named("negative stop timeout", ec2().container(c -> c.with("stopTimeout", -1))),
                        "Invalid 'stopTimeout' setting for container 'web'. The timeout cannot be negative."));
    }

    @ParameterizedTest
    @MethodSource("otherSettings")
    void rejectsOtherSettingsOutsideTheirValues(Request request, String message) {
        assertClientException(request, message);
    }

    private static Map<String, Object> check(String member, int value) {
        return Map.of("command", List.of("CMD", "true"), member, value);
    }

    private static Container dependsOn(Container container, String target, String condition) {
        return container.with("dependsOn", List.of(Map.of("containerName", target, "condition", condition)));
    }
}
