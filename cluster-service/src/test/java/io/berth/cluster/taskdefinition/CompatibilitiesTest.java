package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.assertClientException;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.container;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.ec2;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.fargate;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.texts;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.berth.cluster.taskdefinition.TaskDefinitionRequests.Request;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fargate's and ECS Anywhere's rules: fatal when the launch type is in {@code requiresCompatibilities},
 * otherwise they only decide whether it appears in {@code compatibilities}.
 */
class CompatibilitiesTest {

    private static final String WINDOWS = "WINDOWS_SERVER_2019_CORE";
    private static final Map<String, String> AWSLOGS_OPTIONS = Map.of("awslogs-group", "web",
            "awslogs-region", "eu-west-1", "awslogs-stream-prefix", "web");

    static Stream<Arguments> fargateSizes() {
        return Stream.of(
                arguments("256", "512"), arguments("256", "1024"), arguments("256", "2048"),
                arguments("512", "1024"), arguments("512", "4096"),
                arguments("1024", "2048"), arguments("1024", "8192"),
                arguments("2048", "4096"), arguments("2048", "16384"),
                arguments("4096", "8192"), arguments("4096", "30720"),
                arguments("8192", "16384"), arguments("8192", "20480"), arguments("8192", "61440"),
                arguments("16384", "32768"), arguments("16384", "40960"), arguments("16384", "122880"),
                arguments("1 vCPU", "3 GB"), arguments("0.5 vcpu", "1GB"));
    }

    @ParameterizedTest(name = "{0} CPU, {1} memory")
    @MethodSource("fargateSizes")
    void acceptsEverySizeOfTheFargateTable(String cpu, String memory) {
        var registered = validate(fargate().with("cpu", cpu).with("memory", memory));

        assertThat(texts(registered.get("compatibilities"))).containsExactly("EC2", "FARGATE");
    }

    static Stream<Arguments> notFargateSizes() {
        String noConfiguration = "No Fargate configuration exists for given values: %s CPU, %s memory. See the Amazon"
                + " ECS documentation for the valid values.";
        return Stream.of(
                arguments(named("128 CPU", fargate().with("cpu", "128")), "Invalid 'cpu' setting for task."),
                arguments(named("300 CPU", fargate().with("cpu", "300")), "Invalid 'cpu' setting for task."),
                arguments(named("3072 CPU", fargate().with("cpu", "3 vCPU").with("memory", "8GB")),
                        "Invalid 'cpu' setting for task."),
                arguments(named("32768 CPU", fargate().with("cpu", "32768").with("memory", "65536")),
                        "Invalid 'cpu' setting for task."),
                arguments(named("256/1536", fargate().with("memory", "1536")), noConfiguration.formatted(256, 1536)),
                arguments(named("256/4096", fargate().with("memory", "4GB")), noConfiguration.formatted(256, 4096)),
                arguments(named("512/512", fargate().with("cpu", "512")), noConfiguration.formatted(512, 512)),
                arguments(named("1024/1024", fargate().with("cpu", "1024").with("memory", "1024")),
                        noConfiguration.formatted(1024, 1024)),
                arguments(named("4096/31744", fargate().with("cpu", "4096").with("memory", "31744")),
                        noConfiguration.formatted(4096, 31744)),
                arguments(named("8192/17408", fargate().with("cpu", "8192").with("memory", "17408")),
                        noConfiguration.formatted(8192, 17408)),
                arguments(named("16384/36864", fargate().with("cpu", "16384").with("memory", "36864")),
                        noConfiguration.formatted(16384, 36864)),
                arguments(named("Windows below 1 vCPU", fargate().with("runtimePlatform",
                        Map.of("operatingSystemFamily", WINDOWS))), "Invalid 'cpu' setting for task."),
                arguments(named("Windows at 8 vCPU", fargate().with("cpu", "8192").with("memory", "16384")
                        .with("runtimePlatform", Map.of("operatingSystemFamily", WINDOWS))),
                        "Invalid 'cpu' setting for task."),
                arguments(named("no CPU", fargate().without("cpu")),
                        "Fargate requires that 'cpu' be defined at the task level."),
                arguments(named("no memory", fargate().without("memory")),
                        "Fargate requires that 'memory' be defined at the task level."),
                arguments(named("no network mode", fargate().without("networkMode")),
                        "Fargate only supports network mode \u2018awsvpc\u2019."),
                arguments(named("bridge", fargate().with("networkMode", "bridge")),
                        "Fargate only supports network mode \u2018awsvpc\u2019."),
                arguments(named("host", fargate().with("networkMode", "host")),
                        "Fargate only supports network mode \u2018awsvpc\u2019."));
    }

