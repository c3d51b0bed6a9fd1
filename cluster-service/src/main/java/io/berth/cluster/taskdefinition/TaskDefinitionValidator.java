package io.berth.cluster.taskdefinition;

import static io.berth.cluster.taskdefinition.TaskContext.AWSVPC;
import static io.berth.cluster.taskdefinition.TaskContext.BRIDGE;
import static io.berth.cluster.taskdefinition.TaskContext.HOST;
import static io.berth.cluster.taskdefinition.TaskContext.NONE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.Names;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Validates a RegisterTaskDefinition request and turns it into the task definition as
 * DescribeTaskDefinition shows it. Pure: no state, no I/O; the registry adds the ARN, revision,
 * status and registration members, and stores the tags.
 *
 * <p>Errors are {@code ClientException}, as ECS reports RegisterTaskDefinition's validation, with the
 * real service's message where it is known; tag errors are {@code InvalidParameterException}, as
 * TagResource reports them. Wrong JSON types fail with a ClientException naming the member's path.
 *
 * <p>Normalisation, beyond what the request says:
 * <ul>
 * <li>task {@code cpu}/{@code memory} become integer strings ({@code "1 vCPU"} → {@code "1024"});</li>
 * <li>{@code networkMode}: omitted means {@code bridge}, and the output says so, as
 *     DescribeTaskDefinition does on Linux; with a Windows {@code runtimePlatform} the omitted mode is
 *     Windows' default (NAT) mode, which the API has no name for, so the output omits it too;</li>
 * <li>containers get {@code essential: true} and {@code cpu: 0} when omitted; port mappings get
 *     {@code protocol: tcp} and a {@code hostPort} (the container port in host and awsvpc mode, 0 for a
 *     dynamic port in bridge mode); a health check gets its interval 30, timeout 5 and retries 3;</li>
 * <li>the lists DescribeTaskDefinition always shows are added empty: {@code volumes},
 *     {@code placementConstraints}, and per container {@code portMappings}, {@code environment},
 *     {@code mountPoints}, {@code volumesFrom};</li>
 * <li>{@code requiresAttributes} as {@link RequiredAttributes} derives them, sorted by name;
 *     {@code requiresCompatibilities} stays as given, or absent.</li>
 * </ul>
 *
 * <p>{@code compatibilities} lists, in this order:
 * <ul>
 * <li>{@code EC2}, always: EC2 runs everything that passes the common rules;</li>
 * <li>{@code EXTERNAL} unless the definition uses awsvpc, EFS or FSx volumes, or a volume configured
 *     at launch, none of which ECS Anywhere offers;</li>
 * <li>{@code FARGATE} when the task has a {@code cpu} and {@code memory} of the Fargate table (Windows:
 *     1, 2 or 4 vCPU), network mode awsvpc, and nothing Fargate does not run: host bind mounts,
 *     Docker volumes, privileged containers, dockerSecurityOptions, GPUs, start or stop timeouts
 *     outside 2–120 s, log drivers other than awslogs, splunk and awsfirelens, awslogs without an
 *     execution role or without its region, group and stream-prefix options, an ipcMode, pidMode
 *     host, placement constraints, inference accelerators;</li>
 * <li>{@code MANAGED_INSTANCES} only when requested.</li>
 * </ul>
 * A launch type named in {@code requiresCompatibilities} turns the first of its rules the definition
 * breaks into the error (see {@link Compatibilities}).
 * Every other member passes through unchanged, unknown ones included (new clients send members this
 * code does not know yet); members that are JSON null count as absent and are dropped, and members
 * only DescribeTaskDefinition shows (a copied description carries them) are dropped and recomputed.
 */
public final class TaskDefinitionValidator {

    /** ECS's quota per task definition; measured here on the request as sent. */
    static final int MAX_SIZE_BYTES = 64 * 1024;
    static final int MAX_PLACEMENT_CONSTRAINTS = 10;
    static final int MAX_EXPRESSION = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OUTPUT_ONLY = List.of("taskDefinitionArn", "revision", "status",
            "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt", "compatibilities",
            "requiresAttributes");
    private static final List<String> NETWORK_MODES = List.of(BRIDGE, HOST, AWSVPC, NONE);
    private static final List<String> PID_MODES = List.of("host", "task");
    private static final List<String> IPC_MODES = List.of("host", "task", "none");
    private static final List<String> CPU_ARCHITECTURES = List.of("X86_64", "ARM64");
    private static final List<String> OS_FAMILIES = List.of("LINUX", "WINDOWS_SERVER_2016_FULL",
            "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2004_CORE",
            "WINDOWS_SERVER_20H2_CORE", "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2022_CORE",
            "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_2025_CORE");

    private TaskDefinitionValidator() {
    }

