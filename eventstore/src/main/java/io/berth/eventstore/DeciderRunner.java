package io.berth.eventstore;

import io.berth.events.BerthEvent;
import io.berth.events.EventEnvelope;
import io.berth.eventsourcing.Decider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Runs a command against an event-sourced aggregate: load its stream, fold it into state, decide,
 * append at the loaded version. A concurrent writer makes the append fail rather than overwrite.
 */
@ApplicationScoped
public class DeciderRunner {

    private final EventStore store;

    public DeciderRunner(EventStore store) {
        this.store = store;
    }

    /** The state of the aggregate after every event of its stream. */
    @Transactional(TxType.SUPPORTS)
    public <C, E extends BerthEvent, S> S load(Decider<C, E, S> decider, Class<E> eventType, StreamId stream) {
        return fold(decider, eventType, store.readStream(stream.id()));
    }

    /** The state of the aggregate as it was at {@code asOf}: the events committed until then, folded. */
    @Transactional(TxType.SUPPORTS)
    public <C, E extends BerthEvent, S> S load(Decider<C, E, S> decider, Class<E> eventType, StreamId stream,
            Instant asOf) {
        return fold(decider, eventType, store.readStream(stream.id(), asOf));
    }

    @Transactional(TxType.MANDATORY)
    public <C, E extends BerthEvent, S> List<EventEnvelope> handle(Decider<C, E, S> decider, Class<E> eventType,
            StreamId stream, C command, EventContext context) {
        return decide(decider, eventType, stream, command, context).events();
    }

    /** As {@link #handle}, and the state the appended events leave the aggregate in. */
    @Transactional(TxType.MANDATORY)
    public <C, E extends BerthEvent, S> Decided<S> decide(Decider<C, E, S> decider, Class<E> eventType,
            StreamId stream, C command, EventContext context) {
        List<EventEnvelope> history = store.readStream(stream.id());
        S state = fold(decider, eventType, history);
        List<E> decided = decider.decide(command, state);
        long version = history.isEmpty() ? 0 : history.get(history.size() - 1).aggregateVersion();
        List<EventEnvelope> appended = store.append(stream, version, decided, context);
        for (E event : decided) {
            state = decider.evolve(state, event);
        }
        return new Decided<>(state, appended);
    }

    private static <C, E extends BerthEvent, S> S fold(Decider<C, E, S> decider, Class<E> eventType,
            List<EventEnvelope> history) {
        S state = decider.initialState();
        for (EventEnvelope envelope : history) {
            state = decider.evolve(state, eventType.cast(envelope.payload()));
        }
        return state;
    }
}