    @ParameterizedTest
    @MethodSource("notFargateSizes")
    void rejectsWhatFargateCannotRunWhenFargateIsRequired(Request request, String message) {
        assertClientException(request, message);
    }

    @ParameterizedTest
    @MethodSource("notFargateSizes")
    void leavesFargateOutWhenNotRequired(Request request, String message) {
        var registered = validate(request.without("requiresCompatibilities"));

        assertThat(texts(registered.get("compatibilities"))).doesNotContain("FARGATE").contains("EC2");
    }

    @ParameterizedTest
    @MethodSource("notFargateSizes")
    void registersForEc2WhatFargateCannotRun(Request request, String message) {
        var registered = validate(request.with("requiresCompatibilities", List.of("EC2")));

        assertThat(texts(registered.get("compatibilities"))).doesNotContain("FARGATE");
    }

    /** What a Fargate definition lacks matters more than what its containers then lack. */
    @Test
    void reportsTheMissingTaskSizeBeforeTheContainersMissingMemory() {
        assertClientException(fargate().without("cpu").without("memory").container(c -> c.without("memory")),
                "Fargate requires that 'cpu' be defined at the task level.");
    }

    static Stream<Arguments> fargateIncompatibleSettings() {
        String notSupported =
                "Invalid setting for container 'web'. Fargate compatible task definitions do not support ";
        return Stream.of(
                arguments(named("privileged", change(r -> r.container(c -> c.with("privileged", true)))),
                        notSupported + "privileged."),
                arguments(named("dockerSecurityOptions", change(r -> r.container(
                        c -> c.with("dockerSecurityOptions", List.of("apparmor:x"))))),
                        notSupported + "dockerSecurityOptions."),
                arguments(named("GPU", change(r -> r.container(c -> c.with("resourceRequirements",
                        List.of(Map.of("type", "GPU", "value", "1")))))),
                        notSupported + "GPU resource requirements."),
                arguments(named("stopTimeout 121", change(r -> r.container(c -> c.with("stopTimeout", 121)))),
                        "Invalid 'stopTimeout' setting for container 'web'. Fargate allows 2 to 120 seconds."),
                arguments(named("startTimeout 1", change(r -> r.container(c -> c.with("startTimeout", 1)))),
                        "Invalid 'startTimeout' setting for container 'web'. Fargate allows 2 to 120 seconds."),
                arguments(named("json-file", change(r -> r.container(c -> c.with("logConfiguration",
                        Map.of("logDriver", "json-file"))))),
                        "Invalid 'logConfiguration' setting for container 'web'. Fargate compatible task definitions"
                                + " do not support log driver 'json-file'."),
                arguments(named("awslogs without execution role", change(r -> r.container(c -> c.with(
                        "logConfiguration", Map.of("logDriver", "awslogs", "options", AWSLOGS_OPTIONS))))),
                        "Fargate requires task definition to have execution role ARN to support log driver awslogs."),
                arguments(named("ECR image without execution role", change(r -> r.container(c -> c.with("image",
                        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1")))),
                        "Fargate requires task definition to have execution role ARN to support ECR images."),
                arguments(named("awslogs without a stream prefix", change(r -> r.with("executionRoleArn", "arn:exec")
                        .container(c -> c.with("logConfiguration", Map.of("logDriver", "awslogs", "options",
                                Map.of("awslogs-group", "web", "awslogs-region", "eu-west-1")))))),
                        "Log driver awslogs requires options: awslogs-stream-prefix"),
                arguments(named("host path volume", change(r -> r.with("volumes",
                        List.of(Map.of("name", "logs", "host", Map.of("sourcePath", "/var/log")))))),
                        "host.sourcePath should not be set for volumes in Fargate."),
                arguments(named("Docker volume", change(r -> r.with("volumes",
                        List.of(Map.of("name", "cache", "dockerVolumeConfiguration", Map.of("scope", "task")))))),
                        "Invalid setting for volume 'cache'. Fargate compatible task definitions do not support"
                                + " dockerVolumeConfiguration."),
                arguments(named("ipcMode", change(r -> r.with("ipcMode", "task"))),
                        "Tasks using the Fargate launch type do not support ipcMode."),
                arguments(named("pidMode host", change(r -> r.with("pidMode", "host"))),
                        "Tasks using the Fargate launch type do not support pidMode host."),
                arguments(named("placement constraint", change(r -> r.with("placementConstraints",
                        List.of(Map.of("type", "memberOf", "expression", "attribute:ecs.os-type == linux"))))),
                        "Fargate compatible task definitions do not support placementConstraints."),
                arguments(named("inference accelerator", change(r -> r.with("inferenceAccelerators",
                        List.of(Map.of("deviceName", "eia", "deviceType", "eia2.medium"))))),
                        "Fargate compatible task definitions do not support inferenceAccelerators."));
    }

    @ParameterizedTest
    @MethodSource("fargateIncompatibleSettings")
    void rejectsSettingsFargateDoesNotRunWhenFargateIsRequired(UnaryOperator<Request> change, String message) {
        assertClientException(change.apply(fargate()), message);
    }

    @ParameterizedTest
    @MethodSource("fargateIncompatibleSettings")
    void leavesFargateOutForSettingsItDoesNotRun(UnaryOperator<Request> change, String message) {
        var registered = validate(change.apply(fargate().without("requiresCompatibilities")));

        assertThat(texts(registered.get("compatibilities"))).containsExactly("EC2");
    }

    @Test
    void awslogsWithoutAnyOptionsNamesAllFargateNeeds() {
        assertClientException(fargate().with("executionRoleArn", "arn:exec").container(c -> c.with(
                "logConfiguration", Map.of("logDriver", "awslogs"))),
                "Log driver awslogs requires options: awslogs-region, awslogs-group, awslogs-stream-prefix");
    }

    static Stream<Arguments> fargateCompatibleSettings() {
        return Stream.of(
                arguments(named("awslogs with role and options", change(r -> r.with("executionRoleArn", "arn:exec")
                        .container(c -> c.with("logConfiguration",
                                Map.of("logDriver", "awslogs", "options", AWSLOGS_OPTIONS)))))),
                arguments(named("splunk", change(r -> r.container(c -> c.with("logConfiguration",
                        Map.of("logDriver", "splunk")))))),
                arguments(named("scratch volume", change(r -> r.with("volumes", List.of(Map.of("name", "scratch",
                        "host", Map.of())))))),
                arguments(named("EFS volume", change(r -> r.with("volumes", List.of(Map.of("name", "data",
                        "efsVolumeConfiguration", Map.of("fileSystemId", "fs-1234")))).container(c -> c.with(
                        "mountPoints", List.of(Map.of("sourceVolume", "data", "containerPath", "/data"))))))),
                arguments(named("pidMode task", change(r -> r.with("pidMode", "task")))),
                arguments(named("stopTimeout 120", change(r -> r.container(c -> c.with("stopTimeout", 120))))),
                arguments(named("two containers within the task size", change(r -> r.with("cpu", "1024")
                        .with("memory", "2048").containers(container("web").with("cpu", 512).with("memory", 1024),
                                container("sidecar").with("cpu", 512).without("memory"))))),
                arguments(named("Windows at 1 vCPU", change(r -> r.with("cpu", "1024").with("memory", "2048")
                        .with("runtimePlatform", Map.of("operatingSystemFamily", WINDOWS))))),
                arguments(named("also EC2",
                        change(r -> r.with("requiresCompatibilities", List.of("EC2", "FARGATE"))))));
    }

    @ParameterizedTest
    @MethodSource("fargateCompatibleSettings")
    void keepsFargateForSettingsItRuns(UnaryOperator<Request> change) {
        var registered = validate(change.apply(fargate()));

        assertThat(texts(registered.get("compatibilities"))).containsExactly("EC2", "FARGATE");
    }

    static Stream<Arguments> compatibilities() {
        return Stream.of(
                arguments(named("bridge definition", ec2()), List.of("EC2", "EXTERNAL")),
                arguments(named("host mode", ec2().with("networkMode", "host")), List.of("EC2", "EXTERNAL")),
                arguments(named("awsvpc without a Fargate size", ec2().with("networkMode", "awsvpc")), List.of("EC2")),
                arguments(named("awsvpc with a Fargate size", ec2().with("networkMode", "awsvpc").with("cpu", "512")
                        .with("memory", "1024")), List.of("EC2", "FARGATE")),
                arguments(named("EFS volume", ec2().with("volumes", List.of(Map.of("name", "data",
                        "efsVolumeConfiguration", Map.of("fileSystemId", "fs-1"))))), List.of("EC2")),
                arguments(named("FSx volume", ec2().with("volumes", List.of(Map.of("name", "share",
                        "fsxWindowsFileServerVolumeConfiguration", Map.of("fileSystemId", "fs-1", "rootDirectory",
                                "share", "authorizationConfig", Map.of("credentialsParameter", "arn:p", "domain",
                                        "example.com")))))), List.of("EC2")),
                arguments(named("volume configured at launch", ec2().with("volumes", List.of(Map.of("name", "ebs",
                        "configuredAtLaunch", true)))), List.of("EC2")),
                arguments(named("EXTERNAL required", ec2().with("requiresCompatibilities", List.of("EXTERNAL"))),
                        List.of("EC2", "EXTERNAL")),
                arguments(named("MANAGED_INSTANCES required", ec2().with("requiresCompatibilities",
                        List.of("MANAGED_INSTANCES"))), List.of("EC2", "EXTERNAL", "MANAGED_INSTANCES")),
                arguments(named("MANAGED_INSTANCES and FARGATE required", fargate().with("requiresCompatibilities",
                        List.of("FARGATE", "MANAGED_INSTANCES"))), List.of("EC2", "FARGATE", "MANAGED_INSTANCES")));
    }

    @ParameterizedTest
    @MethodSource("compatibilities")
    void listsEveryLaunchTypeTheDefinitionSuits(Request request, List<String> expected) {
        assertThat(texts(validate(request).get("compatibilities"))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> notExternal() {
        String notSupported = "EXTERNAL compatible task definitions do not support ";
        Request external = ec2().with("requiresCompatibilities", List.of("EXTERNAL"));
        return Stream.of(
                arguments(named("awsvpc", external.with("networkMode", "awsvpc")),
                        notSupported + "networkMode awsvpc."),
                arguments(named("EFS", external.with("volumes", List.of(Map.of("name", "data",
                        "efsVolumeConfiguration", Map.of("fileSystemId", "fs-1"))))),
                        "Invalid setting for volume 'data'. " + notSupported + "efsVolumeConfiguration."),
                arguments(named("FSx", external.with("volumes", List.of(Map.of("name", "share",
                        "fsxWindowsFileServerVolumeConfiguration", Map.of("fileSystemId", "fs-1", "rootDirectory",
                                "share", "authorizationConfig", Map.of("credentialsParameter", "arn:p", "domain",
                                        "example.com")))))),
                        "Invalid setting for volume 'share'. " + notSupported
                                + "fsxWindowsFileServerVolumeConfiguration."),
                arguments(named("configured at launch", external.with("volumes", List.of(Map.of("name", "ebs",
                        "configuredAtLaunch", true)))),
                        "Invalid setting for volume 'ebs'. " + notSupported + "configuredAtLaunch."));
    }

    @ParameterizedTest
    @MethodSource("notExternal")
    void rejectsWhatExternalInstancesCannotRunWhenExternalIsRequired(Request request, String message) {
        assertClientException(request, message);
    }

    private static UnaryOperator<Request> change(UnaryOperator<Request> change) {
        return change;
    }
}
