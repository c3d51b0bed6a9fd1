package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.events.TaskStateEvent.TaskStateReported;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A task as DescribeTasks shows it, built from its placement and moved along by stop requests and
 * the agent's reports. Pure: the caller stores the JSON. A report never moves {@code lastStatus}
 * backwards, and {@code version} counts the changes.
 */
public final class TaskDocument {

    /** The lifecycle order of {@code lastStatus}; the agent reports PENDING, RUNNING and STOPPED. */
    private static final Map<String, Integer> RANK = Map.of("PROVISIONING", 0, "PENDING", 1, "ACTIVATING", 2,
            "RUNNING", 3, "DEACTIVATING", 4, "STOPPING", 5, "DEPROVISIONING", 6, "STOPPED", 7);

    private final ObjectNode task;

    private TaskDocument(ObjectNode task) {
        this.task = task;
    }

    public static TaskDocument of(JsonNode json) {
        return new TaskDocument((ObjectNode) json);
    }

    /** The task as placed: PENDING, desired RUNNING, a container per container definition. */
    public static TaskDocument placed(TaskPlaced placed, Instant at, String availabilityZone) {
        ObjectNode task = EventJson.mapper().createObjectNode();
        task.putArray("attachments");
        if (availabilityZone != null) {
            task.put("availabilityZone", availabilityZone);
        }
        if (placed.capacityProviderName() != null) {
            task.put("capacityProviderName", placed.capacityProviderName());
        }
        task.put("clusterArn", placed.clusterArn());
        task.put("connectivity", "CONNECTED");
        task.set("connectivityAt", seconds(at));
        task.put("containerInstanceArn", placed.containerInstanceArn());
        ArrayNode containers = task.putArray("containers");
        for (JsonNode definition : placed.taskDefinition().path("containerDefinitions")) {
            ObjectNode container = containers.addObject();
            container.put("containerArn", Arns.container(placed.taskArn(), UUID.nameUUIDFromBytes(
                    (placed.taskArn() + definition.path("name").asText()).getBytes(StandardCharsets.UTF_8)).toString()));
            container.put("taskArn", placed.taskArn());
            container.put("name", definition.path("name").asText());
            if (definition.has("image")) {
                container.put("image", definition.path("image").asText());
            }
            container.put("lastStatus", "PENDING");
            container.putArray("networkInterfaces");
            container.put("healthStatus", "UNKNOWN");
            container.put("cpu", definition.path("cpu").asText("0"));
            if (definition.hasNonNull("memory")) {
                container.put("memory", definition.path("memory").asText());
            }
            if (definition.hasNonNull("memoryReservation")) {
                container.put("memoryReservation", definition.path("memoryReservation").asText());
            }
        }
        task.put("cpu", Integer.toString(placed.cpu()));
        task.set("createdAt", seconds(at));
        task.put("desiredStatus", "RUNNING");
        task.put("enableExecuteCommand", false);
        task.put("group", placed.group());
        task.put("healthStatus", "UNKNOWN");
        task.put("lastStatus", "PENDING");
        task.put("launchType", placed.launchType());
        task.put("memory", Integer.toString(placed.memory()));
        ObjectNode overrides = task.putObject("overrides");
        overrides.putArray("containerOverrides");
        overrides.putArray("inferenceAcceleratorOverrides");
        if (placed.overrides() != null) {
            overrides.setAll(placed.overrides());
        }
        if (placed.startedBy() != null) {
            task.put("startedBy", placed.startedBy());
        }
        task.put("taskArn", placed.taskArn());
        task.put("taskDefinitionArn", placed.taskDefinitionArn());
        task.put("version", 1);
        return new TaskDocument(task);
    }

    public ObjectNode json() {
        return task;
    }

    public String lastStatus() {
        return task.path("lastStatus").asText();
    }

    public String desiredStatus() {
        return task.path("desiredStatus").asText();
    }

    public boolean isStopped() {
        return "STOPPED".equals(lastStatus());
    }

