package io.berth.agent.fleet;

import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns the scheduler's DAEMON services, once per event: a draining instance waits for its other tasks only,
 * and its daemon tasks stop last (ADR 0042). A service keeps its scheduling strategy for life.
 */
@ApplicationScoped
public class ServiceEventsConsumer {

    static final String CONSUMER = "fleet-daemon-services";
    static final Selection<ServiceEvent> DAEMONS = Selection.of(ServiceEvent.class, ServiceCreated.class,
            ServiceDeleted.class);

    private final EventConsumer consumer;

    public ServiceEventsConsumer(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("service-events")
    @Blocking(EventConsumer.WORKERS)
    public void onServiceEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(CONSUMER, record, DAEMONS, fresh -> {
            fresh.forEach(delivery -> {
                if (delivery.event() instanceof ServiceCreated created) {
                    if ("DAEMON".equals(created.schedulingStrategy())
                            && DaemonService.findById(created.serviceArn()) == null) {
                        DaemonService daemon = new DaemonService();
                        daemon.serviceArn = created.serviceArn();
                        daemon.clusterArn = created.clusterArn();
                        daemon.taskGroup = "service:" + created.serviceName();
                        daemon.persist();
                    }
                } else {
                    DaemonService.deleteById(delivery.event().serviceArn());
                }
            });
            return EventConsumer.NOTHING_LEFT;
        });
    }
}
