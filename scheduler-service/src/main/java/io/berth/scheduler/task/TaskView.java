package io.berth.scheduler.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Tag;
import io.berth.eventstore.JsonColumns;
import io.berth.placement.TaskPlacement;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.SessionCheckMode;

/**
 * A row of the task projection: the task as DescribeTasks shows it ({@code document}, the JSON of
 * {@link Task}), what the scheduler keeps beside it, and the columns ListTasks and the service
 * reconciler filter and count on. {@code version} is the last event of the task's stream it holds.
 */
@Entity
@Table(name = "task_view")
public class TaskView extends PanacheEntityBase {

    @Id
    @Column(name = "task_arn")
    public String taskArn;
    public String account;
    public String region;
    @Column(name = "cluster_arn")
    public String clusterArn;
    @Column(name = "container_instance_arn")
    public String containerInstanceArn;
    public String family;
    @Column(name = "task_group")
    public String group;
    @Column(name = "started_by")
    public String startedBy;
    @Column(name = "launch_type")
    public String launchType;
    @Column(name = "capacity_provider")
    public String capacityProvider;
    @Column(name = "desired_status")
    public String desiredStatus;
    @Column(name = "last_status")
    public String lastStatus;
    @Column(name = "health_status")
    public String healthStatus;
    @Column(name = "stop_code")
    public String stopCode;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "report_version")
    public long reportVersion;
    public long version;
    public int cpu;
    public int memory;
    @Column(name = "port_bindings")
    public String portBindings;
    public String document;
    public String tags;
    /** The placement decision's diagnostics as JSON, for the explanation endpoint. */
    public String placement;

    /** The task this row holds: the inverse of {@link #hold}. */
    public TaskState state() {
        try {
            return new TaskState(EventJson.mapper().readValue(document, Task.class),
                    JsonColumns.read(tags, new TypeReference<>() { }),
                    JsonColumns.read(portBindings, new TypeReference<>() { }),
                    JsonColumns.read(placement, new TypeReference<>() { }), reportVersion);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the task holds on its instance, for loading the placement index, without reading the whole task. */
    public TaskPlacement reservation() {
        return TaskState.reservation(taskArn, containerInstanceArn, group, cpu, memory,
                JsonColumns.read(portBindings, new TypeReference<>() { }));
    }

    /** The rows of {@code arns} that exist, by ARN, in one query. */
    static Map<String, TaskView> byArn(Collection<String> arns) {
        Map<String, TaskView> found = new HashMap<>();
        if (!arns.isEmpty()) {
            TaskView.<TaskView>list("taskArn in ?1", arns).forEach(view -> found.put(view.taskArn, view));
        }
        return found;
    }

    /**
     * The tasks of {@code arns} as DescribeTasks shows them with their tags, in that order; those
     * without a row are left out. Read in the caller's transaction, so it sees what it wrote: the rows
     * its session holds already (a decision's new or changed tasks) are taken from there as they are,
     * unflushed, and only the others are read, in one query. A decision's answer reads nothing back.
     */
    public static List<ObjectNode> described(List<String> arns) {
        return getSession().findMultiple(TaskView.class, arns, SessionCheckMode.ENABLED).stream()
                .filter(Objects::nonNull).map(view -> view.json(true)).toList();
    }

    /** The task as DescribeTasks shows it, with its tags when asked for. */
    public ObjectNode json(boolean withTags) {
        ObjectNode task = (ObjectNode) JsonColumns.tree(document);
        return withTags ? TaskState.tagged(task, tagList()) : task;
    }

    public List<Tag> tagList() {
        return JsonColumns.read(tags, new TypeReference<>() { });
    }

    /** Makes the row hold {@code state}, as of the stream's {@code version}. */
    void hold(TaskState state, long streamVersion) {
        Task task = state.task();
        taskArn = task.taskArn();
        clusterArn = task.clusterArn();
        containerInstanceArn = task.containerInstanceArn();
        family = state.family();
        group = task.group();
        startedBy = task.startedBy();
        launchType = task.launchType();
        capacityProvider = task.capacityProviderName();
        desiredStatus = task.desiredStatus();
        lastStatus = task.lastStatus();
        healthStatus = task.healthStatus();
        stopCode = task.stopCode();
        createdAt = task.createdAt();
        startedAt = task.startedAt();
        stoppedAt = task.stoppedAt();
        reportVersion = state.reportVersion();
        version = streamVersion;
        cpu = state.cpu();
        memory = state.memory();
        portBindings = JsonColumns.write(state.portBindings());
        document = JsonColumns.write(task);
        tags = JsonColumns.write(state.tags());
        placement = JsonColumns.write(state.diagnostics());
    }
}
