package io.berth.eventstore;

import io.berth.events.BerthEvent;
import io.berth.events.EventEnvelope;
import io.berth.eventsourcing.Decider;
import io.berth.eventsourcing.Projection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Runs a command against an aggregate and applies the events it causes to its projection, in one
 * transaction. A concurrent writer of the same stream makes the attempt fail; it is retried on the
 * new state, so e.g. two concurrent CreateClusters of one name both answer with the one cluster.
 */
@ApplicationScoped
public class AggregateCommands {

    private static final int ATTEMPTS = 3;

    private final DeciderRunner runner;
    private final ProjectionRebuilder projections;

    public AggregateCommands(DeciderRunner runner, ProjectionRebuilder projections) {
        this.runner = runner;
        this.projections = projections;
    }

    public <C, E extends BerthEvent, S> List<EventEnvelope> handle(Decider<C, E, S> decider, Class<E> eventType,
            StreamId stream, C command, EventContext context, Projection projection) {
        return decide(decider, eventType, stream, command, context, projection).events();
    }

    /**
     * As {@link #handle}, and the state the command left the aggregate in (after its retries), which is
     * what its projection holds once the transaction committed: an answer built from it reads nothing back.
     */
    public <C, E extends BerthEvent, S> Decided<S> decide(Decider<C, E, S> decider, Class<E> eventType,
            StreamId stream, C command, EventContext context, Projection projection) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    Decided<S> decided = runner.decide(decider, eventType, stream, command, context);
                    decided.events().forEach(event -> projections.applyIfNew(projection, event));
                    return decided;
                });
            } catch (StreamVersionConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
