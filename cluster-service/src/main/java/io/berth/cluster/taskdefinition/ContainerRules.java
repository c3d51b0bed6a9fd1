package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskContext.AWSVPC;
import static io.berth.cluster.taskdefinition.TaskContext.BRIDGE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code containerDefinitions} of one task: each container on its own, then what the containers
 * must satisfy together (an essential one, resources within the task's, references by name).
 */
final class ContainerRules {

    static final int MAX_CONTAINERS = 10;
    /** Docker's smallest memory limit. */
    static final int MIN_CONTAINER_MEMORY = 6;
    static final int MAX_IMAGE_NAME = 255;
    static final int MAX_ENVIRONMENT_FILES = 10;
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Set<String> RESOURCE_TYPES = Set.of("GPU", "InferenceAccelerator");
    private static final Set<String> FIRELENS_TYPES = Set.of("fluentd", "fluentbit");
    private static final Set<String> VERSION_CONSISTENCY = Set.of("enabled", "disabled");
    private static final Pattern POSITIVE_INTEGER = Pattern.compile("[1-9][0-9]{0,8}");

    private ContainerRules() {
    }

    static void validate(List<ObjectNode> containers, TaskContext task) {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        for (ObjectNode container : containers) {
            if (byName.putIfAbsent(name(container), container) != null) {
                throw EcsErrors.clientException("Container names must be unique within a Task Definition.");
            }
        }
        PortMappingRules ports = new PortMappingRules(task.networkMode());
        for (Map.Entry<String, ObjectNode> entry : byName.entrySet()) {
            String name = entry.getKey();
            ObjectNode container = entry.getValue();
            image(name, container);
            if (RequiredAttributes.isEcrImage(Members.text(container, "image")) && !task.hasExecutionRole()) {
                // Fargate pulls with the execution role; there is no instance role to fall back on.
                task.compatibilities().notOnFargate(
                        "Fargate requires task definition to have execution role ARN to support ECR images.");
            }
            if (!container.has("essential")) {
                container.put("essential", true);
            }
            resources(name, container, task);
            ports.container(name, Members.objects(container, "portMappings"));
            networking(name, container, task.networkMode());
            ObjectNode healthCheck = Members.object(container, "healthCheck");
            if (healthCheck != null) {
                HealthCheckRules.validate(name, healthCheck);
            }
            ObjectNode logConfiguration = Members.object(container, "logConfiguration");
            if (logConfiguration != null) {
                LogConfigurationRules.validate(name, logConfiguration, task);
            }
            mountPoints(name, container, task.volumeNames());
            settings(name, container);
            fargate(name, container, task.compatibilities());
            for (String list : List.of("portMappings", "environment", "mountPoints", "volumesFrom")) {
                Members.defaultEmptyList(container, list);
            }
        }
        ports.checkHostPorts();
        taskResources(byName.values(), task);
        ContainerReferences.validate(byName);
    }

    private static String name(ObjectNode container) {
        String name = Members.text(container, "name");
        if (Members.isBlank(name)) {
            throw EcsErrors.clientException("Container.name should not be null or empty.");
        }
        if (!Names.isValid(name)) {
            throw EcsErrors.clientException(name.length() > 255
                    ? "Container.name can have up to 255 characters."
                    : "Container.name contains invalid characters.");
        }
        return name;
    }

    private static void image(String name, ObjectNode container) {
        String image = Members.text(container, "image");
        if (Members.isBlank(image)) {
            throw EcsErrors.clientException("Container.image should not be null or empty.");
        }
        int at = image.indexOf('@');
        String reference = at < 0 ? image : image.substring(0, at);
        if (reference.isBlank() || reference.length() > MAX_IMAGE_NAME) {
            throw invalid(name, "image", "The image name must have 1 to " + MAX_IMAGE_NAME
                    + " characters before the digest.");
        }
        if (at >= 0 && !DIGEST.matcher(image.substring(at + 1)).matches()) {
            throw invalid(name, "image", "A digest must be sha256: followed by 64 lowercase hexadecimal characters.");
        }
    }

    private static void resources(String name, ObjectNode container, TaskContext task) {
        Integer cpu = Members.integer(container, "cpu");
        if (cpu == null) {
            container.put("cpu", 0);
        } else if (cpu < 0) {
            throw invalid(name, "cpu", "CPU units cannot be negative.");
        }
        Integer memory = Members.integer(container, "memory");
        Integer reservation = Members.integer(container, "memoryReservation");
        if (memory != null && memory < MIN_CONTAINER_MEMORY) {
            throw invalid(name, "memory", "The minimum is " + MIN_CONTAINER_MEMORY + " MiB.");
        }
        if (reservation != null && reservation < MIN_CONTAINER_MEMORY) {
            throw invalid(name, "memoryReservation", "The minimum is " + MIN_CONTAINER_MEMORY + " MiB.");
        }
        if (memory == null && reservation == null && task.memory().isEmpty()) {
            throw EcsErrors.clientException("Invalid setting for container '" + name
                    + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
        }
        if (memory != null && reservation != null && memory <= reservation) {
            throw EcsErrors.clientException("Invalid setting for container '" + name
                    + "'. 'memory' must be greater than 'memoryReservation'.");
        }
        if (memory != null && task.memory().isPresent() && memory > task.memory().getAsInt()) {
            throw EcsErrors.clientException("The 'memory' setting for container '" + name
                    + "' is greater than for the task.");
        }
    }

    private static void networking(String name, ObjectNode container, String networkMode) {
        if (Members.isNonEmptyList(container, "links") && !networkMode.equals(BRIDGE)) {
            throw EcsErrors.clientException("Links are not supported when networkMode=" + networkMode + ".");
        }
        if (networkMode.equals(AWSVPC)) {
            // The task's ENI owns the name and the hosts file of every container in it.
            if (container.has("hostname")) {
                throw EcsErrors.clientException("hostname is not supported on container when networkMode=awsvpc.");
            }
            if (Members.isNonEmptyList(container, "extraHosts")) {
                throw EcsErrors.clientException("extraHosts is not supported on container when networkMode=awsvpc.");
            }
        }
    }

    private static void mountPoints(String name, ObjectNode container, Set<String> volumes) {
        for (ObjectNode mountPoint : Members.objects(container, "mountPoints")) {
            String source = Members.text(mountPoint, "sourceVolume");
            if (Members.isBlank(source)) {
                throw invalid(name, "mountPoints", "sourceVolume should not be null or empty.");
            }
            if (!volumes.contains(source)) {
                throw EcsErrors.clientException("Unknown volume '" + source + "'.");
            }
            if (Members.isBlank(Members.text(mountPoint, "containerPath"))) {
                throw invalid(name, "mountPoints", "containerPath should not be null or empty.");
            }
        }
    }

    /** Smaller settings with a closed set of values or a bound. */
    private static void settings(String name, ObjectNode container) {
        for (String timeout : List.of("startTimeout", "stopTimeout")) {
            Integer seconds = Members.integer(container, timeout);
            if (seconds != null && seconds < 0) {
                throw invalid(name, timeout, "The timeout cannot be negative.");
            }
        }
        List<ObjectNode> environmentFiles = Members.objects(container, "environmentFiles");
        if (environmentFiles.size() > MAX_ENVIRONMENT_FILES) {
            throw invalid(name, "environmentFiles", "A container can have at most " + MAX_ENVIRONMENT_FILES
                    + " environment files.");
        }
        for (ObjectNode file : environmentFiles) {
            if (!"s3".equals(Members.text(file, "type")) || Members.isBlank(Members.text(file, "value"))) {
                throw invalid(name, "environmentFiles", "Each file needs type s3 and the value of its S3 ARN.");
            }
        }
        for (ObjectNode requirement : Members.objects(container, "resourceRequirements")) {
            String type = Members.text(requirement, "type");
            String value = Members.text(requirement, "value");
            if (!Members.isOneOf(type, RESOURCE_TYPES) || Members.isBlank(value)
                    || (type.equals("GPU") && !POSITIVE_INTEGER.matcher(value).matches())) {
                throw invalid(name, "resourceRequirements",
                        "The type must be GPU (with a whole number of GPUs) or InferenceAccelerator.");
            }
        }
        ObjectNode firelens = Members.object(container, "firelensConfiguration");
        if (firelens != null && !Members.isOneOf(Members.text(firelens, "type"), FIRELENS_TYPES)) {
            throw invalid(name, "firelensConfiguration", "Valid types: fluentd, fluentbit.");
        }
        String versionConsistency = Members.text(container, "versionConsistency");
        if (versionConsistency != null && !Members.isOneOf(versionConsistency, VERSION_CONSISTENCY)) {
            throw invalid(name, "versionConsistency", "Valid values: enabled, disabled.");
        }
        ObjectNode restartPolicy = Members.object(container, "restartPolicy");
        if (restartPolicy != null) {
            Integer period = Members.integer(restartPolicy, "restartAttemptPeriod");
            if (period != null && (period < 60 || period > 1800)) {
                throw invalid(name, "restartPolicy", "restartAttemptPeriod must be between 60 and 1800 seconds.");
            }
            if (Members.list(restartPolicy, "ignoredExitCodes").size() > 50) {
                throw invalid(name, "restartPolicy", "ignoredExitCodes can have at most 50 exit codes.");
            }
        }
    }

    private static void fargate(String name, ObjectNode container, Compatibilities compatibilities) {
        String notSupported = "Invalid setting for container '" + name
                + "'. Fargate compatible task definitions do not support ";
        if (Members.bool(container, "privileged", false)) {
            compatibilities.notOnFargate(notSupported + "privileged.");
        }
        if (Members.isNonEmptyList(container, "dockerSecurityOptions")) {
            compatibilities.notOnFargate(notSupported + "dockerSecurityOptions.");
        }
        for (ObjectNode requirement : Members.objects(container, "resourceRequirements")) {
            if ("GPU".equals(Members.text(requirement, "type"))) {
                compatibilities.notOnFargate(notSupported + "GPU resource requirements.");
            }
        }
        for (String timeout : List.of("startTimeout", "stopTimeout")) {
            Integer seconds = Members.integer(container, timeout);
            if (seconds != null && (seconds < 2 || seconds > 120)) {
                compatibilities.notOnFargate("Invalid '" + timeout + "' setting for container '" + name
                        + "'. Fargate allows 2 to 120 seconds.");
            }
        }
    }

    /** What the containers together must keep within: one must be essential, and the task's size. */
    private static void taskResources(Iterable<ObjectNode> containers, TaskContext task) {
        boolean essential = false;
        long cpu = 0;
        long memory = 0;
        boolean reservations = false;
        for (ObjectNode container : containers) {
            essential |= Members.bool(container, "essential", true);
            cpu += Members.integer(container, "cpu");
            // The scheduler reserves the soft limit when there is one, the hard limit otherwise.
            Integer reservation = Members.integer(container, "memoryReservation");
            Integer hardLimit = Members.integer(container, "memory");
            reservations |= reservation != null;
            memory += reservation != null ? reservation : hardLimit != null ? hardLimit : 0;
        }
        if (!essential) {
            throw EcsErrors.clientException("Task definition doesn't have any essential container.");
        }
        if (task.cpu().isPresent() && cpu > task.cpu().getAsInt()) {
            throw EcsErrors.clientException(
                    "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.");
        }
        if (task.memory().isPresent() && memory > task.memory().getAsInt()) {
            String member = reservations ? "memoryReservation" : "memory";
            throw EcsErrors.clientException("The sum of all container '" + member
                    + "' values cannot be greater than the value of the task 'memory'.");
        }
    }

    static RuntimeException invalid(String container, String member, String detail) {
        return EcsErrors.clientException(
                "Invalid '" + member + "' setting for container '" + container + "'. " + detail);
    }
}
