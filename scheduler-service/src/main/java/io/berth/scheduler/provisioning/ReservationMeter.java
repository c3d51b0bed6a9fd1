package io.berth.scheduler.provisioning;

import io.berth.capacity.ProviderInCluster;
import io.berth.ecs.Arns;
import io.berth.events.TaskEvent.CapacityProviderReservationMeasured;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamId;
import io.berth.scaling.managed.CapacityProviderReservation;
import io.berth.scaling.managed.CapacityProviderReservation.Instance;
import io.berth.scaling.managed.CapacityProviderReservation.Measurement;
import io.berth.scaling.managed.CapacityProviderReservation.WaitingTasks;
import io.berth.scheduler.capacity.CapacityProviderRecord;
import io.berth.scheduler.capacity.ManagedProviders;
import io.berth.scheduler.placement.InstanceRecord;
import io.berth.scheduler.service.ServiceView;
import io.berth.scheduler.task.TaskPlacer;
import io.berth.scheduler.task.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Measures CapacityProviderReservation for each provider with managed scaling associated with a
 * cluster (the pure {@link CapacityProviderReservation}) and writes it, through the outbox, when a
 * value changed or once a {@code measurement-period} otherwise (ECS's minute): the scaling-service
 * decides from these. Instances' shapes are their registered CPU and memory, the only instance
 * types the scheduler knows (ADR 0039).
 */
@ApplicationScoped
public class ReservationMeter {

    /** The event store stream of a cluster's measurements of one provider. */
    static final String STREAM_TYPE = "capacity-provider-reservation";

    private final EventStore store;
    private final Duration period;

    public ReservationMeter(EventStore store,
            @ConfigProperty(name = "berth.scheduler.capacity.measurement-period") Duration period) {
        this.store = store;
        this.period = period;
    }

    @Transactional(TxType.MANDATORY)
    public void measure(String clusterArn, Instant now) {
        List<CapacityProviderRecord> providers = ManagedProviders.ofCluster(clusterArn);
        if (providers.isEmpty()) {
            return;
        }
        Set<String> daemons = ServiceView.<ServiceView>list("clusterArn = ?1 and schedulingStrategy = 'DAEMON'",
                clusterArn).stream().map(s -> "service:" + s.serviceName).collect(Collectors.toSet());
        Set<String> busy = TaskView.<TaskView>list("clusterArn = ?1 and lastStatus <> 'STOPPED'"
                + " and containerInstanceArn is not null", clusterArn).stream()
                .filter(t -> !daemons.contains(t.group)).map(t -> t.containerInstanceArn).collect(Collectors.toSet());
        List<TaskView> waiting = TaskView.list(TaskPlacer.AWAITING + " and clusterArn = ?1", clusterArn);
        List<InstanceRecord> instances = InstanceRecord.list("clusterArn = ?1 and status <> 'INACTIVE'", clusterArn);
        for (CapacityProviderRecord provider : providers) {
            List<Instance> own = instances.stream().filter(i -> provider.name.equals(i.capacityProvider))
                    .map(i -> new Instance(i.ec2InstanceId == null ? i.containerInstanceArn : i.ec2InstanceId, i.cpu,
                            i.memory, busy.contains(i.containerInstanceArn)))
                    .toList();
            Map<List<Integer>, Long> needs = waiting.stream().filter(t -> provider.name.equals(t.capacityProvider))
                    .collect(Collectors.groupingBy(t -> List.of(t.cpu, t.memory), Collectors.counting()));
            List<WaitingTasks> groups = needs.entrySet().stream().map(e -> new WaitingTasks(e.getKey().get(0),
                    e.getKey().get(1), e.getValue().intValue())).toList();
            write(clusterArn, provider, CapacityProviderReservation.measure(provider.scaling().settings(), own, groups), now);
        }
    }

    private void write(String clusterArn, CapacityProviderRecord provider, Measurement m, Instant now) {
        ProviderInCluster key = new ProviderInCluster(clusterArn, provider.name);
        MeasurementRecord last = MeasurementRecord.findById(key);
        if (last != null && last.holds(m.instancesNeeded(), m.instancesRunning(), m.reservation(),
                m.provisioningTasks(), m.emptyInstances()) && last.measuredAt.plus(period).isAfter(now)) {
            return;
        }
        boolean first = last == null;
        if (first) {
            last = new MeasurementRecord();
            last.key = key;
        }
        last.take(m.instancesNeeded(), m.instancesRunning(), m.reservation(), m.provisioningTasks(),
                m.emptyInstances(), now);
        if (first) {
            last.persist();
        }
        Arns.Arn cluster = Arns.parse(clusterArn).orElseThrow();
        store.appendToEnd(new StreamId(STREAM_TYPE, clusterArn + "/" + provider.name),
                List.of(new CapacityProviderReservationMeasured(clusterArn, provider.name,
                        provider.autoScalingGroupArn, m.instancesNeeded(), m.instancesRunning(), m.reservation(),
                        m.provisioningTasks(), m.emptyInstances(), now)),
                EventContext.of(cluster.account(), cluster.region(), UUID.randomUUID()));
    }
}
