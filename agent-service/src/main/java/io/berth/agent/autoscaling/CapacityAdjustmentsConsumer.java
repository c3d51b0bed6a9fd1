package io.berth.agent.autoscaling;

import io.berth.ecs.Arns;
import io.berth.events.EventEnvelope;
import io.berth.events.ScalingEvent;
import io.berth.events.ScalingEvent.CapacityAdjustmentRequested;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A capacity provider's managed scaling (the scaling-service) asks an Auto Scaling group for a desired
 * capacity: applied as SetDesiredCapacity within the group's size limits, with the scale-in candidates
 * ECS's managed termination protection names. A redelivery changes nothing: the group's decider only
 * records what differs from its state.
 */
@ApplicationScoped
public class CapacityAdjustmentsConsumer {

    static final String CONSUMER = "auto-scaling-adjustments";
    static final Selection<ScalingEvent> ADJUSTMENTS = Selection.of(ScalingEvent.class,
            CapacityAdjustmentRequested.class);

    private final EventConsumer consumer;
    private final GroupService groups;

    public CapacityAdjustmentsConsumer(EventConsumer consumer, GroupService groups) {
        this.consumer = consumer;
        this.groups = groups;
    }

    @Incoming("scaling-events")
    @Blocking(EventConsumer.WORKERS)
    public void onScalingEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(CONSUMER, record, ADJUSTMENTS, fresh -> {
            fresh.forEach(delivery -> {
                CapacityAdjustmentRequested adjustment = (CapacityAdjustmentRequested) delivery.event();
                String provider = adjustment.capacityProviderArn() == null ? null
                        : Arns.idOf(adjustment.capacityProviderArn());
                groups.adjust(delivery.envelope().account(), delivery.envelope().region(),
                        delivery.envelope().correlationId(), adjustment.autoScalingGroupArn(),
                        adjustment.desiredCapacity(), adjustment.scaleInCandidates(), provider, adjustment.reason(),
                        adjustment.at() == null ? delivery.envelope().occurredAt() : adjustment.at());
            });
            return EventConsumer.NOTHING_LEFT;
        });
    }
}
