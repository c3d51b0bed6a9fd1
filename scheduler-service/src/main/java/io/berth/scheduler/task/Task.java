package io.berth.scheduler.task;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Timestamps.EpochSeconds;
import io.berth.events.EventJson;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.Eni;
import io.berth.events.Shapes.KeyValue;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStateChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A task exactly as DescribeTasks shows it: its JSON (with {@link EventJson#mapper()}) is the ECS
 * {@code Task} shape, timestamps in epoch seconds, members in alphabetical order. The scheduler
 * stores that JSON and answers it as it is; reading it back gives the same record.
 *
 * @param version counts the task's changes, as ECS's does
 * @param platformFamily and {@code platformVersion}: a Fargate task's; null on instances
 */
@JsonPropertyOrder(alphabetic = true)
public record Task(
        List<Attachment> attachments,
        String availabilityZone,
        String capacityProviderName,
        String clusterArn,
        String connectivity,
        @JsonSerialize(using = EpochSeconds.class) Instant connectivityAt,
        String containerInstanceArn,
        List<Container> containers,
        String cpu,
        @JsonSerialize(using = EpochSeconds.class) Instant createdAt,
        String desiredStatus,
        boolean enableExecuteCommand,
        @JsonSerialize(using = EpochSeconds.class) Instant executionStoppedAt,
        String group,
        String healthStatus,
        String lastStatus,
        String launchType,
        String memory,
        ObjectNode overrides,
        String platformFamily,
        String platformVersion,
        @JsonSerialize(using = EpochSeconds.class) Instant pullStartedAt,
        @JsonSerialize(using = EpochSeconds.class) Instant pullStoppedAt,
        @JsonSerialize(using = EpochSeconds.class) Instant startedAt,
        String startedBy,
        String stopCode,
        @JsonSerialize(using = EpochSeconds.class) Instant stoppedAt,
        String stoppedReason,
        @JsonSerialize(using = EpochSeconds.class) Instant stoppingAt,
        String taskArn,
        String taskDefinitionArn,
        long version) {

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String STOPPED = "STOPPED";
    static final String PROVISIONING = "PROVISIONING";
    static final String ENI = "ElasticNetworkInterface";

    /** The lifecycle order of {@code lastStatus}; a report never moves a task or a container back. */
    private static final Map<String, Integer> RANK = Map.of("PROVISIONING", 0, PENDING, 1, "ACTIVATING", 2,
            RUNNING, 3, "DEACTIVATING", 4, "STOPPING", 5, "DEPROVISIONING", 6, STOPPED, 7);

    public Task {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /** An ECS {@code Attachment}: an awsvpc task's ENI, with its details as name/value pairs. */
    public record Attachment(String id, String type, String status, List<KeyValue> details) {
    }

    /** An ECS {@code NetworkInterface} of a container: the ENI attachment it uses and its addresses. */
    public record NetworkInterface(String attachmentId, String privateIpv4Address, String ipv6Address) {
    }

    /**
     * An ECS {@code Container} of a task; {@code cpu} and the memory members are strings, as in ECS.
     * {@code runtimeId} is the engine's container id, null where no engine runs the container.
     */
    @JsonPropertyOrder(alphabetic = true)
    public record Container(String containerArn, String cpu, Integer exitCode, String healthStatus, String image,
            String lastStatus, String memory, String memoryReservation, String name,
            List<NetworkBinding> networkBindings, List<NetworkInterface> networkInterfaces, String reason,
            String runtimeId, String taskArn) {

        /**
         * The container as its agent reported it: status forward only, an exit code, a reason, the
         * bindings, and the health and engine id when the agent knows them.
         */
        Container reported(ContainerState state) {
            Integer known = RANK.get(lastStatus);
            Integer next = state.lastStatus() == null ? null : RANK.get(state.lastStatus());
            if (next == null || (known != null && next < known)) {
                return this;
            }
            return new Container(containerArn, cpu, state.exitCode() != null ? state.exitCode() : exitCode,
                    first(state.healthStatus(), healthStatus), image, state.lastStatus(), memory, memoryReservation,
                    name, state.networkBindings() != null && !state.networkBindings().isEmpty()
                            ? state.networkBindings() : networkBindings,
                    networkInterfaces, first(state.reason(), reason), first(state.runtimeId(), runtimeId), taskArn);
        }

        /** What a report may change, in the contract's shape. */
        ContainerState state() {
            return new ContainerState(name, lastStatus, exitCode, reason, networkBindings, healthStatus, runtimeId);
        }

        Container with(ContainerState state) {
            return new Container(containerArn, cpu, state.exitCode(), state.healthStatus(), image, state.lastStatus(),
                    memory, memoryReservation, name, state.networkBindings(), networkInterfaces, state.reason(),
                    state.runtimeId(), taskArn);
        }
    }

    /** The task as placed: PENDING, desired RUNNING, a container per container definition. */
    static Task placed(TaskPlaced placed) {
        // A Fargate task waits for its capacity and network interface first (PROVISIONING).
        String status = placed.eni() == null ? PENDING : PROVISIONING;
        return new Task(attachments(placed.eni(), status), placed.availabilityZone(), placed.capacityProviderName(),
                placed.clusterArn(), "CONNECTED", placed.at(), placed.containerInstanceArn(),
                containers(placed.taskArn(), placed.taskDefinition(), placed.eni()), Integer.toString(placed.cpu()),
                placed.at(), RUNNING, false, null, placed.group(), "UNKNOWN", status, placed.launchType(),
                Integer.toString(placed.memory()), overrides(placed.overrides()), placed.platformFamily(),
                placed.platformVersion(), null, null, null, placed.startedBy(), null, null, null, null,
                placed.taskArn(), placed.taskDefinitionArn(), 1);
    }

    /** A task waiting for its capacity provider's instances: PROVISIONING, on no instance yet. */
    static Task awaiting(TaskAwaitingCapacity awaiting) {
        return new Task(List.of(), null, awaiting.capacityProviderName(), awaiting.clusterArn(), "CONNECTED",
                awaiting.at(), null, containers(awaiting.taskArn(), awaiting.taskDefinition(), null),
                Integer.toString(awaiting.cpu()), awaiting.at(), RUNNING, false, null, awaiting.group(), "UNKNOWN",
                PROVISIONING, "EC2", Integer.toString(awaiting.memory()), overrides(awaiting.overrides()), null, null,
                null, null, null, awaiting.startedBy(), null, null, null, null, awaiting.taskArn(),
                awaiting.taskDefinitionArn(), 1);
    }

    /** The task that waited, placed at last: created when it began to wait, one version later. */
    Task placedAfterWaiting(TaskPlaced placed) {
        Task task = placed(placed);
        return new Task(task.attachments, task.availabilityZone, task.capacityProviderName, task.clusterArn,
                task.connectivity, task.connectivityAt, task.containerInstanceArn, task.containers, task.cpu, createdAt,
                task.desiredStatus, task.enableExecuteCommand, null, task.group, task.healthStatus, task.lastStatus,
                task.launchType, task.memory, task.overrides, null, null, null, null, null, task.startedBy, null,
                null, null, null, taskArn, task.taskDefinitionArn, version + 1);
    }

    /** A task that waits for instances of its capacity provider (not a Fargate task provisioning). */
    @JsonIgnore
    public boolean isAwaitingCapacity() {
        return PROVISIONING.equals(lastStatus) && containerInstanceArn == null && !"FARGATE".equals(launchType);
    }

    /** A waiting task asked to stop: it holds nothing and no agent runs it, so it is STOPPED at once. */
    Task stoppedWhileWaiting(String code, String reason, Instant at) {
        return withLifecycle(STOPPED, STOPPED, healthStatus, connectivity, containers.stream()
                .map(c -> c.reported(new ContainerState(c.name(), STOPPED, null, null, null, null, null))).toList(),
                code, reason, null, null, null, at, at, at);
    }

    private static List<Container> containers(String taskArn, JsonNode taskDefinition, Eni eni) {
        List<Container> containers = new ArrayList<>();
        for (JsonNode definition : taskDefinition.path("containerDefinitions")) {
            String name = definition.path("name").asText();
            containers.add(new Container(Arns.container(taskArn, UUID.nameUUIDFromBytes(
                    (taskArn + name).getBytes(StandardCharsets.UTF_8)).toString()),
                    definition.path("cpu").asText("0"), null, "UNKNOWN",
                    definition.has("image") ? definition.path("image").asText() : null, PENDING,
                    textOf(definition, "memory"), textOf(definition, "memoryReservation"), name, null,
                    eni == null ? List.of() : List.of(new NetworkInterface(eni.attachmentId(),
                            eni.privateIpv4Address(), null)), null, null, taskArn));
        }
        return containers;
    }

    private static ObjectNode overrides(ObjectNode given) {
        ObjectNode overrides = EventJson.mapper().createObjectNode();
        overrides.putArray("containerOverrides");
        overrides.putArray("inferenceAcceleratorOverrides");
        if (given != null) {
            overrides.setAll(given);
        }
        return overrides;
    }

    /** The ENI attachment of a task whose status is {@code status}: created, attached, then deleted. */
    private static List<Attachment> attachments(Eni eni, String status) {
        if (eni == null) {
            return List.of();
        }
        return List.of(new Attachment(eni.attachmentId(), ENI, attachmentStatus(status), List.of(
                new KeyValue("subnetId", eni.subnetId()), new KeyValue("networkInterfaceId", eni.networkInterfaceId()),
                new KeyValue("macAddress", eni.macAddress()), new KeyValue("privateDnsName", eni.privateDnsName()),
                new KeyValue("privateIPv4Address", eni.privateIpv4Address()))));
    }

    private static String attachmentStatus(String taskStatus) {
        return switch (taskStatus) {
            case PROVISIONING -> "PRECREATED";
            case "DEPROVISIONING" -> "DETACHING";
            case STOPPED -> "DELETED";
            default -> "ATTACHED";
        };
    }

    @JsonIgnore
    public boolean isStopped() {
        return STOPPED.equals(lastStatus);
    }

    /** StopTask or the scheduler: desired STOPPED with the code and reason, stopping from {@code at}. */
    Task stopRequested(String code, String reason, Instant at) {
        return withLifecycle(lastStatus, STOPPED, healthStatus, connectivity, containers, code, reason, pullStartedAt,
                pullStoppedAt, startedAt, executionStoppedAt, at, stoppedAt);
    }

    /**
     * An agent's report received at {@code at}: the status forward only; containers; the health
     * when the agent runs health checks; the timestamps it brings that the task has not got yet; on
     * STOPPED the stop code and reason unless a stop request set them. The task itself (not a new
     * version) when the report changes nothing.
     */
    Task reported(String status, String health, List<ContainerState> reported, String code, String reason,
            Instant pullStarted, Instant pullStopped, Instant started, Instant executionStopped, Instant at) {
        Integer next = RANK.get(status);
        if (next == null || next < RANK.get(lastStatus)) {
            return this;
        }
        List<Container> nextContainers = new ArrayList<>(containers);
        for (ContainerState state : reported == null ? List.<ContainerState>of() : reported) {
            nextContainers.replaceAll(c -> c.name().equals(state.name()) ? c.reported(state) : c);
        }
        boolean stops = STOPPED.equals(status) && stoppedAt == null;
        Task after = withLifecycle(status, stops ? STOPPED : desiredStatus, first(health, healthStatus),
                stops ? "DISCONNECTED" : connectivity, nextContainers,
                stops ? SpotInterruptions.finalStopCode(stopCode == null ? code : stopCode, capacityProviderName)
                        : stopCode, stops && stoppedReason == null ? reason : stoppedReason,
                first(pullStartedAt, pullStarted), first(pullStoppedAt, pullStopped), first(startedAt, started),
                first(executionStoppedAt, executionStopped), stops ? first(stoppingAt, at) : stoppingAt,
                stops ? at : stoppedAt);
        return after.withVersion(version).equals(this) ? this : after;
    }

    /** The task with the status, containers and timestamps a {@link TaskStateChanged} carries. */
    Task changed(TaskStateChanged changed) {
        List<Container> next = new ArrayList<>(containers);
        for (ContainerState state : changed.containers() == null ? List.<ContainerState>of() : changed.containers()) {
            next.replaceAll(c -> c.name().equals(state.name()) ? c.with(state) : c);
        }
        return withLifecycle(changed.lastStatus(), changed.desiredStatus(), changed.healthStatus(),
                changed.connectivity(), next, changed.stopCode(), changed.stoppedReason(), changed.pullStartedAt(),
                changed.pullStoppedAt(), changed.startedAt(), changed.executionStoppedAt(), changed.stoppingAt(),
                changed.stoppedAt());
    }

    /** The next version of the task with this lifecycle; what placement fixed stays. */
    private Task withLifecycle(String last, String desired, String health, String connected, List<Container> cs,
            String code, String reason, Instant pullStarted, Instant pullStopped, Instant started,
            Instant executionStopped, Instant stopping, Instant stopped) {
        List<Attachment> attached = attachments.stream().map(a -> new Attachment(a.id(), a.type(),
                attachmentStatus(last), a.details())).toList();
        return new Task(attached, availabilityZone, capacityProviderName, clusterArn, connected, connectivityAt,
                containerInstanceArn, cs, cpu, createdAt, desired, enableExecuteCommand, executionStopped, group,
                health, last, launchType, memory, overrides, platformFamily, platformVersion, pullStarted, pullStopped,
                started, startedBy, code, stopped, reason, stopping, taskArn, taskDefinitionArn, version + 1);
    }

    private Task withVersion(long value) {
        return new Task(attachments, availabilityZone, capacityProviderName, clusterArn, connectivity, connectivityAt,
                containerInstanceArn, containers, cpu, createdAt, desiredStatus, enableExecuteCommand,
                executionStoppedAt, group, healthStatus, lastStatus, launchType, memory, overrides, platformFamily,
                platformVersion, pullStartedAt, pullStoppedAt, startedAt, startedBy, stopCode, stoppedAt, stoppedReason, stoppingAt, taskArn,
                taskDefinitionArn, value);
    }

    private static <T> T first(T preferred, T otherwise) {
        return preferred != null ? preferred : otherwise;
    }

    private static String textOf(JsonNode node, String member) {
        return node.hasNonNull(member) ? node.get(member).asText() : null;
    }
}
