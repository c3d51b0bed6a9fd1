package io.berth.eventstore;

import io.berth.events.EventEnvelope;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Where a writer's relay hands its rows over directly (ADR 0071; {@link HandoffSender}): an internal path,
 * never routed from outside. Each topic's records go to the {@link HandoffReceiver} of that topic, those
 * that may be applied now ({@link HandoffOrder}) in one batch; the rest, and everything of a topic nobody
 * here receives, are left to their Kafka copies. Runs on a worker thread: the apply is the consumer's own.
 */
@Path("/internal/handoff")
public class HandoffResource {

    private static final Logger LOG = Logger.getLogger(HandoffResource.class);

    private final Map<String, HandoffReceiver> receivers = new HashMap<>();
    private final AppliedPositions positions;
    private final HandoffMetrics metrics;

    public HandoffResource(Instance<HandoffReceiver> receivers, AppliedPositions positions, HandoffMetrics metrics) {
        receivers.forEach(r -> this.receivers.put(r.topic(), r));
        this.positions = positions;
        this.metrics = metrics;
    }

    /** What was applied and what was left to Kafka, by outcome. */
    public record Outcome(int applied, int ignored, int failed) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Outcome receive(byte[] body) {
        Map<String, List<Handoff.Received>> byTopic = new LinkedHashMap<>();
        for (Handoff.Received r : Handoff.fromBytes(body)) {
            byTopic.computeIfAbsent(r.record().topic(), t -> new ArrayList<>()).add(r);
        }
        int applied = 0;
        int ignored = 0;
        int failed = 0;
        for (Map.Entry<String, List<Handoff.Received>> topic : byTopic.entrySet()) {
            HandoffReceiver receiver = receivers.get(topic.getKey());
            if (receiver == null) {
                ignored += topic.getValue().size();
                metrics.count(topic.getKey(), "ignored", topic.getValue().size());
                continue;
            }
            HandoffOrder.Split split = HandoffOrder.split(topic.getValue(), positions::appliedUpTo, receiver::owns);
            List<ConsumerRecord<String, EventEnvelope>> records =
                    split.accepted().stream().map(Handoff.Received::record).toList();
            ignored += split.ignored();
            metrics.count(topic.getKey(), "ignored", split.ignored());
            if (records.isEmpty()) {
                continue;
            }
            try {
                receiver.applyHandedOver(records);
                applied += records.size();
                metrics.count(topic.getKey(), "applied", records.size());
                records.forEach(r -> metrics.applied(r.topic(), r.timestamp()));
            } catch (RuntimeException e) {
                // Left to the Kafka copies, which the consumer applies until they are applied (ADR 0070).
                failed += records.size();
                metrics.count(topic.getKey(), "failed", records.size());
                LOG.debugf("Records handed over on %s left to Kafka: %s", topic.getKey(), e.getMessage());
            }
        }
        return new Outcome(applied, ignored, failed);
    }
}
