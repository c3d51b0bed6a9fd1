package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.assertClientException;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.ec2;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.json;
import static io.berth.cluster.taskdefinition.TaskDefinitionRequests.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Task {@code volumes}: names, one kind per volume, and the settings of each kind. */
class VolumeRulesTest {

    private static final Map<String, Object> FSX_AUTHORIZATION = Map.of("credentialsParameter", "arn:aws:ssm:p",
            "domain", "example.com");

    static Stream<Arguments> volumes() {
        return Stream.of(
                arguments(named("scratch", List.of(Map.of("name", "scratch")))),
                arguments(named("empty host", List.of(Map.of("name", "scratch", "host", Map.of())))),
                arguments(named("bind mount",
                        List.of(Map.of("name", "logs", "host", Map.of("sourcePath", "/var/log"))))),
                arguments(named("Docker task volume", List.of(Map.of("name", "cache",
                        "dockerVolumeConfiguration", Map.of("scope", "task", "driver", "local"))))),
                arguments(named("Docker shared volume", List.of(Map.of("name", "cache", "dockerVolumeConfiguration",
                        Map.of("scope", "shared", "autoprovision", true, "driverOpts", Map.of("type", "nfs")))))),
                arguments(named("EFS", List.of(Map.of("name", "data", "efsVolumeConfiguration",
                        Map.of("fileSystemId", "fs-1234", "rootDirectory", "/data"))))),
                arguments(named("EFS with IAM", List.of(Map.of("name", "data", "efsVolumeConfiguration",
                        Map.of("fileSystemId", "fs-1234", "transitEncryption", "ENABLED", "transitEncryptionPort", 2999,
                                "authorizationConfig", Map.of("iam", "ENABLED")))))),
                arguments(named("EFS access point", List.of(Map.of("name", "data", "efsVolumeConfiguration",
                        Map.of("fileSystemId", "fs-1234", "rootDirectory", "/", "transitEncryption", "ENABLED",
                                "authorizationConfig", Map.of("accessPointId", "fsap-1")))))),
                arguments(named("FSx", List.of(Map.of("name", "share", "fsxWindowsFileServerVolumeConfiguration",
                        Map.of("fileSystemId", "fs-1", "rootDirectory", "share",
                                "authorizationConfig", FSX_AUTHORIZATION))))),
                arguments(named("configured at launch", List.of(Map.of("name", "ebs", "configuredAtLaunch", true)))),
                arguments(named("not configured at launch, with host",
                        List.of(Map.of("name", "logs", "configuredAtLaunch", false, "host", Map.of())))),
                arguments(named("S3 Files", List.of(Map.of("name", "files", "s3filesVolumeConfiguration",
                        Map.of("fileSystemArn", "arn:x"))))),
                arguments(named("several", List.of(Map.of("name", "a"), Map.of("name", "b-2"),
                        Map.of("name", "ebs", "configuredAtLaunch", true)))));
    }

    @ParameterizedTest
    @MethodSource("volumes")
    void passesValidVolumesThroughUnchanged(List<Object> volumes) {
        assertThat(validate(ec2().with("volumes", volumes)).get("volumes")).isEqualTo(json(volumes));
    }

