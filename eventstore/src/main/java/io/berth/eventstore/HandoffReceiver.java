package io.berth.eventstore;

import io.berth.events.EventEnvelope;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A consumer that also takes its topic's records handed over directly by their writer's relay (ADR 0071),
 * beside their Kafka copies: a CDI bean, found by {@link HandoffResource}.
 */
public interface HandoffReceiver {

    /** The topic whose records it takes. */
    String topic();

    /**
     * Whether this instance applies the records of {@code key} from Kafka now (it holds their partition):
     * a record it does not own is ignored, and the instance that owns it applies the Kafka copy.
     */
    boolean owns(String key);

    /**
     * Applies the records with the same code, consumer name and inbox as their Kafka copies (whichever
     * comes second changes nothing), failing fast: a failure leaves them to the Kafka copies.
     */
    void applyHandedOver(List<ConsumerRecord<String, EventEnvelope>> records);
}
