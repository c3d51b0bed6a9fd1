package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.RequestShapes;
import io.berth.events.Shapes.AwsVpcConfiguration;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What RunTask, CreateService and UpdateService must satisfy to launch on Fargate, with ECS's errors
 * (reference {@code fargate.md} §2, §4, §5), and what a Fargate launch resolves: its platform version
 * and family. Whether the task definition itself fits Fargate was decided when it was registered
 * ({@code compatibilities}); this only reads the verdict. Pure.
 */
public final class FargateRules {

    public static final String FARGATE = "FARGATE";
    public static final String FARGATE_SPOT = "FARGATE_SPOT";
    public static final Set<String> PROVIDERS = RequestShapes.FARGATE_PROVIDERS;
    public static final String LATEST = "LATEST";
    static final String LINUX_LATEST = "1.4.0";
    static final String WINDOWS_LATEST = "1.0.0";
    private static final Set<String> LINUX_VERSIONS = Set.of("1.4.0", "1.3.0");
    private static final Set<String> WINDOWS_VERSIONS = Set.of(WINDOWS_LATEST);
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-zA-Z]{1,64}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-zA-Z]{1,64}");
    static final String PLATFORM_UNKNOWN = "PlatformUnknownException";
    static final String PLATFORM_INCOMPATIBLE = "PlatformTaskDefinitionIncompatibilityException";

    private FargateRules() {
    }

    /** What a Fargate launch resolved: the platform version its tasks show and their platform family. */
    public record Platform(String version, String family) {
    }

    /** A launch with the FARGATE launch type, or with a strategy of FARGATE and FARGATE_SPOT. */
    public static boolean onFargate(String launchType, List<CapacityProviderStrategyItem> strategy) {
        return RequestShapes.onFargate(launchType, strategy);
    }

    /**
     * Checks a Fargate launch of {@code taskDefinition} and resolves its platform.
     *
     * @param platformVersion as requested; null or LATEST for the newest
     * @throws EcsException what ECS answers, naming the parameter
     */
    public static Platform check(JsonNode taskDefinition, NetworkConfiguration network, String platformVersion,
            List<PlacementConstraint> constraints, List<PlacementStrategy> strategies) {
        boolean compatible = false;
        for (JsonNode compatibility : taskDefinition.path("compatibilities")) {
            compatible |= FARGATE.equals(compatibility.asText());
        }
        if (!compatible) {
            throw EcsErrors.invalidParameter("Task definition does not support launch_type FARGATE.");
        }
        if (constraints != null && !constraints.isEmpty()) {
            throw EcsErrors.invalidParameter("Task placement constraints are not supported for the FARGATE launch"
                    + " type.");
        }
        if (strategies != null && !strategies.isEmpty()) {
            throw EcsErrors.invalidParameter("Task placement strategies are not supported for the FARGATE launch"
                    + " type.");
        }
        checkNetwork(network);
        return platform(taskDefinition, platformVersion);
    }

    /**
     * An awsvpc task needs its subnets; Berth has no VPC, so a subnet or security group exists when
     * its id has EC2's form, and is refused with EC2's not-found otherwise.
     */
    static void checkNetwork(NetworkConfiguration network) {
        AwsVpcConfiguration awsvpc = network == null ? null : network.awsvpcConfiguration();
        if (awsvpc == null) {
            throw EcsErrors.invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is"
                    + " specified.");
        }
        for (String subnet : awsvpc.subnets()) {
            if (!SUBNET.matcher(subnet).matches()) {
                throw EcsErrors.invalidParameter("Error retrieving subnet information for [" + subnet + "]: The"
                        + " subnet ID '" + subnet + "' does not exist (ErrorCode: InvalidSubnetID.NotFound)");
            }
        }
        for (String group : awsvpc.securityGroups() == null ? List.<String>of() : awsvpc.securityGroups()) {
            if (!SECURITY_GROUP.matcher(group).matches()) {
                throw EcsErrors.invalidParameter("Error retrieving security group information for [" + group
                        + "]: The security group '" + group + "' does not exist (ErrorCode: InvalidGroup.NotFound)");
            }
        }
    }

    /**
     * LATEST is 1.4.0 on Linux and 1.0.0 on Windows; 1.3.0 lacks what 8 and 16 vCPU sizes and a larger
     * ephemeral storage need.
     */
    public static Platform platform(JsonNode taskDefinition, String requested) {
        String os = taskDefinition.path("runtimePlatform").path("operatingSystemFamily").asText("LINUX");
        boolean windows = os.startsWith("WINDOWS");
        String family = windows ? os : "Linux";
        if (requested == null || LATEST.equals(requested)) {
            return new Platform(windows ? WINDOWS_LATEST : LINUX_LATEST, family);
        }
        if (!(windows ? WINDOWS_VERSIONS : LINUX_VERSIONS).contains(requested)) {
            throw new EcsException(PLATFORM_UNKNOWN, "The specified platform version doesn't exist.");
        }
        if ("1.3.0".equals(requested) && (taskDefinition.path("cpu").asInt(0) >= 8192
                || taskDefinition.has("ephemeralStorage"))) {
            throw new EcsException(PLATFORM_INCOMPATIBLE, "The specified platform version doesn't satisfy the"
                    + " required capabilities of the task definition.");
        }
        return new Platform(requested, family);
    }

    /**
     * RunTask's {@code overrides.ephemeralStorage}: 21 to 200 GiB, on Fargate only, as the task
     * definition's own.
     */
    static void checkEphemeralStorage(JsonNode overrides, boolean fargate) {
        JsonNode storage = overrides == null ? null : overrides.get("ephemeralStorage");
        if (storage == null || storage.isNull()) {
            return;
        }
        if (!fargate) {
            throw EcsErrors.invalidParameter("Ephemeral storage overrides are only supported for tasks using the"
                    + " FARGATE launch type.");
        }
        int size = storage.path("sizeInGiB").asInt(-1);
        if (!storage.path("sizeInGiB").isIntegralNumber() || size < 21 || size > 200) {
            throw EcsErrors.invalidParameter("Invalid 'ephemeralStorage' setting for task. sizeInGiB must be between"
                    + " 21 and 200.");
        }
    }

    /** A launch type or strategy that is not Fargate takes no public IP. */
    static void checkNotFargate(NetworkConfiguration network, String platformVersion) {
        if (network != null && network.awsvpcConfiguration() != null
                && "ENABLED".equals(network.awsvpcConfiguration().assignPublicIp())) {
            throw EcsErrors.invalidParameter("Assign public IP is not supported for this launch type.");
        }
        if (platformVersion != null) {
            throw EcsErrors.invalidParameter("The platform version must be null when specifying an EC2 launch type.");
        }
    }
}
