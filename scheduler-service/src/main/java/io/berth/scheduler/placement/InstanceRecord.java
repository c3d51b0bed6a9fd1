package io.berth.scheduler.placement;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.eventstore.JsonColumns;
import io.berth.placement.InstanceState;
import io.berth.placement.InstanceStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A container instance as placement needs it: registered resources and ports, attributes, status
 * and agent connectivity, from the agent-service's events. What tasks reserve is not stored here;
 * it follows from the tasks on the instance.
 */
@Entity
@Table(name = "scheduler_instance")
public class InstanceRecord extends PanacheEntityBase {

    @Id
    @Column(name = "container_instance_arn")
    public String containerInstanceArn;
    @Column(name = "cluster_arn")
    public String clusterArn;
    public String status;
    @Column(name = "agent_connected")
    public boolean agentConnected;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "capacity_provider")
    public String capacityProvider;
    @Column(name = "ec2_instance_id")
    public String ec2InstanceId;
    public int cpu;
    public int memory;
    @Column(name = "tcp_ports")
    public String tcpPorts;
    @Column(name = "udp_ports")
    public String udpPorts;
    public String attributes;
    public long version;

    /** Takes the registration's resources, ports and attributes; ACTIVE with its agent connected. */
    void register(InstanceRegistered registered, long atVersion) {
        clusterArn = registered.clusterArn();
        status = "ACTIVE";
        agentConnected = true;
        capacityProvider = registered.capacityProviderName();
        ec2InstanceId = registered.ec2InstanceId();
        cpu = (int) InstanceEventsConsumer.integer(registered.registeredResources(), "CPU");
        memory = (int) InstanceEventsConsumer.integer(registered.registeredResources(), "MEMORY");
        tcpPorts = JsonColumns.write(InstanceEventsConsumer.ports(registered.registeredResources(), "PORTS"));
        udpPorts = JsonColumns.write(InstanceEventsConsumer.ports(registered.registeredResources(), "PORTS_UDP"));
        attributes = JsonColumns.write(InstanceEventsConsumer.attributeMap(registered.attributes()));
        version = atVersion;
    }

    public Map<String, String> attributeMap() {
        return JsonColumns.read(attributes, new TypeReference<>() { });
    }

    /** The instance with nothing reserved yet; the index adds its tasks. */
    public InstanceState toPlacementState() {
        Set<Integer> tcp = JsonColumns.read(tcpPorts, new TypeReference<>() { });
        Set<Integer> udp = JsonColumns.read(udpPorts, new TypeReference<>() { });
        return InstanceState.builder(containerInstanceArn)
                .registeredAt(registeredAt)
                .status(InstanceStatus.valueOf(status))
                .agentConnected(agentConnected)
                .attributes(attributeMap())
                .capacityProviderName(capacityProvider)
                .registered(cpu, memory)
                .registeredPorts(tcp, udp)
                .remaining(cpu, memory)
                .reservedPorts(tcp, udp)
                .build();
    }
}
