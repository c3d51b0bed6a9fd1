package io.berth.scheduler.task;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.events.Shapes.Tag;
import io.berth.eventstore.JsonColumns;
import io.berth.placement.TaskPlacement;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A row of the task projection: the columns ListTasks filters on, the ECS Task document, tags. */
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
    @Column(name = "desired_status")
    public String desiredStatus;
    @Column(name = "last_status")
    public String lastStatus;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "report_version")
    public long reportVersion;
    public int cpu;
    public int memory;
    @Column(name = "tcp_ports")
    public String tcpPorts;
    @Column(name = "udp_ports")
    public String udpPorts;
    public String document;
    public String tags;
    /** The placement decision's diagnostics as JSON, for the explanation endpoint. */
    public String placement;

    public TaskDocument toDocument() {
        return TaskDocument.of(JsonColumns.tree(document));
    }

    public void store(TaskDocument task) {
        document = JsonColumns.write(task.json());
        lastStatus = task.lastStatus();
        desiredStatus = task.desiredStatus();
    }

    public List<Tag> tagList() {
        return JsonColumns.read(tags, new TypeReference<>() { });
    }

    /** What the task holds on its instance, for the placement index. */
    public TaskPlacement toPlacement() {
        Set<Integer> tcp = JsonColumns.read(tcpPorts, new TypeReference<>() { });
        Set<Integer> udp = JsonColumns.read(udpPorts, new TypeReference<>() { });
        return new TaskPlacement(taskArn, containerInstanceArn, Optional.ofNullable(group), cpu, memory, tcp, udp);
    }
}
