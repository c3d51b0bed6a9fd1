package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.container;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.ec2;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.kitchenSink;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.texts;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.cluster.taskdefinition.TaskDefinitionRequests.Request;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code requiresAttributes} derived from the features a definition uses. */
class RequiredAttributesTest {

    private static final String CAPABILITY = "com.amazonaws.ecs.capability.";
    private static final String API_1_18 = CAPABILITY + "docker-remote-api.1.18";
    private static final Map<String, String> AWSLOGS = Map.of("awslogs-group", "web", "awslogs-region", "eu-west-1");

    static Stream<Arguments> attributes() {
        return Stream.of(
                arguments(named("plain container", ec2()), List.of()),
                arguments(named("awsvpc", ec2().with("networkMode", "awsvpc")), List.of("ecs.capability.task-eni")),
                arguments(named("awslogs without an execution role", ec2().container(c -> c.with("logConfiguration",
                        Map.of("logDriver", "awslogs", "options", AWSLOGS)))),
                        List.of(API_1_18, CAPABILITY + "logging-driver.awslogs")),
                arguments(named("awslogs with an execution role", ec2().with("executionRoleArn", "arn:exec")
                        .container(c -> c.with("logConfiguration", Map.of("logDriver", "awslogs", "options",
                                AWSLOGS)))),
                        List.of(API_1_18, CAPABILITY + "logging-driver.awslogs",
                                "ecs.capability.execution-role-awslogs")),
                arguments(named("one driver in two containers, another in a third", ec2()
                        .container(c -> c.with("logConfiguration", Map.of("logDriver", "json-file")))
                        .plus(container("b").with("logConfiguration", Map.of("logDriver", "json-file")))
                        .plus(container("c").with("logConfiguration", Map.of("logDriver", "fluentd")))),
                        List.of(API_1_18, CAPABILITY + "logging-driver.fluentd",
                                CAPABILITY + "logging-driver.json-file")),
                arguments(named("docker labels", ec2().container(c -> c.with("dockerLabels", Map.of("a", "b")))),
                        List.of(API_1_18)),
                arguments(named("memory reservation", ec2().container(c -> c.with("memoryReservation", 128))),
                        List.of(CAPABILITY + "docker-remote-api.1.21")),
                arguments(named("health check", ec2().container(c -> c.with("healthCheck",
                        Map.of("command", List.of("CMD", "true"))))),
                        List.of("ecs.capability.container-health-check")),
                arguments(named("dependsOn", ec2().container(c -> c.with("dependsOn", List.of(Map.of(
                        "containerName", "b", "condition", "START")))).plus(container("b"))),
                        List.of("ecs.capability.container-ordering")),
                arguments(named("privileged", ec2().container(c -> c.with("privileged", true))),
                        List.of(CAPABILITY + "privileged-container")),
                arguments(named("private registry", ec2().container(c -> c.with("repositoryCredentials",
                        Map.of("credentialsParameter", "arn:aws:secretsmanager:x")))),
                        List.of(CAPABILITY + "private-registry-authentication.secretsmanager")),
                arguments(named("ECR image", ec2().container(c -> c.with("image",
                        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1"))),
                        List.of(CAPABILITY + "ecr-auth")),
                arguments(named("ECR image with an execution role", ec2().with("executionRoleArn", "arn:exec")
                        .container(c -> c.with("image", "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web:1"))),
                        List.of(CAPABILITY + "ecr-auth", "ecs.capability.execution-role-ecr-pull")),
                arguments(named("secrets", ec2().container(c -> c.with("secrets", List.of(
                        Map.of("name", "A", "valueFrom", "arn:aws:ssm:eu-west-1:123456789012:parameter/a"),
                        Map.of("name", "B", "valueFrom", "b"),
                        Map.of("name", "C", "valueFrom", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:c"))))),
                        List.of("ecs.capability.secrets.asm.environment-variables",
                                "ecs.capability.secrets.ssm.environment-variables")),
                arguments(named("environment files", ec2().container(c -> c.with("environmentFiles",
                        List.of(Map.of("value", "arn:aws:s3:::b/a.env", "type", "s3"))))),
                        List.of("ecs.capability.env-files.s3")),
                arguments(named("task role", ec2().with("taskRoleArn", "arn:role")),
                        List.of(CAPABILITY + "task-iam-role")),
                arguments(named("task role in host mode", ec2().with("taskRoleArn", "arn:role")
                        .with("networkMode", "host")),
                        List.of(CAPABILITY + "task-iam-role", CAPABILITY + "task-iam-role-network-host")),
                arguments(named("FireLens", ec2().container(c -> c.with("firelensConfiguration",
                        Map.of("type", "fluentbit")))),
                        List.of("ecs.capability.firelens.fluentbit")),
                arguments(named("EFS", ec2().with("volumes", List.of(Map.of("name", "d",
                        "efsVolumeConfiguration", Map.of("fileSystemId", "fs-1"))))),
                        List.of("ecs.capability.efs")),
                arguments(named("EFS with IAM", ec2().with("volumes", List.of(Map.of("name", "d",
                        "efsVolumeConfiguration", Map.of("fileSystemId", "fs-1", "transitEncryption", "ENABLED",
                                "authorizationConfig", Map.of("iam", "ENABLED")))))),
                        List.of("ecs.capability.efs", "ecs.capability.efsAuth")),
                arguments(named("EFS access point", ec2().with("volumes", List.of(Map.of("name", "d",
                        "efsVolumeConfiguration", Map.of("fileSystemId", "fs-1", "transitEncryption", "ENABLED",
                                "authorizationConfig", Map.of("accessPointId", "fsap-1", "iam", "DISABLED")))))),
                        List.of("ecs.capability.efs", "ecs.capability.efsAuth")),
                arguments(named("FSx", ec2().with("volumes", List.of(Map.of("name", "s",
                        "fsxWindowsFileServerVolumeConfiguration", Map.of("fileSystemId", "fs-1", "rootDirectory",
                                "share", "authorizationConfig", Map.of("credentialsParameter", "arn:p",
                                        "domain", "example.com")))))),
                        List.of("ecs.capability.fsxWindowsFileServer")));
    }

    @ParameterizedTest
    @MethodSource("attributes")
    void derivesTheAttributesOfTheFeaturesUsed(Request request, List<String> expected) {
        assertThat(texts(validate(request).get("requiresAttributes"))).containsExactlyElementsOf(expected);
    }

    @Test
    void listsEachAttributeOnceAsANameObjectSortedByName() {
        JsonNode attributes = validate(kitchenSink()).get("requiresAttributes");

        attributes.forEach(attribute -> assertThat(attribute.properties()).hasSize(1));
        List<String> names = texts(attributes);
        assertThat(names).isSorted().doesNotHaveDuplicates().contains(
                CAPABILITY + "logging-driver.awsfirelens", CAPABILITY + "logging-driver.awslogs",
                "ecs.capability.firelens.fluentbit", "ecs.capability.efsAuth");
    }
}
