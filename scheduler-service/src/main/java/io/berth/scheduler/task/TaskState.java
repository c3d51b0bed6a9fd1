package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.events.EventJson;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.Shapes.PlacementDiagnostics;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.placement.TaskPlacement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A task as its events made it: the ECS {@link Task} and what the scheduler keeps beside it.
 *
 * @param portBindings the host ports reserved on the instance (the dynamic ones as chosen)
 * @param diagnostics why the placement engine chose the instance
 * @param reportVersion the version of the last agent report that changed the task
 */
public record TaskState(Task task, List<Tag> tags, List<NetworkBinding> portBindings,
        PlacementDiagnostics diagnostics, long reportVersion) {

    public TaskState {
        tags = tags == null ? List.of() : List.copyOf(tags);
        portBindings = portBindings == null ? List.of() : List.copyOf(portBindings);
    }

    public String taskArn() {
        return task.taskArn();
    }

    public String clusterArn() {
        return task.clusterArn();
    }

    public String family() {
        return Arns.familyOf(task.taskDefinitionArn());
    }

    public int cpu() {
        return Integer.parseInt(task.cpu());
    }

    public int memory() {
        return Integer.parseInt(task.memory());
    }

    /** What the task holds on its instance, for the placement index. */
    public TaskPlacement reservation() {
        return reservation(task.taskArn(), task.containerInstanceArn(), task.group(), cpu(), memory(), portBindings);
    }

    /** What a task just placed holds, before it has a state. */
    static TaskPlacement reservation(TaskPlaced placed) {
        return reservation(placed.taskArn(), placed.containerInstanceArn(), placed.group(), placed.cpu(),
                placed.memory(), placed.portBindings());
    }

    /** CPU, memory and the host ports of the bindings, by protocol. */
    static TaskPlacement reservation(String taskArn, String instanceArn, String group, int cpu, int memory,
            List<NetworkBinding> bindings) {
        Set<Integer> tcp = new LinkedHashSet<>();
        Set<Integer> udp = new LinkedHashSet<>();
        for (NetworkBinding binding : bindings) {
            ("udp".equals(binding.protocol()) ? udp : tcp).add(binding.hostPort());
        }
        return new TaskPlacement(taskArn, instanceArn, Optional.ofNullable(group), cpu, memory, tcp, udp);
    }

    /** The task as DescribeTasks shows it with {@code include: [TAGS]}. */
    public ObjectNode describedWithTags() {
        return tagged(EventJson.mapper().valueToTree(task), tags);
    }

    /** {@code task} (DescribeTasks' JSON of a task) with its {@code tags} member. */
    static ObjectNode tagged(ObjectNode task, List<Tag> tags) {
        task.set("tags", EventJson.mapper().valueToTree(tags));
        return task;
    }

    TaskState with(Task next) {
        return new TaskState(next, tags, portBindings, diagnostics, reportVersion);
    }

    TaskState withTags(List<Tag> next) {
        return new TaskState(task, next, portBindings, diagnostics, reportVersion);
    }

    TaskState reportedAt(long version) {
        return new TaskState(task, tags, portBindings, diagnostics, version);
    }
}
