package io.berth.gateway.stream;

import io.berth.events.EventEnvelope;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one stream wants, in two steps: the event types it asks for, read from the record's header
 * before anything is parsed, then the rest (the caller's account, the cluster, the service), which
 * needs the parsed event.
 *
 * @param types the type names asked for; empty for every type
 */
record StreamFilter(Set<String> types, Predicate<EventEnvelope> parsed) {

    static final StreamFilter EVERYTHING = new StreamFilter(Set.of(), e -> true);

    StreamFilter {
        types = Set.copyOf(types);
    }

    /** Whether an event of {@code type} may be wanted; an unknown type (null) has to be parsed to tell. */
    boolean mayWant(String type) {
        return type == null || types.isEmpty() || types.contains(type);
    }

    boolean wants(EventEnvelope event) {
        return mayWant(event.type()) && parsed.test(event);
    }
}
