package io.berth.eventstore;

import io.berth.events.BerthEvent;
import io.berth.events.EventEnvelope;

/**
 * One event as a consumer received it: the envelope, its payload typed as the consumer wants it,
 * and where it came from (topic, partition, offset and key), which is the source position a
 * consumer can record once the event is applied.
 */
public record Delivery<E extends BerthEvent>(String topic, int partition, long offset, String key,
        EventEnvelope envelope, E event) {
}
