package io.berth.eventstore;

import io.berth.eventstore.Position.Stream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Which records handed over may be applied now (ADR 0071): a record only right after the one before it
 * in its stream (the writer's rows of one topic and key) — when its {@code previous} is the position its
 * receiver has applied, or the position of a record accepted before it in the same request. Any other
 * record of the stream, and every later one of the request, is left to the Kafka copies, which bring them
 * in order: a direct record never overtakes an earlier one its receiver has not applied, so a position
 * marked applied means every earlier one of its stream is.
 */
final class HandoffOrder {

    private HandoffOrder() {
    }

    /** What was accepted, in stream order, and how many were left to Kafka. */
    record Split(List<Handoff.Received> accepted, int ignored) {
    }

    static Split split(List<Handoff.Received> received, ToLongFunction<Stream> applied, Predicate<String> owns) {
        List<Handoff.Received> sorted = new ArrayList<>(received);
        sorted.sort(Comparator.comparingLong(Handoff.Received::position));
        Map<Stream, Long> reached = new HashMap<>();
        Set<Stream> broken = new HashSet<>();
        List<Handoff.Received> accepted = new ArrayList<>();
        for (Handoff.Received r : sorted) {
            Stream stream = r.stream();
            if (broken.contains(stream)) {
                continue;
            }
            long at = reached.computeIfAbsent(stream, applied::applyAsLong);
            if (!owns.test(r.record().key()) || r.previous() != at) {
                broken.add(stream);
                continue;
            }
            accepted.add(r);
            reached.put(stream, r.position());
        }
        return new Split(accepted, received.size() - accepted.size());
    }
}