    static Stream<Arguments> invalidVolumes() {
        String data = "Invalid setting for volume 'data'. ";
        return Stream.of(
                arguments(named("no name", List.of(Map.of("host", Map.of()))),
                        "Volume.name should not be null or empty."),
                arguments(named("blank name", List.of(Map.of("name", " "))),
                        "Volume.name should not be null or empty."),
                arguments(named("slash in name", List.of(Map.of("name", "my/vol"))),
                        "Volume.name contains invalid characters."),
                arguments(named("256 characters", List.of(Map.of("name", "v".repeat(256)))),
                        "Volume.name can have up to 255 characters."),
                arguments(named("one name twice", List.of(Map.of("name", "data"), Map.of("name", "data"))),
                        "Volume names must be unique within a Task Definition."),
                arguments(named("host and EFS", List.of(Map.of("name", "data", "host", Map.of(),
                        "efsVolumeConfiguration", Map.of("fileSystemId", "fs-1")))),
                        data + "Specify at most one of host, dockerVolumeConfiguration, efsVolumeConfiguration,"
                                + " fsxWindowsFileServerVolumeConfiguration, s3filesVolumeConfiguration,"
                                + " configuredAtLaunch; found host and efsVolumeConfiguration."),
                arguments(named("Docker volume configured at launch", List.of(Map.of("name", "data",
                        "configuredAtLaunch", true, "dockerVolumeConfiguration", Map.of()))),
                        data + "Specify at most one of host, dockerVolumeConfiguration, efsVolumeConfiguration,"
                                + " fsxWindowsFileServerVolumeConfiguration, s3filesVolumeConfiguration,"
                                + " configuredAtLaunch; found dockerVolumeConfiguration and configuredAtLaunch."),
                arguments(named("two configured at launch", List.of(Map.of("name", "ebs", "configuredAtLaunch", true),
                        Map.of("name", "data", "configuredAtLaunch", true))),
                        data + "Only one volume of a task definition can be configured at launch."),
                arguments(named("Docker scope", docker(Map.of("scope", "global"))),
                        data + "dockerVolumeConfiguration.scope must be task or shared."),
                arguments(named("autoprovision a task volume", docker(Map.of("scope", "task", "autoprovision", true))),
                        data + "dockerVolumeConfiguration.autoprovision can only be true when scope is shared."),
                arguments(named("autoprovision without scope", docker(Map.of("autoprovision", true))),
                        data + "dockerVolumeConfiguration.autoprovision can only be true when scope is shared."),
                arguments(named("EFS without file system", efs(Map.of("rootDirectory", "/"))),
                        data + "efsVolumeConfiguration.fileSystemId should not be null or empty."),
                arguments(named("EFS transit encryption",
                        efs(Map.of("fileSystemId", "fs-1", "transitEncryption", "ON"))),
                        data + "efsVolumeConfiguration.transitEncryption must be ENABLED or DISABLED."),
                arguments(named("EFS port 0", efs(Map.of("fileSystemId", "fs-1", "transitEncryptionPort", 0))),
                        data + "efsVolumeConfiguration.transitEncryptionPort must be between 1 and 65535."),
                arguments(named("EFS IAM value", efs(Map.of("fileSystemId", "fs-1",
                        "authorizationConfig", Map.of("iam", "yes")))),
                        data + "efsVolumeConfiguration.authorizationConfig.iam must be ENABLED or DISABLED."),
                arguments(named("EFS IAM without encryption", efs(Map.of("fileSystemId", "fs-1",
                        "authorizationConfig", Map.of("iam", "ENABLED")))),
                        data + "Transit encryption must be ENABLED when IAM authorization is ENABLED."),
                arguments(named("EFS IAM with encryption disabled", efs(Map.of("fileSystemId", "fs-1",
                        "transitEncryption", "DISABLED", "authorizationConfig", Map.of("iam", "ENABLED")))),
                        data + "Transit encryption must be ENABLED when IAM authorization is ENABLED."),
                arguments(named("EFS access point under a directory", efs(Map.of("fileSystemId", "fs-1",
                        "rootDirectory", "/data", "transitEncryption", "ENABLED",
                        "authorizationConfig", Map.of("accessPointId", "fsap-1")))),
                        data + "The root directory must be omitted or / when an access point is used."),
                arguments(named("EFS access point without encryption", efs(Map.of("fileSystemId", "fs-1",
                        "authorizationConfig", Map.of("accessPointId", "fsap-1")))),
                        data + "Transit encryption must be ENABLED when an access point is used."),
                arguments(named("FSx without file system", fsx(Map.of("rootDirectory", "share",
                        "authorizationConfig", FSX_AUTHORIZATION))),
                        data + "fsxWindowsFileServerVolumeConfiguration.fileSystemId should not be null or empty."),
                arguments(named("FSx without root", fsx(Map.of("fileSystemId", "fs-1",
                        "authorizationConfig", FSX_AUTHORIZATION))),
                        data + "fsxWindowsFileServerVolumeConfiguration.rootDirectory should not be null or empty."),
                arguments(named("FSx without authorization", fsx(Map.of("fileSystemId", "fs-1",
                        "rootDirectory", "share"))),
                        data + "fsxWindowsFileServerVolumeConfiguration.authorizationConfig.credentialsParameter"
                                + " should not be null or empty."),
                arguments(named("FSx without domain", fsx(Map.of("fileSystemId", "fs-1", "rootDirectory", "share",
                        "authorizationConfig", Map.of("credentialsParameter", "arn:p")))),
                        data + "fsxWindowsFileServerVolumeConfiguration.authorizationConfig.domain should not be null"
                                + " or empty."));
    }

    @ParameterizedTest
    @MethodSource("invalidVolumes")
    void rejectsVolumesOutsideTheirRules(List<Object> volumes, String message) {
        assertClientException(ec2().with("volumes", volumes), message);
    }

    private static List<Object> docker(Map<String, Object> configuration) {
        return List.of(Map.of("name", "data", "dockerVolumeConfiguration", configuration));
    }

    private static List<Object> efs(Map<String, Object> configuration) {
        return List.of(Map.of("name", "data", "efsVolumeConfiguration", configuration));
    }

    private static List<Object> fsx(Map<String, Object> configuration) {
        return List.of(Map.of("name", "data", "fsxWindowsFileServerVolumeConfiguration", configuration));
    }
}