    /**
     * StopTask or the scheduler: desired STOPPED, with the stop code and reason. A task already
     * stopped or stopping keeps its first reason. Returns whether anything changed.
     */
    public boolean stopRequested(TaskStopRequested stop, Instant at) {
        if ("STOPPED".equals(desiredStatus())) {
            return false;
        }
        task.put("desiredStatus", "STOPPED");
        task.put("stopCode", stop.stopCode());
        task.put("stoppedReason", stop.reason());
        task.set("stoppingAt", seconds(at));
        bump();
        return true;
    }

    /**
     * An agent's report: status forward only; containers, timestamps and, on STOPPED, the stop
     * code and reason unless a stop request already set them. Returns whether anything changed.
     */
    public boolean reported(TaskStateReported report, Instant at) {
        Integer next = RANK.get(report.lastStatus());
        if (next == null || next < RANK.get(lastStatus())) {
            return false;
        }
        boolean changed = !report.lastStatus().equals(lastStatus());
        task.put("lastStatus", report.lastStatus());
        changed |= setTime("pullStartedAt", report.pullStartedAt());
        changed |= setTime("pullStoppedAt", report.pullStoppedAt());
        changed |= setTime("startedAt", report.startedAt());
        changed |= setTime("executionStoppedAt", report.executionStoppedAt());
        changed |= updateContainers(report.containers());
        changed |= setText(task, "healthStatus", report.healthStatus());
        if ("STOPPED".equals(report.lastStatus()) && !task.has("stoppedAt")) {
            task.put("desiredStatus", "STOPPED");
            if (!task.has("stopCode") && report.stopCode() != null) {
                task.put("stopCode", report.stopCode());
            }
            if (!task.has("stoppedReason") && report.stoppedReason() != null) {
                task.put("stoppedReason", report.stoppedReason());
            }
            if (!task.has("stoppingAt")) {
                task.set("stoppingAt", seconds(at));
            }
            task.set("stoppedAt", seconds(at));
            task.put("connectivity", "DISCONNECTED");
            changed = true;
        }
        if (changed) {
            bump();
        }
        return changed;
    }

    private boolean updateContainers(List<ContainerState> reported) {
        if (reported == null) {
            return false;
        }
        boolean changed = false;
        for (ContainerState state : reported) {
            for (JsonNode node : task.path("containers")) {
                ObjectNode container = (ObjectNode) node;
                if (!container.path("name").asText().equals(state.name())) {
                    continue;
                }
                Integer known = RANK.get(container.path("lastStatus").asText());
                Integer next = state.lastStatus() == null ? null : RANK.get(state.lastStatus());
                if (next == null || (known != null && next < known)) {
                    continue;
                }
                changed |= !state.lastStatus().equals(container.path("lastStatus").asText());
                container.put("lastStatus", state.lastStatus());
                if (state.exitCode() != null) {
                    changed |= !container.has("exitCode");
                    container.put("exitCode", state.exitCode());
                }
                if (state.reason() != null) {
                    container.put("reason", state.reason());
                }
                changed |= setText(container, "healthStatus", state.healthStatus());
                setText(container, "runtimeId", state.runtimeId());
                if (state.networkBindings() != null && !state.networkBindings().isEmpty()) {
                    ArrayNode bindings = container.putArray("networkBindings");
                    for (NetworkBinding b : state.networkBindings()) {
                        bindings.addObject().put("bindIP", b.bindIP()).put("containerPort", b.containerPort())
                                .put("hostPort", b.hostPort()).put("protocol", b.protocol());
                    }
                }
            }
        }
        return changed;
    }

    /** Sets a member the agent reports when it reports one (health, engine id); whether it changed. */
    private static boolean setText(ObjectNode node, String member, String value) {
        if (value == null || value.equals(node.path(member).asText(null))) {
            return false;
        }
        node.put(member, value);
        return true;
    }

    private boolean setTime(String member, Instant value) {
        if (value == null || task.has(member)) {
            return false;
        }
        task.set(member, seconds(value));
        return true;
    }

    private void bump() {
        task.put("version", task.path("version").asLong() + 1);
    }

    private static JsonNode seconds(Instant at) {
        return EventJson.mapper().getNodeFactory().numberNode(Timestamps.epochSeconds(at));
    }
}
