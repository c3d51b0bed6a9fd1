package io.berth.events;

import org.apache.kafka.common.serialization.Deserializer;

/** Kafka value deserializer for {@link EventEnvelope}. */
public class EnvelopeDeserializer implements Deserializer<EventEnvelope> {

    @Override
    public EventEnvelope deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.fromBytes(data);
    }
}
