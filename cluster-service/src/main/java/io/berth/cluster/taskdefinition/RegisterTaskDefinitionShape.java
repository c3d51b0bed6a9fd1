package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.Shape.Scalar.BOOLEAN;
import static io.berth.cluster.taskdefinition.Shape.Scalar.INTEGER;
import static io.berth.cluster.taskdefinition.Shape.Scalar.STRING;
import static io.berth.cluster.taskdefinition.Shape.Scalar.STRING_OR_INTEGER;
import static io.berth.cluster.taskdefinition.Shape.listOf;
import static io.berth.cluster.taskdefinition.Shape.mapOf;
import static io.berth.cluster.taskdefinition.Shape.struct;

/**
 * The input shape of RegisterTaskDefinition in the ECS API model (botocore {@code ecs/2014-11-13}),
 * every member the validator reads or that has a fixed type. Members missing here pass unchecked.
 */
final class RegisterTaskDefinitionShape {

    private static final Shape NAME_VALUE = struct("name", STRING, "value", STRING);
    private static final Shape SECRET = struct("name", STRING, "valueFrom", STRING);
    private static final Shape STRINGS = listOf(STRING);
    private static final Shape STRING_MAP = mapOf(STRING);

    static final Shape PORT_MAPPING = struct(
            "containerPort", INTEGER,
            "hostPort", INTEGER,
            "protocol", STRING,
            "name", STRING,
            "appProtocol", STRING,
            "containerPortRange", STRING);

    static final Shape HEALTH_CHECK = struct(
            "command", STRINGS,
            "interval", INTEGER,
            "timeout", INTEGER,
            "retries", INTEGER,
            "startPeriod", INTEGER);

    static final Shape CONTAINER = struct(
            "name", STRING,
            "image", STRING,
            "repositoryCredentials", struct("credentialsParameter", STRING),
            "cpu", INTEGER,
            "memory", INTEGER,
            "memoryReservation", INTEGER,
            "links", STRINGS,
            "portMappings", listOf(PORT_MAPPING),
            "essential", BOOLEAN,
            "restartPolicy", struct(
                    "enabled", BOOLEAN,
                    "ignoredExitCodes", listOf(INTEGER),
                    "restartAttemptPeriod", INTEGER),
            "entryPoint", STRINGS,
            "command", STRINGS,
            "environment", listOf(NAME_VALUE),
            "environmentFiles", listOf(struct("value", STRING, "type", STRING)),
            "mountPoints", listOf(struct("sourceVolume", STRING, "containerPath", STRING, "readOnly", BOOLEAN)),
            "volumesFrom", listOf(struct("sourceContainer", STRING, "readOnly", BOOLEAN)),
            "linuxParameters", struct(
                    "capabilities", struct("add", STRINGS, "drop", STRINGS),
                    "devices", listOf(struct("hostPath", STRING, "containerPath", STRING, "permissions", STRINGS)),
                    "initProcessEnabled", BOOLEAN,
                    "sharedMemorySize", INTEGER,
                    "tmpfs", listOf(struct("containerPath", STRING, "size", INTEGER, "mountOptions", STRINGS)),
                    "maxSwap", INTEGER,
                    "swappiness", INTEGER),
            "secrets", listOf(SECRET),
            "dependsOn", listOf(struct("containerName", STRING, "condition", STRING)),
            "startTimeout", INTEGER,
            "stopTimeout", INTEGER,
            "versionConsistency", STRING,
            "hostname", STRING,
            "user", STRING,
            "workingDirectory", STRING,
            "disableNetworking", BOOLEAN,
            "privileged", BOOLEAN,
            "readonlyRootFilesystem", BOOLEAN,
            "dnsServers", STRINGS,
            "dnsSearchDomains", STRINGS,
            "extraHosts", listOf(struct("hostname", STRING, "ipAddress", STRING)),
            "dockerSecurityOptions", STRINGS,
            "interactive", BOOLEAN,
            "pseudoTerminal", BOOLEAN,
            "dockerLabels", STRING_MAP,
            "ulimits", listOf(struct("name", STRING, "softLimit", INTEGER, "hardLimit", INTEGER)),
            "logConfiguration", struct(
                    "logDriver", STRING,
                    "options", STRING_MAP,
                    "secretOptions", listOf(SECRET)),
            "healthCheck", HEALTH_CHECK,
            "systemControls", listOf(struct("namespace", STRING, "value", STRING)),
            "resourceRequirements", listOf(struct("value", STRING, "type", STRING)),
            "firelensConfiguration", struct("type", STRING, "options", STRING_MAP),
            "credentialSpecs", STRINGS);

    static final Shape VOLUME = struct(
            "name", STRING,
            "host", struct("sourcePath", STRING),
            "dockerVolumeConfiguration", struct(
                    "scope", STRING,
                    "autoprovision", BOOLEAN,
                    "driver", STRING,
                    "driverOpts", STRING_MAP,
                    "labels", STRING_MAP),
            "efsVolumeConfiguration", struct(
                    "fileSystemId", STRING,
                    "rootDirectory", STRING,
                    "transitEncryption", STRING,
                    "transitEncryptionPort", INTEGER,
                    "authorizationConfig", struct("accessPointId", STRING, "iam", STRING)),
            "fsxWindowsFileServerVolumeConfiguration", struct(
                    "fileSystemId", STRING,
                    "rootDirectory", STRING,
                    "authorizationConfig", struct("credentialsParameter", STRING, "domain", STRING)),
            "s3filesVolumeConfiguration", struct(),
            "configuredAtLaunch", BOOLEAN);

    static final Shape REQUEST = struct(
            "family", STRING,
            "taskRoleArn", STRING,
            "executionRoleArn", STRING,
            "networkMode", STRING,
            "containerDefinitions", listOf(CONTAINER),
            "volumes", listOf(VOLUME),
            "placementConstraints", listOf(struct("type", STRING, "expression", STRING)),
            "requiresCompatibilities", STRINGS,
            "cpu", STRING_OR_INTEGER,
            "memory", STRING_OR_INTEGER,
            "tags", listOf(struct("key", STRING, "value", STRING)),
            "pidMode", STRING,
            "ipcMode", STRING,
            "proxyConfiguration", struct(
                    "type", STRING,
                    "containerName", STRING,
                    "properties", listOf(NAME_VALUE)),
            "inferenceAccelerators", listOf(struct("deviceName", STRING, "deviceType", STRING)),
            "ephemeralStorage", struct("sizeInGiB", INTEGER),
            "runtimePlatform", struct("cpuArchitecture", STRING, "operatingSystemFamily", STRING),
            "enableFaultInjection", BOOLEAN);

    private RegisterTaskDefinitionShape() {
    }
}
