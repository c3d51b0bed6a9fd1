package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code requiresAttributes} ECS derives from the features a definition uses; placement keeps a
 * task off instances whose agent does not advertise them (failure reason {@code ATTRIBUTE}).
 *
 * <p>Derived here, sorted by name:
 * <ul>
 * <li>{@code ecs.capability.task-eni} for awsvpc;</li>
 * <li>{@code com.amazonaws.ecs.capability.logging-driver.<driver>} per log driver, with
 *     {@code com.amazonaws.ecs.capability.docker-remote-api.1.18} (logConfiguration, dockerLabels and
 *     ulimits need Docker API 1.18), and {@code ecs.capability.execution-role-awslogs} for awslogs with
 *     an execution role;</li>
 * <li>{@code com.amazonaws.ecs.capability.docker-remote-api.1.21} for memoryReservation;</li>
 * <li>{@code ecs.capability.container-health-check} for a healthCheck;</li>
 * <li>{@code ecs.capability.container-ordering} for dependsOn;</li>
 * <li>{@code com.amazonaws.ecs.capability.privileged-container} for privileged;</li>
 * <li>{@code com.amazonaws.ecs.capability.private-registry-authentication.secretsmanager} for
 *     repositoryCredentials; {@code com.amazonaws.ecs.capability.ecr-auth} for an ECR image, with
 *     {@code ecs.capability.execution-role-ecr-pull} when there is an execution role;</li>
 * <li>{@code ecs.capability.secrets.ssm.environment-variables} / {@code ...asm...} for secrets from
 *     SSM Parameter Store / Secrets Manager; {@code ecs.capability.env-files.s3} for environmentFiles;</li>
 * <li>{@code com.amazonaws.ecs.capability.task-iam-role} for a task role, with
 *     {@code ...task-iam-role-network-host} in host mode;</li>
 * <li>{@code ecs.capability.firelens.<type>} for a FireLens container;</li>
 * <li>{@code ecs.capability.efs} for EFS volumes, with {@code ecs.capability.efsAuth} when they use IAM
 *     authorization or an access point; {@code ecs.capability.fsxWindowsFileServer} for FSx.</li>
 * </ul>
 */
final class RequiredAttributes {

    private static final String DOCKER = "com.amazonaws.ecs.capability.";
    private static final Pattern ECR_IMAGE =
            Pattern.compile("\\d{12}\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/.*");

    private RequiredAttributes() {
    }

    /** @param td the validated, normalised definition */
    static ArrayNode of(ObjectNode td, String networkMode) {
        Set<String> names = new TreeSet<>();
        boolean executionRole = td.has("executionRoleArn");
        if (networkMode.equals(TaskContext.AWSVPC)) {
            names.add("ecs.capability.task-eni");
        }
        if (td.has("taskRoleArn")) {
            names.add(DOCKER + "task-iam-role");
            if (networkMode.equals(TaskContext.HOST)) {
                names.add(DOCKER + "task-iam-role-network-host");
            }
        }
        for (ObjectNode container : Members.objects(td, "containerDefinitions")) {
            container(container, executionRole, names);
        }
        for (ObjectNode volume : Members.objects(td, "volumes")) {
            ObjectNode efs = Members.object(volume, "efsVolumeConfiguration");
            if (efs != null) {
                names.add("ecs.capability.efs");
                ObjectNode authorization = Members.object(efs, "authorizationConfig");
                if (authorization != null && ("ENABLED".equals(Members.text(authorization, "iam"))
                        || authorization.has("accessPointId"))) {
                    names.add("ecs.capability.efsAuth");
                }
            }
            if (volume.has("fsxWindowsFileServerVolumeConfiguration")) {
                names.add("ecs.capability.fsxWindowsFileServer");
            }
        }
        ArrayNode attributes = JsonNodeFactory.instance.arrayNode();
        names.forEach(name -> attributes.addObject().put("name", name));
        return attributes;
    }

    /** An image of an Amazon ECR registry ({@code <account>.dkr.ecr.<region>.amazonaws.com/...}). */
    static boolean isEcrImage(String image) {
        return image != null && ECR_IMAGE.matcher(image).matches();
    }

    private static void container(ObjectNode container, boolean executionRole, Set<String> names) {
        ObjectNode logConfiguration = Members.object(container, "logConfiguration");
        if (logConfiguration != null) {
            String driver = Members.text(logConfiguration, "logDriver");
            names.add(DOCKER + "logging-driver." + driver);
            names.add(DOCKER + "docker-remote-api.1.18");
            if (driver.equals(LogConfigurationRules.AWSLOGS) && executionRole) {
                names.add("ecs.capability.execution-role-awslogs");
            }
        }
        if (container.has("dockerLabels") || container.has("ulimits")) {
            names.add(DOCKER + "docker-remote-api.1.18");
        }
        if (container.has("memoryReservation")) {
            names.add(DOCKER + "docker-remote-api.1.21");
        }
        if (container.has("healthCheck")) {
            names.add("ecs.capability.container-health-check");
        }
        if (Members.isNonEmptyList(container, "dependsOn")) {
            names.add("ecs.capability.container-ordering");
        }
        if (Members.bool(container, "privileged", false)) {
            names.add(DOCKER + "privileged-container");
        }
        if (container.has("repositoryCredentials")) {
            names.add(DOCKER + "private-registry-authentication.secretsmanager");
        }
        if (isEcrImage(Members.text(container, "image"))) {
            names.add(DOCKER + "ecr-auth");
            if (executionRole) {
                names.add("ecs.capability.execution-role-ecr-pull");
            }
        }
        for (ObjectNode secret : Members.objects(container, "secrets")) {
            String from = Members.text(secret, "valueFrom");
            // A bare name or an ssm ARN is a Parameter Store parameter.
            names.add(from != null && from.contains(":secretsmanager:")
                    ? "ecs.capability.secrets.asm.environment-variables"
                    : "ecs.capability.secrets.ssm.environment-variables");
        }
        if (Members.isNonEmptyList(container, "environmentFiles")) {
            names.add("ecs.capability.env-files.s3");
        }
        ObjectNode firelens = Members.object(container, "firelensConfiguration");
        if (firelens != null) {
            names.add("ecs.capability.firelens." + Members.text(firelens, "type"));
        }
    }
}
