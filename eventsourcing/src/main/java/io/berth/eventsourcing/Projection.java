package io.berth.eventsourcing;

import io.berth.events.EventEnvelope;
import java.util.Set;

/**
 * A read model fed by events. The live path and {@link ProjectionRebuilder} call the same
 * {@link #apply}, so a rebuilt projection equals the live one.
 */
public interface Projection {

    /** Stable name, the key of its checkpoints. */
    String name();

    /** The stream types whose events it reads. */
    Set<String> streamTypes();

    /** Removes everything the projection holds. */
    void reset();

    /** Applies one event; called only for events newer than the projection's checkpoint. */
    void apply(EventEnvelope event);
}
