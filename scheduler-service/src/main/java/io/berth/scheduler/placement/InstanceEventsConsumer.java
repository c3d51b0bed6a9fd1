package io.berth.scheduler.placement;

import io.berth.events.ContainerInstanceEvent;
import io.berth.events.ContainerInstanceEvent.AgentConnectionChanged;
import io.berth.events.ContainerInstanceEvent.InstanceAttributesChanged;
import io.berth.events.ContainerInstanceEvent.InstanceDeregistered;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.ContainerInstanceEvent.InstanceStatusChanged;
import io.berth.events.EventEnvelope;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.JsonColumns;
import io.berth.placement.ClusterIndex;
import io.berth.placement.InstanceStatus;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows the agent-service's container instances: stores what placement needs, once per event,
 * and after the commit applies the change to the cluster's placement index and announces it
 * ({@link InstancesChanged}). Changes of a cluster another scheduler decides are told to it
 * ({@link InstancesDecidedElsewhere}).
 */
@ApplicationScoped
public class InstanceEventsConsumer {

    static final String CONSUMER = "scheduler-instances";
    private static final Selection<ContainerInstanceEvent> INSTANCES = Selection.of(ContainerInstanceEvent.class);

    private final EventConsumer consumer;
    private final ClusterIndexes indexes;
    private final Event<InstancesChanged> changed;
    private final InstancesDecidedElsewhere elsewhere;

    public InstanceEventsConsumer(EventConsumer consumer, ClusterIndexes indexes, Event<InstancesChanged> changed,
            InstancesDecidedElsewhere elsewhere) {
        this.consumer = consumer;
        this.indexes = indexes;
        this.changed = changed;
        this.elsewhere = elsewhere;
    }

    @Incoming("container-instance-events")
    @Blocking(EventConsumer.WORKERS)
    public void onInstanceEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(CONSUMER, record, INSTANCES, fresh -> {
            List<Delivery<ContainerInstanceEvent>> stored = new ArrayList<>();
            Map<String, Set<String>> byCluster = new LinkedHashMap<>();
            for (Delivery<ContainerInstanceEvent> delivery : fresh) {
                if (store(delivery.envelope(), delivery.event())) {
                    stored.add(delivery);
                    byCluster.computeIfAbsent(delivery.event().clusterArn(), k -> new LinkedHashSet<>())
                            .add(delivery.event().containerInstanceArn());
                }
            }
            elsewhere.stored(byCluster);
            return () -> stored.forEach(delivery -> {
                ContainerInstanceEvent change = delivery.event();
                indexes.apply(change.clusterArn(), index -> apply(index, delivery.envelope(), change));
                changed.fire(new InstancesChanged(change.clusterArn()));
            });
        });
    }

    private static boolean store(EventEnvelope event, ContainerInstanceEvent change) {
        InstanceRecord record = InstanceRecord.findById(change.containerInstanceArn());
        if (change instanceof InstanceRegistered registered) {
            if (record == null) {
                record = new InstanceRecord();
                record.containerInstanceArn = registered.containerInstanceArn();
                record.registeredAt = event.occurredAt();
            }
            record.register(registered, event.aggregateVersion());
            record.persist();
            return true;
        }
        if (record == null || record.version >= event.aggregateVersion()) {
            return false;
        }
        record.version = event.aggregateVersion();
        if (change instanceof InstanceStatusChanged status) {
            record.status = status.status();
        } else if (change instanceof InstanceAttributesChanged attributes) {
            record.attributes = JsonColumns.write(attributeMap(attributes.attributes()));
        } else if (change instanceof AgentConnectionChanged agent) {
            record.agentConnected = agent.agentConnected();
        } else if (change instanceof InstanceDeregistered) {
            record.delete();
        } else {
            return false;
        }
        return true;
    }

    private static void apply(ClusterIndex index, EventEnvelope event, ContainerInstanceEvent change) {
        if (change instanceof InstanceRegistered registered) {
            InstanceRecord record = new InstanceRecord();
            record.containerInstanceArn = registered.containerInstanceArn();
            record.registeredAt = event.occurredAt();
            record.register(registered, event.aggregateVersion());
            index.upsertInstance(record.toPlacementState());
        } else if (change instanceof InstanceStatusChanged status) {
            index.setStatus(status.containerInstanceArn(), InstanceStatus.valueOf(status.status()));
        } else if (change instanceof InstanceAttributesChanged attributes) {
            index.setAttributes(attributes.containerInstanceArn(), attributeMap(attributes.attributes()));
        } else if (change instanceof AgentConnectionChanged agent) {
            index.setAgentConnected(agent.containerInstanceArn(), agent.agentConnected());
        } else if (change instanceof InstanceDeregistered deregistered) {
            index.removeInstance(deregistered.containerInstanceArn());
        }
    }

    static long integer(List<Resource> resources, String name) {
        return resources == null ? 0 : resources.stream().filter(r -> name.equals(r.name()) && r.integerValue() != null)
                .mapToLong(Resource::integerValue).findFirst().orElse(0);
    }

    static Set<Integer> ports(List<Resource> resources, String name) {
        Set<Integer> ports = new TreeSet<>();
        if (resources != null) {
            resources.stream().filter(r -> name.equals(r.name()) && r.stringSetValue() != null)
                    .flatMap(r -> r.stringSetValue().stream())
                    .forEach(p -> ports.add(Integer.parseInt(p.trim())));
        }
        return ports;
    }

    static Map<String, String> attributeMap(List<Attribute> attributes) {
        Map<String, String> map = new TreeMap<>();
        if (attributes != null) {
            for (Attribute a : attributes) {
                map.put(a.name(), a.value() == null ? "" : a.value());
            }
        }
        return map;
    }
}
