package io.berth.scaling.capacity;

import io.berth.capacity.CapacityProviderFold;
import io.berth.capacity.ProviderInCluster;
import io.berth.ecs.Arns;
import io.berth.events.EventEnvelope;
import io.berth.events.ScalingEvent.CapacityAdjustmentRequested;
import io.berth.events.TaskEvent;
import io.berth.events.TaskEvent.CapacityProviderReservationMeasured;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamId;
import io.berth.scaling.managed.ManagedScaling;
import io.berth.scaling.managed.ManagedScaling.Decision;
import io.berth.scaling.managed.ManagedScaling.Reading;
import io.berth.scaling.managed.ProviderScaling;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Managed scaling of capacity providers (ADR 0039): follows the providers' settings (the shared fold of ADR 0042),
 * and decides
 * from each CapacityProviderReservation the scheduler measures (the pure {@link ManagedScaling},
 * ECS's target tracking policy on the group) whether to ask the provider's Auto Scaling group for
 * another desired capacity — a {@link CapacityAdjustmentRequested} the agent-service's group
 * takes. The measurement, the decision and its reason are kept for {@code /v1}; each measurement
 * is decided once (inbox), in one transaction with what it led to.
 */
@ApplicationScoped
public class ManagedScalingConsumer {

    static final String PROVIDERS = "scaling-capacity-providers";
    static final String MEASUREMENTS = "scaling-capacity-measurements";
    /** The event store stream of one provider's adjustments in one cluster. */
    static final String STREAM_TYPE = "capacity-provider-scaling";
    static final Selection<TaskEvent> MEASURED = Selection.of(TaskEvent.class,
            CapacityProviderReservationMeasured.class);

    private final EventConsumer consumer;
    private final EventStore store;
    private final ManagedScaling policy;

    public ManagedScalingConsumer(EventConsumer consumer, EventStore store,
            @ConfigProperty(name = "berth.scaling.capacity.alarm-period") Duration period,
            @ConfigProperty(name = "berth.scaling.capacity.low-datapoints") int lowDatapoints) {
        this.consumer = consumer;
        this.store = store;
        this.policy = new ManagedScaling(period, lowDatapoints);
    }

    @Incoming("capacity-provider-events")
    @Blocking(EventConsumer.WORKERS)
    public void onCapacityProviderEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(PROVIDERS, record, CapacityProviderFold.EVENTS, fresh -> {
            fresh.forEach(delivery -> CapacityProviderFold.apply(ManagedScalingProvider.class,
                    ManagedScalingProvider::new, delivery));
            return EventConsumer.NOTHING_LEFT;
        });
    }

    /**
     * A batch in one transaction. The topic carries every task event; the channel's deserializer parses only
     * measurements (by the type header), so the others arrive as nulls the consumer skeleton skips.
     */
    @Incoming("task-events")
    @Blocking(EventConsumer.WORKERS)
    public void onMeasurements(ConsumerRecords<String, EventEnvelope> records) {
        consumer.consumeUntilApplied(MEASUREMENTS, records, MEASURED, fresh -> {
            fresh.forEach(d -> decide(d.envelope(), (CapacityProviderReservationMeasured) d.event()));
            return EventConsumer.NOTHING_LEFT;
        });
    }

    private void decide(EventEnvelope envelope, CapacityProviderReservationMeasured measured) {
        String providerArn = Arns.ofResourceId(measured.clusterArn(),
                "capacity-provider/" + measured.capacityProviderName());
        ManagedScalingProvider provider = ManagedScalingProvider.findById(providerArn);
        ProviderInCluster key = new ProviderInCluster(measured.clusterArn(), measured.capacityProviderName());
        List<String> empty = measured.emptyInstances() == null ? List.of() : measured.emptyInstances();
        CapacityMeasurement row = new CapacityMeasurement();
        row.eventId = envelope.eventId();
        row.provider = key;
        row.take(measured.instancesNeeded(), measured.instancesRunning(), measured.reservation(),
                measured.provisioningTasks(), empty, measured.at());
        ProviderScaling scaling = provider == null ? null : provider.scaling();
        if (scaling == null || !scaling.enabled()) {
            row.reason = "managed scaling of capacity provider " + measured.capacityProviderName() + " is not ENABLED";
            row.persist();
            return;
        }
        ManagedScalingState state = ManagedScalingState.findById(key);
        boolean first = state == null;
        if (first) {
            state = new ManagedScalingState();
            state.key = key;
            state.hold(ManagedScaling.State.INITIAL);
        }
        Decision decision = policy.decide(scaling.settings(), scaling.terminationProtection(),
                new Reading(measured.instancesNeeded(), measured.instancesRunning(), measured.reservation(), empty,
                        measured.at()), state.state());
        state.hold(decision.next());
        if (first) {
            state.persist();
        }
        row.desiredCapacity = decision.desiredCapacity();
        row.reason = decision.reason();
        row.persist();
        if (decision.requests()) {
            store.appendToEnd(new StreamId(STREAM_TYPE, measured.clusterArn() + "/" + measured.capacityProviderName()),
                    List.of(new CapacityAdjustmentRequested(measured.clusterArn(), providerArn,
                            provider.autoScalingGroupArn, decision.desiredCapacity(), decision.scaleInCandidates(),
                            decision.reason(), measured.at())), EventContext.causedBy(envelope));
        }
    }
}
