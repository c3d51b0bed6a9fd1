package io.berth.cluster.capacityprovider;

import io.berth.eventstore.JsonColumns;
import io.berth.events.CapacityProviderEvent;
import io.berth.events.EventEnvelope;
import io.berth.eventsourcing.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Keeps {@link CapacityProviderView} equal to the capacity provider streams folded by their decider. */
@ApplicationScoped
public class CapacityProviderProjection implements Projection {

    public static final String STREAM_TYPE = "capacity-provider";
    private static final CapacityProviderDecider DECIDER = new CapacityProviderDecider();

    @Override
    public String name() {
        return "capacity-provider-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE);
    }

    @Override
    public void reset() {
        CapacityProviderView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope event) {
        CapacityProviderView view = CapacityProviderView.findById(event.aggregateId());
        CapacityProviderState before = view == null ? CapacityProviderState.NONE : view.toState();
        CapacityProviderState after = DECIDER.evolve(before, (CapacityProviderEvent) event.payload());
        if (view == null) {
            view = new CapacityProviderView();
            view.capacityProviderArn = event.aggregateId();
            view.account = event.account();
            view.region = event.region();
        }
        view.name = after.name();
        view.status = after.status();
        view.state = JsonColumns.write(after);
        view.persist();
    }
}