    /**
     * Validates a RegisterTaskDefinition request (the ECS JSON body, member names as the ECS API model
     * spells them) and returns the task definition it registers, normalised as DescribeTaskDefinition
     * shows it, without the members the registry adds (taskDefinitionArn, revision, status,
     * registeredAt, registeredBy, deregisteredAt) and without {@code tags}, which are validated here
     * but stored separately.
     *
     * @param request not modified
     * @throws io.berth.ecs.EcsException ClientException or InvalidParameterException, with a message
     *         that names the offending member
     */
    public static ObjectNode validate(ObjectNode request) {
        if (request == null) {
            throw EcsErrors.clientException("The request body must be a JSON object.");
        }
        checkSize(request);
        ObjectNode td = request.deepCopy();
        Shape.check(td, RegisterTaskDefinitionShape.REQUEST, "");
        OUTPUT_ONLY.forEach(td::remove);

        family(td);
        List<ObjectNode> containers = Members.objects(td, "containerDefinitions");
        if (containers.isEmpty()) {
            throw EcsErrors.clientException("Container list cannot be empty.");
        }
        if (containers.size() > ContainerRules.MAX_CONTAINERS) {
            throw EcsErrors.clientException("Too many containers. A task definition can have at most "
                    + ContainerRules.MAX_CONTAINERS + ".");
        }
        Compatibilities compatibilities = new Compatibilities(requiresCompatibilities(td));
        OptionalInt cpu = TaskSize.cpu(td.get("cpu"));
        cpu.ifPresent(units -> td.put("cpu", Integer.toString(units)));
        OptionalInt memory = TaskSize.memory(td.get("memory"));
        memory.ifPresent(mib -> td.put("memory", Integer.toString(mib)));
        boolean windows = runtimePlatform(td);
        String networkMode = networkMode(td, windows);
        fargateTask(cpu, memory, networkMode, windows, compatibilities);
        if (networkMode.equals(AWSVPC)) {
            compatibilities.notOnExternal("EXTERNAL compatible task definitions do not support networkMode awsvpc.");
        }
        taskSettings(td, compatibilities);

        Set<String> volumes = VolumeRules.validate(Members.objects(td, "volumes"), compatibilities);
        ContainerRules.validate(containers, new TaskContext(networkMode, cpu, memory, volumes,
                td.has("executionRoleArn"), compatibilities));
        placementConstraints(td, compatibilities);
        proxyConfiguration(td);
        TagRules.validate(Members.objects(td, "tags"));
        td.remove("tags");

        Members.defaultEmptyList(td, "volumes");
        Members.defaultEmptyList(td, "placementConstraints");
        td.set("compatibilities", compatibilities.resolve());
        td.set("requiresAttributes", RequiredAttributes.of(td, networkMode));
        return td;
    }

