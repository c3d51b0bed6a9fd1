package io.berth.cluster.taskdefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Requests for RegisterTaskDefinition, built from a valid base and the one change a case is about. */
final class TaskDefinitionRequests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DIGEST = "sha256:" + "ab12".repeat(16);

    private TaskDefinitionRequests() {
    }

    /** One container, no task size, no network mode: the smallest valid EC2 definition. */
    static Request ec2() {
        return new Request().with("family", "web").containers(container("web"));
    }

    /** A valid Fargate definition: awsvpc, 256 CPU units, 512 MiB. */
    static Request fargate() {
        return ec2()
                .with("requiresCompatibilities", List.of("FARGATE"))
                .with("networkMode", "awsvpc")
                .with("cpu", "256")
                .with("memory", "512");
    }

    static Container container(String name) {
        return new Container().with("name", name).with("image", "nginx:1.27").with("memory", 256);
    }

    /**
     * A definition that uses nearly every member of the model, valid on EC2: the base of the hostile
     * shape tests, which break it one member at a time.
     */
    static Request kitchenSink() {
        return new Request()
                .with("family", "shop")
                .with("taskRoleArn", "arn:aws:iam::123456789012:role/shop")
                .with("executionRoleArn", "arn:aws:iam::123456789012:role/exec")
                .with("networkMode", "bridge")
                .with("cpu", "1 vCPU")
                .with("memory", "2 GB")
                .with("pidMode", "task")
                .with("ipcMode", "none")
                .with("requiresCompatibilities", List.of("EC2"))
                .with("runtimePlatform", Map.of("cpuArchitecture", "X86_64", "operatingSystemFamily", "LINUX"))
                .with("ephemeralStorage", Map.of("sizeInGiB", 30))
                .with("enableFaultInjection", false)
                .with("inferenceAccelerators", List.of(Map.of("deviceName", "eia", "deviceType", "eia2.medium")))
                .with("placementConstraints",
                        List.of(Map.of("type", "memberOf", "expression", "attribute:ecs.os-type == linux")))
                .with("proxyConfiguration", Map.of("type", "APPMESH", "containerName", "envoy",
                        "properties", List.of(Map.of("name", "ProxyIngressPort", "value", "15000"))))
                .with("tags", List.of(Map.of("key", "team", "value", "shop")))
                .with("volumes", List.of(
                        Map.of("name", "scratch"),
                        Map.of("name", "logs", "host", Map.of("sourcePath", "/var/log/shop")),
                        Map.of("name", "cache", "dockerVolumeConfiguration", Map.of("scope", "shared",
                                "autoprovision", true, "driver", "local", "driverOpts", Map.of("type", "tmpfs"),
                                "labels", Map.of("app", "shop"))),
                        Map.of("name", "assets", "efsVolumeConfiguration", Map.of("fileSystemId", "fs-12345678",
                                "rootDirectory", "/", "transitEncryption", "ENABLED", "transitEncryptionPort", 2049,
                                "authorizationConfig", Map.of("accessPointId", "fsap-1234", "iam", "ENABLED"))),
                        Map.of("name", "share", "fsxWindowsFileServerVolumeConfiguration", Map.of(
                                "fileSystemId", "fs-0123", "rootDirectory", "share", "authorizationConfig",
                                Map.of("credentialsParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/fsx",
                                        "domain", "example.com"))),
                        Map.of("name", "ebs", "configuredAtLaunch", true)))
                .containers(
                        container("app")
                                .with("image", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop@" + DIGEST)
                                .with("repositoryCredentials", Map.of("credentialsParameter", "arn:aws:secret"))
                                .with("cpu", 512)
                                .with("memory", 1024)
                                .with("memoryReservation", 512)
                                .with("links", List.of("log-router:logs"))
                                .with("portMappings", List.of(
                                        Map.of("containerPort", 8080, "hostPort", 8080, "protocol", "tcp",
                                                "name", "http", "appProtocol", "http"),
                                        Map.of("containerPortRange", "9000-9010", "protocol", "udp")))
                                .with("essential", true)
                                .with("restartPolicy", Map.of("enabled", true, "ignoredExitCodes", List.of(0),
                                        "restartAttemptPeriod", 300))
                                .with("entryPoint", List.of("/bin/sh", "-c"))
                                .with("command", List.of("exec shop"))
                                .with("environment", List.of(Map.of("name", "MODE", "value", "prod")))
                                .with("environmentFiles", List.of(Map.of("value", "arn:aws:s3:::b/shop.env",
                                        "type", "s3")))
                                .with("mountPoints", List.of(Map.of("sourceVolume", "scratch",
                                        "containerPath", "/tmp/scratch", "readOnly", false)))
                                .with("volumesFrom", List.of(Map.of("sourceContainer", "log-router",
                                        "readOnly", true)))
                                .with("linuxParameters", Map.of(
                                        "capabilities",
                                        Map.of("add", List.of("SYS_PTRACE"), "drop", List.of("NET_RAW")),
                                        "devices", List.of(Map.of("hostPath", "/dev/fuse", "containerPath", "/dev/fuse",
                                                "permissions", List.of("read"))),
                                        "initProcessEnabled", true,
                                        "sharedMemorySize", 64,
                                        "tmpfs", List.of(Map.of("containerPath", "/run", "size", 64,
                                                "mountOptions", List.of("noexec"))),
                                        "maxSwap", 0,
                                        "swappiness", 60))
                                .with("secrets", List.of(
                                        Map.of("name", "DB_PASSWORD", "valueFrom",
                                                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db")))
                                .with("dependsOn", List.of(Map.of("containerName", "log-router",
                                        "condition", "HEALTHY")))
                                .with("startTimeout", 60)
                                .with("stopTimeout", 30)
                                .with("versionConsistency", "enabled")
                                .with("hostname", "shop")
                                .with("user", "1000")
                                .with("workingDirectory", "/srv")
                                .with("disableNetworking", false)
                                .with("privileged", false)
                                .with("readonlyRootFilesystem", true)
                                .with("dnsServers", List.of("10.0.0.2"))
                                .with("dnsSearchDomains", List.of("example.com"))
                                .with("extraHosts", List.of(Map.of("hostname", "db", "ipAddress", "10.0.0.5")))
                                .with("dockerSecurityOptions", List.of("no-new-privileges"))
                                .with("interactive", false)
                                .with("pseudoTerminal", false)
                                .with("dockerLabels", Map.of("team", "shop"))
                                .with("ulimits", List.of(Map.of("name", "nofile", "softLimit", 1024,
                                        "hardLimit", 4096)))
                                .with("logConfiguration", Map.of("logDriver", "awsfirelens",
                                        "options", Map.of("Name", "cloudwatch"),
                                        "secretOptions", List.of(Map.of("name", "token", "valueFrom", "arn:x"))))
                                .with("healthCheck", Map.of("command", List.of("CMD-SHELL", "curl -f localhost"),
                                        "interval", 10, "timeout", 3, "retries", 2, "startPeriod", 30))
                                .with("systemControls", List.of(Map.of("namespace", "net.core.somaxconn",
                                        "value", "1024")))
                                .with("resourceRequirements", List.of(Map.of("type", "GPU", "value", "1")))
                                .with("credentialSpecs", List.of("credentialspecdomainless:arn:aws:s3:::b/spec")),
                        container("log-router")
                                .with("essential", false)
                                .with("memory", 128)
                                .with("firelensConfiguration", Map.of("type", "fluentbit",
                                        "options", Map.of("enable-ecs-log-metadata", "true")))
                                .with("logConfiguration", Map.of("logDriver", "awslogs", "options", Map.of(
                                        "awslogs-group", "shop", "awslogs-region", "eu-west-1",
                                        "awslogs-stream-prefix", "shop")))
                                .with("healthCheck", Map.of("command", List.of("CMD", "true"))),
                        container("envoy").with("memory", 128));
    }

    static JsonNode json(Object value) {
        if (value instanceof Container container) {
            return container.build();
        }
        return JSON.valueToTree(value);
    }

    static ObjectNode validate(Request request) {
        return TaskDefinitionValidator.validate(request.build());
    }

    static void assertRejected(Request request, String code, String message) {
        assertThatThrownBy(() -> validate(request))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    static void assertClientException(Request request, String message) {
        assertRejected(request, EcsErrors.CLIENT_EXCEPTION, message);
    }

    static List<String> texts(JsonNode list) {
        List<String> texts = new ArrayList<>();
        list.forEach(element -> texts.add(element.isObject() ? element.path("name").asText() : element.asText()));
        return texts;
    }

    /** A RegisterTaskDefinition request under construction; each method returns a changed copy. */
    static final class Request {

        private final ObjectNode node;

        Request() {
            this(JSON.createObjectNode());
        }

        private Request(ObjectNode node) {
            this.node = node;
        }

        Request with(String member, Object value) {
            ObjectNode copy = node.deepCopy();
            copy.set(member, json(value));
            return new Request(copy);
        }

        Request without(String member) {
            ObjectNode copy = node.deepCopy();
            copy.remove(member);
            return new Request(copy);
        }

        Request containers(Container... containers) {
            ArrayNode list = JSON.createArrayNode();
            Arrays.stream(containers).forEach(container -> list.add(container.build()));
            return with("containerDefinitions", list);
        }

        /** Changes the first container. */
        Request container(UnaryOperator<Container> change) {
            ObjectNode copy = node.deepCopy();
            ArrayNode containers = (ArrayNode) copy.get("containerDefinitions");
            containers.set(0, change.apply(new Container((ObjectNode) containers.get(0))).build());
            return new Request(copy);
        }

        /** Adds a container after the others. */
        Request plus(Container container) {
            ObjectNode copy = node.deepCopy();
            ((ArrayNode) copy.get("containerDefinitions")).add(container.build());
            return new Request(copy);
        }

        ObjectNode build() {
            return node.deepCopy();
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }

    static final class Container {

        private final ObjectNode node;

        Container() {
            this(JSON.createObjectNode());
        }

        private Container(ObjectNode node) {
            this.node = node;
        }

        Container with(String member, Object value) {
            ObjectNode copy = node.deepCopy();
            copy.set(member, json(value));
            return new Container(copy);
        }

        Container without(String member) {
            ObjectNode copy = node.deepCopy();
            copy.remove(member);
            return new Container(copy);
        }

        ObjectNode build() {
            return node.deepCopy();
        }
    }
}
