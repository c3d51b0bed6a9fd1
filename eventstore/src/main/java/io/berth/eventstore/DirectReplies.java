package io.berth.eventstore;

import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A copy of an answer sent straight to Kafka once the transaction that wrote it commits, for the
 * caller that waits for it, ahead of the outbox (ADR 0045). It is a courtesy, not an event: the
 * answer is in the outbox as well, in the same transaction, and the outbox's copy is what every
 * state depends on; a copy lost to a crash or to the broker costs the caller the outbox's latency,
 * nothing else. Only request/reply readers read the replies topic, so no state is ever built from
 * a record that skipped the outbox's ordering and durability.
 */
@ApplicationScoped
public class DirectReplies {

    private static final Logger LOG = Logger.getLogger(DirectReplies.class);

    private final TransactionSynchronizationRegistry transactions;
    private final String bootstrapServers;
    private Producer<String, byte[]> producer;

    public DirectReplies(TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.transactions = transactions;
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends {@code answer} to {@link Topics#SCHEDULER_REPLIES} if and when the current transaction commits. */
    @Transactional(TxType.MANDATORY)
    public void sendAfterCommit(EventEnvelope answer) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    send(answer);
                }
            }
        });
    }

    private void send(EventEnvelope answer) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.SCHEDULER_REPLIES, answer.partitionKey(),
                EventJson.toBytes(answer));
        record.headers().add(Topics.TYPE_HEADER, answer.type().getBytes(StandardCharsets.UTF_8));
        try {
            // Not awaited: the committing thread goes on at once, and a failure only means the
            // caller is answered from the outbox's copy.
            producer().send(record, (metadata, failure) -> {
                if (failure != null) {
                    LOG.debugf("The direct copy of %s was not sent: %s", answer.eventId(), failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf("The direct copy of %s was not sent: %s", answer.eventId(), e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    // A lost copy is covered by the outbox's: the leader's acknowledgement is enough,
                    // and no retry may hold the sender longer than the outbox would take.
                    ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.CLIENT_ID_CONFIG, "berth-direct-replies",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