    private static void checkSize(ObjectNode request) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw EcsErrors.clientException("The request body is nested too deeply or is otherwise not valid JSON.");
        }
        if (json.length > MAX_SIZE_BYTES) {
            throw EcsErrors.clientException("The task definition is " + json.length
                    + " bytes long; the maximum is " + MAX_SIZE_BYTES + " bytes (64 KiB).");
        }
    }

    private static void family(ObjectNode td) {
        String family = Members.text(td, "family");
        if (Members.isBlank(family)) {
            throw EcsErrors.clientException("Family can not be blank.");
        }
        if (!Names.isValid(family)) {
            throw EcsErrors.clientException(family.length() > 255
                    ? "Family can have up to 255 characters."
                    : "Family contains invalid characters.");
        }
    }

    private static Set<String> requiresCompatibilities(ObjectNode td) {
        Set<String> requested = new LinkedHashSet<>();
        for (String launchType : Members.texts(td, "requiresCompatibilities")) {
            requireOneOf(launchType, Compatibilities.ALL, "requiresCompatibilities");
            requested.add(launchType);
        }
        return requested;
    }

    /** @return whether the containers are Windows containers */
    private static boolean runtimePlatform(ObjectNode td) {
        ObjectNode platform = Members.object(td, "runtimePlatform");
        if (platform == null) {
            return false;
        }
        String architecture = Members.text(platform, "cpuArchitecture");
        if (architecture != null) {
            requireOneOf(architecture, CPU_ARCHITECTURES, "runtimePlatform");
        }
        String family = Members.text(platform, "operatingSystemFamily");
        if (family != null) {
            requireOneOf(family, OS_FAMILIES, "runtimePlatform");
        }
        return family != null && family.startsWith("WINDOWS");
    }

    /** @return the effective network mode, after writing the echoed default into {@code td} */
    private static String networkMode(ObjectNode td, boolean windows) {
        String networkMode = Members.text(td, "networkMode");
        if (networkMode == null) {
            if (!windows) {
                td.put("networkMode", BRIDGE);
            }
            // Windows' default mode behaves like bridge for port mappings.
            return BRIDGE;
        }
        requireOneOf(networkMode, NETWORK_MODES, "networkMode");
        if (windows && !networkMode.equals(AWSVPC)) {
            throw EcsErrors.clientException("Invalid 'networkMode' setting for task. Windows containers support"
                    + " the default network mode (omit networkMode) or awsvpc.");
        }
        return networkMode;
    }

    private static void fargateTask(OptionalInt cpu, OptionalInt memory, String networkMode, boolean windows,
            Compatibilities compatibilities) {
        if (cpu.isEmpty()) {
            compatibilities.notOnFargate("Fargate requires that 'cpu' be defined at the task level.");
        }
        if (memory.isEmpty()) {
            compatibilities.notOnFargate("Fargate requires that 'memory' be defined at the task level.");
        }
        if (!networkMode.equals(AWSVPC)) {
            compatibilities.notOnFargate("Fargate only supports network mode \u2018awsvpc\u2019.");
        }
        if (cpu.isPresent() && memory.isPresent()) {
            if (!FargateSizes.isCpu(cpu.getAsInt(), windows)) {
                compatibilities.notOnFargate("Invalid 'cpu' setting for task.");
            } else if (!FargateSizes.fits(cpu.getAsInt(), memory.getAsInt())) {
                compatibilities.notOnFargate("No Fargate configuration exists for given values: " + cpu.getAsInt()
                        + " CPU, " + memory.getAsInt() + " memory. See the Amazon ECS documentation for the valid"
                        + " values.");
            }
        }
    }

    private static void taskSettings(ObjectNode td, Compatibilities compatibilities) {
        String pidMode = Members.text(td, "pidMode");
        if (pidMode != null) {
            requireOneOf(pidMode, PID_MODES, "pidMode");
            if (pidMode.equals("host")) {
                compatibilities.notOnFargate("Tasks using the Fargate launch type do not support pidMode host.");
            }
        }
        String ipcMode = Members.text(td, "ipcMode");
        if (ipcMode != null) {
            requireOneOf(ipcMode, IPC_MODES, "ipcMode");
            compatibilities.notOnFargate("Tasks using the Fargate launch type do not support ipcMode.");
        }
        ObjectNode ephemeralStorage = Members.object(td, "ephemeralStorage");
        if (ephemeralStorage != null) {
            Integer size = Members.integer(ephemeralStorage, "sizeInGiB");
            if (size == null || size < 21 || size > 200) {
                throw EcsErrors.clientException(
                        "Invalid 'ephemeralStorage' setting for task. sizeInGiB must be between 21 and 200.");
            }
        }
        if (Members.isNonEmptyList(td, "inferenceAccelerators")) {
            compatibilities.notOnFargate("Fargate compatible task definitions do not support inferenceAccelerators.");
        }
    }

    private static void placementConstraints(ObjectNode td, Compatibilities compatibilities) {
        List<ObjectNode> constraints = Members.objects(td, "placementConstraints");
        if (constraints.size() > MAX_PLACEMENT_CONSTRAINTS) {
            throw invalidTaskSetting("placementConstraints", "A task definition can have at most "
                    + MAX_PLACEMENT_CONSTRAINTS + " placement constraints.");
        }
        for (ObjectNode constraint : constraints) {
            String type = Members.text(constraint, "type");
            if ("distinctInstance".equals(type)) {
                throw invalidTaskSetting("placementConstraints", "distinctInstance is not supported in a task"
                        + " definition; give it to RunTask or CreateService.");
            }
            if (!"memberOf".equals(type)) {
                throw invalidTaskSetting("placementConstraints", "The type must be memberOf.");
            }
            // The expression's syntax belongs to the placement engine's query language.
            String expression = Members.text(constraint, "expression");
            if (Members.isBlank(expression)) {
                throw invalidTaskSetting("placementConstraints", "A memberOf constraint needs an expression.");
            }
            if (expression.length() > MAX_EXPRESSION) {
                throw invalidTaskSetting("placementConstraints", "An expression can have up to " + MAX_EXPRESSION
                        + " characters.");
            }
        }
        if (!constraints.isEmpty()) {
            compatibilities.notOnFargate("Fargate compatible task definitions do not support placementConstraints.");
        }
    }

    private static void proxyConfiguration(ObjectNode td) {
        ObjectNode proxy = Members.object(td, "proxyConfiguration");
        if (proxy == null) {
            return;
        }
        String type = Members.text(proxy, "type");
        if (type != null && !type.equals("APPMESH")) {
            throw invalidTaskSetting("proxyConfiguration", "The type must be APPMESH.");
        }
        String container = Members.text(proxy, "containerName");
        boolean exists = Members.objects(td, "containerDefinitions").stream()
                .anyMatch(c -> Members.text(c, "name").equals(container));
        if (!exists) {
            throw invalidTaskSetting("proxyConfiguration", Members.isBlank(container)
                    ? "containerName should not be null or empty."
                    : "Container '" + container + "' does not exist in this task definition.");
        }
    }

    private static void requireOneOf(String value, List<String> allowed, String member) {
        if (!Members.isOneOf(value, allowed)) {
            throw invalidTaskSetting(member, "Valid values: " + String.join(", ", allowed) + ".");
        }
    }

    private static RuntimeException invalidTaskSetting(String member, String detail) {
        return EcsErrors.clientException("Invalid '" + member + "' setting for task. " + detail);
    }
}
