package io.berth.eventstore;

import io.berth.events.EventEnvelope;
import io.berth.eventsourcing.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Applies events to projections through their checkpoints, live or from the store. */
@ApplicationScoped
public class ProjectionRebuilder {

    private final EventStore store;
    private final ProjectionCheckpoints checkpoints;

    public ProjectionRebuilder(EventStore store, ProjectionCheckpoints checkpoints) {
        this.store = store;
        this.checkpoints = checkpoints;
    }

    /** Applies {@code event} unless the projection has it already; true if applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyIfNew(Projection projection, EventEnvelope event) {
        if (!projection.streamTypes().contains(event.aggregateType())) {
            return false;
        }
        if (!checkpoints.advance(projection.name(), event.aggregateId(), event.aggregateVersion())) {
            return false;
        }
        projection.apply(event);
        return true;
    }

    /** Empties the projection and replays every event of its stream types, in one transaction. */
    @Transactional(Transactional.TxType.REQUIRED)
    public long rebuild(Projection projection) {
        projection.reset();
        checkpoints.reset(projection.name());
        long[] applied = {0};
        store.readAll(projection.streamTypes(), event -> {
            if (applyIfNew(projection, event)) {
                applied[0]++;
            }
        });
        return applied[0];
    }
}
