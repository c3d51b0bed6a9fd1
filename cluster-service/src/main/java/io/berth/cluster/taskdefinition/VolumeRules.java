package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Task {@code volumes}: names, the one kind each volume has, and each kind's own settings. */
final class VolumeRules {

    private static final List<String> KINDS = List.of("host", "dockerVolumeConfiguration",
            "efsVolumeConfiguration", "fsxWindowsFileServerVolumeConfiguration", "s3filesVolumeConfiguration",
            "configuredAtLaunch");
    private static final Set<String> ENABLED_DISABLED = Set.of("ENABLED", "DISABLED");

    private VolumeRules() {
    }

    /** @return the volume names, for the containers' {@code mountPoints} */
    static Set<String> validate(List<ObjectNode> volumes, Compatibilities compatibilities) {
        Set<String> names = new LinkedHashSet<>();
        boolean configuredAtLaunch = false;
        for (ObjectNode volume : volumes) {
            String name = name(volume);
            if (!names.add(name)) {
                throw EcsErrors.clientException("Volume names must be unique within a Task Definition.");
            }
            List<String> kinds = new ArrayList<>();
            for (String kind : KINDS) {
                if (kind.equals("configuredAtLaunch") ? Members.bool(volume, kind, false) : volume.has(kind)) {
                    kinds.add(kind);
                }
            }
            if (kinds.size() > 1) {
                throw invalid(name, "Specify at most one of " + String.join(", ", KINDS) + "; found "
                        + String.join(" and ", kinds) + ".");
            }
            String kind = kinds.isEmpty() ? "host" : kinds.get(0);
            switch (kind) {
                case "host" -> host(volume, compatibilities);
                case "dockerVolumeConfiguration" -> docker(name, volume, compatibilities);
                case "efsVolumeConfiguration" -> efs(name, volume, compatibilities);
                case "fsxWindowsFileServerVolumeConfiguration" -> fsx(name, volume, compatibilities);
                case "configuredAtLaunch" -> {
                    if (configuredAtLaunch) {
                        throw invalid(name, "Only one volume of a task definition can be configured at launch.");
                    }
                    configuredAtLaunch = true;
                    compatibilities.notOnExternal(notOnExternal(name, "configuredAtLaunch"));
                }
                default -> {
                    // s3filesVolumeConfiguration: its settings are the storage service's to check.
                }
            }
        }
        return names;
    }

    private static String name(ObjectNode volume) {
        String name = Members.text(volume, "name");
        if (Members.isBlank(name)) {
            throw EcsErrors.clientException("Volume.name should not be null or empty.");
        }
        if (!Names.isValid(name)) {
            throw EcsErrors.clientException(name.length() > 255
                    ? "Volume.name can have up to 255 characters."
                    : "Volume.name contains invalid characters.");
        }
        return name;
    }

    /** No host (or an empty one) is a Docker-managed scratch volume, which Fargate has too. */
    private static void host(ObjectNode volume, Compatibilities compatibilities) {
        ObjectNode host = Members.object(volume, "host");
        if (host != null && !Members.isBlank(Members.text(host, "sourcePath"))) {
            compatibilities.notOnFargate("host.sourcePath should not be set for volumes in Fargate.");
        }
    }

    private static void docker(String name, ObjectNode volume, Compatibilities compatibilities) {
        ObjectNode docker = Members.object(volume, "dockerVolumeConfiguration");
        String scope = Members.text(docker, "scope");
        if (scope != null && !scope.equals("task") && !scope.equals("shared")) {
            throw invalid(name, "dockerVolumeConfiguration.scope must be task or shared.");
        }
        if (Members.bool(docker, "autoprovision", false) && !"shared".equals(scope)) {
            throw invalid(name, "dockerVolumeConfiguration.autoprovision can only be true when scope is shared.");
        }
        compatibilities.notOnFargate(
                message(name, "Fargate compatible task definitions do not support dockerVolumeConfiguration."));
    }

    private static void efs(String name, ObjectNode volume, Compatibilities compatibilities) {
        ObjectNode efs = Members.object(volume, "efsVolumeConfiguration");
        if (Members.isBlank(Members.text(efs, "fileSystemId"))) {
            throw invalid(name, "efsVolumeConfiguration.fileSystemId should not be null or empty.");
        }
        String transitEncryption = Members.text(efs, "transitEncryption");
        if (transitEncryption != null && !ENABLED_DISABLED.contains(transitEncryption)) {
            throw invalid(name, "efsVolumeConfiguration.transitEncryption must be ENABLED or DISABLED.");
        }
        boolean encrypted = "ENABLED".equals(transitEncryption);
        Integer port = Members.integer(efs, "transitEncryptionPort");
        if (port != null && (port < 1 || port > 65_535)) {
            throw invalid(name, "efsVolumeConfiguration.transitEncryptionPort must be between 1 and 65535.");
        }
        ObjectNode authorization = Members.object(efs, "authorizationConfig");
        if (authorization != null) {
            String iam = Members.text(authorization, "iam");
            if (iam != null && !ENABLED_DISABLED.contains(iam)) {
                throw invalid(name, "efsVolumeConfiguration.authorizationConfig.iam must be ENABLED or DISABLED.");
            }
            if ("ENABLED".equals(iam) && !encrypted) {
                throw invalid(name, "Transit encryption must be ENABLED when IAM authorization is ENABLED.");
            }
            if (Members.text(authorization, "accessPointId") != null) {
                String root = Members.text(efs, "rootDirectory");
                if (root != null && !root.isEmpty() && !root.equals("/")) {
                    throw invalid(name, "The root directory must be omitted or / when an access point is used.");
                }
                if (!encrypted) {
                    throw invalid(name, "Transit encryption must be ENABLED when an access point is used.");
                }
            }
        }
        compatibilities.notOnExternal(notOnExternal(name, "efsVolumeConfiguration"));
    }

    private static void fsx(String name, ObjectNode volume, Compatibilities compatibilities) {
        String prefix = "fsxWindowsFileServerVolumeConfiguration.";
        ObjectNode fsx = Members.object(volume, "fsxWindowsFileServerVolumeConfiguration");
        for (String member : List.of("fileSystemId", "rootDirectory")) {
            if (Members.isBlank(Members.text(fsx, member))) {
                throw invalid(name, prefix + member + " should not be null or empty.");
            }
        }
        ObjectNode authorization = Members.object(fsx, "authorizationConfig");
        for (String member : List.of("credentialsParameter", "domain")) {
            if (authorization == null || Members.isBlank(Members.text(authorization, member))) {
                throw invalid(name, prefix + "authorizationConfig." + member + " should not be null or empty.");
            }
        }
        compatibilities.notOnExternal(notOnExternal(name, "fsxWindowsFileServerVolumeConfiguration"));
    }

    private static String notOnExternal(String name, String member) {
        return message(name, "EXTERNAL compatible task definitions do not support " + member + ".");
    }

    private static String message(String name, String detail) {
        return "Invalid setting for volume '" + name + "'. " + detail;
    }

    private static RuntimeException invalid(String name, String detail) {
        return EcsErrors.clientException(message(name, detail));
    }
}
