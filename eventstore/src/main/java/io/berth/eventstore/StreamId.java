package io.berth.eventstore;

import java.util.Objects;

/** A stream of the event store: the events of one aggregate, e.g. {@code cluster} + its ARN. */
public record StreamId(String type, String id) {

    public StreamId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }
}
