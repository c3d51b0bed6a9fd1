package io.berth.agent.instance;

import io.berth.events.ContainerInstanceEvent;
import io.berth.events.EventEnvelope;
import io.berth.eventstore.JsonColumns;
import io.berth.eventsourcing.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Keeps {@link InstanceView} equal to the container instance streams folded by {@link InstanceDecider}. */
@ApplicationScoped
public class InstanceProjection implements Projection {

    public static final String STREAM_TYPE = "container-instance";
    private static final InstanceDecider DECIDER = new InstanceDecider();

    @Override
    public String name() {
        return "container-instance-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE);
    }

    @Override
    public void reset() {
        InstanceView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope event) {
        InstanceView view = InstanceView.findById(event.aggregateId());
        InstanceState before = view == null ? InstanceState.NONE : view.toState();
        InstanceState after = DECIDER.evolve(before, (ContainerInstanceEvent) event.payload());
        if (view == null) {
            view = new InstanceView();
            view.containerInstanceArn = event.aggregateId();
            view.account = event.account();
            view.region = event.region();
            view.registeredAt = event.occurredAt();
        }
        view.clusterArn = after.clusterArn();
        view.status = after.status();
        view.version = after.version();
        view.state = JsonColumns.write(after);
        view.persist();
    }
}
