package io.berth.scheduler.service;

import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent;
import io.berth.eventsourcing.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Keeps {@link ServiceView} equal to the service streams folded by {@link ServiceDecider}. Each row
 * remembers the last version it holds, so an event it has is never applied twice.
 */
@ApplicationScoped
public class ServiceProjection implements Projection {

    public static final String STREAM_TYPE = "service";
    private static final ServiceDecider DECIDER = new ServiceDecider();

    @Override
    public String name() {
        return "service-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE);
    }

    @Override
    public void reset() {
        ServiceView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope event) {
        ServiceView row = ServiceView.findById(event.aggregateId());
        apply(row, row == null ? null : row.toState(), List.of(event));
    }

    /**
     * Applies a transaction's events of one service to its row, written once.
     *
     * @param row the row the caller read, null if there is none yet
     * @param state what the row holds, as the caller read it
     */
    void apply(ServiceView row, ServiceState state, List<EventEnvelope> events) {
        ServiceState next = state;
        EventEnvelope last = null;
        for (EventEnvelope event : events) {
            if (row != null && event.aggregateVersion() <= row.version) {
                continue;
            }
            next = DECIDER.evolve(next, (ServiceEvent) event.payload());
            last = event;
        }
        if (last == null || next == null) {
            return;
        }
        if (row == null) {
            ServiceView created = new ServiceView();
            created.account = last.account();
            created.region = last.region();
            created.hold(next, last.aggregateVersion());
            created.persist();
        } else {
            row.hold(next, last.aggregateVersion());
        }
    }
}
