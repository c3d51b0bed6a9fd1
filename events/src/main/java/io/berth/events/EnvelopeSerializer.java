package io.berth.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for {@link EventEnvelope}. */
public class EnvelopeSerializer implements Serializer<EventEnvelope> {

    @Override
    public byte[] serialize(String topic, EventEnvelope envelope) {
        return envelope == null ? null : EventJson.toBytes(envelope);
    }
}
