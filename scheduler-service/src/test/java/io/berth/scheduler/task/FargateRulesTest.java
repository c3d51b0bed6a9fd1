package io.berth.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsException;
import io.berth.events.EventJson;
import io.berth.events.Shapes.AwsVpcConfiguration;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of a Fargate launch, with ECS's error. */
class FargateRulesTest {

    static final NetworkConfiguration NETWORK = network(List.of("subnet-0a1b2c3d"), List.of("sg-12345678"));

    static NetworkConfiguration network(List<String> subnets, List<String> groups) {
        return new NetworkConfiguration(new AwsVpcConfiguration(subnets, groups, "DISABLED"));
    }

    static ObjectNode fargateDefinition() {
        ObjectNode definition = EventJson.mapper().createObjectNode();
        definition.put("family", "web").put("networkMode", "awsvpc").put("cpu", "256").put("memory", "512");
        definition.putArray("compatibilities").add("EC2").add("FARGATE");
        definition.putArray("containerDefinitions").addObject().put("name", "app").put("image", "busybox");
        return definition;
    }

    @Test
    void aLaunchTypeOrAStrategyOfFargateProvidersIsOnFargate() {
        assertThat(FargateRules.onFargate("FARGATE", null)).isTrue();
        assertThat(FargateRules.onFargate(null, List.of(new CapacityProviderStrategyItem("FARGATE", 1, 1),
                new CapacityProviderStrategyItem("FARGATE_SPOT", 3, 0)))).isTrue();
        assertThat(FargateRules.onFargate("EC2", null)).isFalse();
        assertThat(FargateRules.onFargate(null, List.of(new CapacityProviderStrategyItem("asg", 1, 0)))).isFalse();
        assertThat(FargateRules.onFargate(null, null)).isFalse();
    }

    @Test
    void latestIsOneFourZeroOnLinuxAndOneZeroZeroOnWindows() {
        assertThat(FargateRules.check(fargateDefinition(), NETWORK, null, List.of(), List.of()))
                .isEqualTo(new FargateRules.Platform("1.4.0", "Linux"));
        assertThat(FargateRules.check(fargateDefinition(), NETWORK, "LATEST", List.of(), List.of()).version())
                .isEqualTo("1.4.0");
        assertThat(FargateRules.check(fargateDefinition(), NETWORK, "1.3.0", List.of(), List.of()).version())
                .isEqualTo("1.3.0");
        ObjectNode windows = fargateDefinition();
        windows.putObject("runtimePlatform").put("operatingSystemFamily", "WINDOWS_SERVER_2019_CORE");
        assertThat(FargateRules.check(windows, NETWORK, "LATEST", List.of(), List.of()))
                .isEqualTo(new FargateRules.Platform("1.0.0", "WINDOWS_SERVER_2019_CORE"));
    }

    static Stream<Arguments> refusals() {
        ObjectNode ec2Only = fargateDefinition();
        ec2Only.putArray("compatibilities").add("EC2");
        ObjectNode bigOnOld = fargateDefinition().put("cpu", "8192").put("memory", "16384");
        ObjectNode storageOnOld = fargateDefinition();
        storageOnOld.putObject("ephemeralStorage").put("sizeInGiB", 30);
        return Stream.of(
                arguments("definition not Fargate-compatible", ec2Only, NETWORK, null, List.of(), List.of(),
                        "InvalidParameterException", "Task definition does not support launch_type FARGATE."),
                arguments("no network configuration", fargateDefinition(), null, null, List.of(), List.of(),
                        "InvalidParameterException",
                        "Network Configuration must be provided when networkMode 'awsvpc' is specified."),
                arguments("no awsvpcConfiguration", fargateDefinition(), new NetworkConfiguration(null), null,
                        List.of(), List.of(), "InvalidParameterException",
                        "Network Configuration must be provided when networkMode 'awsvpc' is specified."),
                arguments("unknown subnet", fargateDefinition(), network(List.of("net-1"), List.of()), null,
                        List.of(), List.of(), "InvalidParameterException", "Error retrieving subnet information for"
                                + " [net-1]: The subnet ID 'net-1' does not exist (ErrorCode: InvalidSubnetID.NotFound)"),
                arguments("unknown security group", fargateDefinition(),
                        network(List.of("subnet-1"), List.of("group-1")), null, List.of(), List.of(),
                        "InvalidParameterException", "Error retrieving security group information for [group-1]:"
                                + " The security group 'group-1' does not exist (ErrorCode: InvalidGroup.NotFound)"),
                arguments("placement constraints", fargateDefinition(), NETWORK, null,
                        List.of(new PlacementConstraint("distinctInstance", null)), List.of(),
                        "InvalidParameterException",
                        "Task placement constraints are not supported for the FARGATE launch type."),
                arguments("placement strategies", fargateDefinition(), NETWORK, null, List.of(),
                        List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone")),
                        "InvalidParameterException",
                        "Task placement strategies are not supported for the FARGATE launch type."),
                arguments("unknown platform version", fargateDefinition(), NETWORK, "1.2.0", List.of(), List.of(),
                        "PlatformUnknownException", "The specified platform version doesn't exist."),
                arguments("Linux version on Windows", windows(), NETWORK, "1.4.0", List.of(), List.of(),
                        "PlatformUnknownException", "The specified platform version doesn't exist."),
                arguments("8 vCPU on 1.3.0", bigOnOld, NETWORK, "1.3.0", List.of(), List.of(),
                        "PlatformTaskDefinitionIncompatibilityException", "The specified platform version doesn't"
                                + " satisfy the required capabilities of the task definition."),
                arguments("ephemeral storage on 1.3.0", storageOnOld, NETWORK, "1.3.0", List.of(), List.of(),
                        "PlatformTaskDefinitionIncompatibilityException", "The specified platform version doesn't"
                                + " satisfy the required capabilities of the task definition."));
    }

