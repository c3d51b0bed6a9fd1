package io.berth.eventsourcing;

import java.util.List;

/**
 * An aggregate as two pure functions: {@link #decide} turns a command and the current state into
 * new events (or throws a domain exception), {@link #evolve} folds one event into the state.
 */
public interface Decider<C, E, S> {

    S initialState();

    List<E> decide(C command, S state);

    S evolve(S state, E event);

    default S fold(S state, List<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve(current, event);
        }
        return current;
    }
}
