package io.berth.eventstore;

import io.berth.events.EventEnvelope;
import java.util.List;

/**
 * What one command decided: the events it appended (none for a command that changed nothing) and the
 * aggregate's state with them folded in, so a caller can answer from the state instead of reading back
 * what its transaction just wrote.
 */
public record Decided<S>(S state, List<EventEnvelope> events) {

    /** Whether the events started their stream: nothing was there before them. */
    public boolean startedTheStream() {
        return !events.isEmpty() && events.get(0).aggregateVersion() == 1;
    }
}