    private static ObjectNode windows() {
        ObjectNode windows = fargateDefinition();
        windows.putObject("runtimePlatform").put("operatingSystemFamily", "WINDOWS_SERVER_2022_CORE");
        return windows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refused(String name, ObjectNode definition, NetworkConfiguration network, String platformVersion,
            List<PlacementConstraint> constraints, List<PlacementStrategy> strategies, String type, String message) {
        assertThatThrownBy(() -> FargateRules.check(definition, network, platformVersion, constraints, strategies))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo(type);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void ephemeralStorageOverridesAreTwentyOneToTwoHundredGibOnFargateOnly() {
        ObjectNode overrides = EventJson.mapper().createObjectNode();
        overrides.putObject("ephemeralStorage").put("sizeInGiB", 21);
        FargateRules.checkEphemeralStorage(overrides, true);
        overrides.putObject("ephemeralStorage").put("sizeInGiB", 200);
        FargateRules.checkEphemeralStorage(overrides, true);
        FargateRules.checkEphemeralStorage(null, false);
        for (int size : new int[] {20, 201}) {
            overrides.putObject("ephemeralStorage").put("sizeInGiB", size);
            assertThatThrownBy(() -> FargateRules.checkEphemeralStorage(overrides, true))
                    .hasMessage("Invalid 'ephemeralStorage' setting for task. sizeInGiB must be between 21 and 200.");
        }
        overrides.putObject("ephemeralStorage").put("sizeInGiB", 30);
        assertThatThrownBy(() -> FargateRules.checkEphemeralStorage(overrides, false))
                .hasMessage("Ephemeral storage overrides are only supported for tasks using the FARGATE launch type.");
    }

    @Test
    void instancesTakeNoPublicIpAndNoPlatformVersion() {
        FargateRules.checkNotFargate(NETWORK, null);
        FargateRules.checkNotFargate(null, null);
        assertThatThrownBy(() -> FargateRules.checkNotFargate(new NetworkConfiguration(new AwsVpcConfiguration(
                List.of("subnet-1"), List.of(), "ENABLED")), null))
                .hasMessage("Assign public IP is not supported for this launch type.");
        assertThatThrownBy(() -> FargateRules.checkNotFargate(null, "LATEST"))
                .hasMessage("The platform version must be null when specifying an EC2 launch type.");
    }

    @Test
    void onlySpotTasksCanBeInterruptedAndEndInterrupted() {
        assertThat(SpotInterruptions.interrupt("c", "t", "FARGATE_SPOT", java.time.Instant.EPOCH))
                .isEqualTo(new TaskCommand.Stop("c", "t", "TerminationNotice", "Your Spot Task was interrupted.",
                        java.time.Instant.EPOCH));
        assertThatThrownBy(() -> SpotInterruptions.interrupt("c", "t", "FARGATE", java.time.Instant.EPOCH))
                .hasMessage("Only tasks on the FARGATE_SPOT capacity provider can be interrupted.");
        assertThat(SpotInterruptions.finalStopCode("TerminationNotice", "FARGATE_SPOT")).isEqualTo("SpotInterruption");
        assertThat(SpotInterruptions.finalStopCode("TerminationNotice", null)).isEqualTo("TerminationNotice");
        assertThat(SpotInterruptions.finalStopCode("UserInitiated", "FARGATE_SPOT")).isEqualTo("UserInitiated");
    }
}
