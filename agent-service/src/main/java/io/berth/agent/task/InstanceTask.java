package io.berth.agent.task;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.eventstore.JsonColumns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A task placed on a container instance and not stopped yet: what it holds there and its status. */
@Entity
@Table(name = "instance_task")
public class InstanceTask extends PanacheEntityBase {

    @Id
    @Column(name = "task_arn")
    public String taskArn;
    @Column(name = "container_instance_arn")
    public String containerInstanceArn;
    @Column(name = "cluster_arn")
    public String clusterArn;
    public int cpu;
    public int memory;
    @Column(name = "tcp_ports")
    public String tcpPorts;
    @Column(name = "udp_ports")
    public String udpPorts;
    /** The placement's group, {@code service:<name>} for a service's task. */
    @Column(name = "task_group")
    public String taskGroup;
    @Column(name = "last_status")
    public String lastStatus;
    /** The task definition as placed, host ports assigned; kept only where the agent may adopt the task again. */
    @Column(name = "task_definition")
    public String taskDefinition;
    @Column(name = "overrides")
    public String overrides;
    public String account;
    public String region;

    /** What the tasks on one instance hold together, and how many are running and pending. */
    public record Usage(int cpu, int memory, Set<Integer> tcpPorts, Set<Integer> udpPorts, int running,
            int pending) {

        public static final Usage NONE = new Usage(0, 0, Set.of(), Set.of(), 0, 0);
    }

    public static Usage usageOf(String containerInstanceArn) {
        List<InstanceTask> tasks = list("containerInstanceArn", containerInstanceArn);
        int cpu = 0;
        int memory = 0;
        int running = 0;
        Set<Integer> tcp = new TreeSet<>();
        Set<Integer> udp = new TreeSet<>();
        for (InstanceTask task : tasks) {
            cpu += task.cpu;
            memory += task.memory;
            tcp.addAll(JsonColumns.read(task.tcpPorts, new TypeReference<Set<Integer>>() { }));
            udp.addAll(JsonColumns.read(task.udpPorts, new TypeReference<Set<Integer>>() { }));
            running += "RUNNING".equals(task.lastStatus) ? 1 : 0;
        }
        return new Usage(cpu, memory, tcp, udp, running, tasks.size() - running);
    }
}
