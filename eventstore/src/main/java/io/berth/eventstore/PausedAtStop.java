package io.berth.eventstore;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Every consumed channel stops fetching as soon as the service begins stopping (ADR 0089), all at once, long before
 * the connector closes the channels one after another.
 *
 * <p>Why: an idle channel always has a fetch in flight that the broker holds for up to {@code fetch.max.wait.ms}
 * (2 s, ADR 0082), and the broker answers a connection's requests in order, so a consumer's close, which ends its
 * fetch session on that connection, waits for the held fetch. The connector closes a service's channels one at a
 * time, and each channel had sent a new fetch by the time its turn came: up to 2 s per channel, 5–7 s for a
 * service of five to eight channels, most of a {@code ./berth down}. Paused here, each channel's fetch in flight
 * ends within one wait, all of them at the same time, and no channel sends another: the closes that follow find
 * nothing held. A paused channel also takes no new records, so fewer batches reach consumers whose worker pool
 * and persistence are already being torn down (they were never lost: a batch not acknowledged is delivered again
 * at the next start, and the inbox drops what was applied).
 *
 * <p>The pause is the connector's own ({@link KafkaConsumer#pause()}): it is applied on the channel's polling
 * thread once the poll in progress returns, and the connector keeps newly assigned partitions paused too (the
 * group rebalances as the service's other channels leave it). Records already queued in the channel still reach
 * it. Nothing waits here: the pauses are requested and the stop goes on.
 */
@ApplicationScoped
public class PausedAtStop {

    private static final Logger LOG = Logger.getLogger(PausedAtStop.class);

    private final KafkaClientService clients;

    public PausedAtStop(KafkaClientService clients) {
        this.clients = clients;
    }

    /** Early in the stop (after {@link ChannelRetries}' own), before any channel closes. */
    void stop(@Observes @Priority(2) ShutdownEvent event) {
        pauseAll().subscribe().with(
                paused -> LOG.debugf("Paused %d consumers' fetching for the stop", paused),
                failure -> LOG.debugf("A consumer's pause at the stop failed (it stops as before): %s", failure));
    }

    /**
     * Pauses the consumers of every consumed channel of the service.
     *
     * @return the number of consumers paused, once every pause is applied on its polling thread
     */
    public Uni<Integer> pauseAll() {
        List<Uni<Set<TopicPartition>>> pauses = new ArrayList<>();
        for (String channel : clients.getConsumerChannels()) {
            for (KafkaConsumer<Object, Object> consumer : clients.<Object, Object>getConsumers(channel)) {
                pauses.add(consumer.pause());
            }
        }
        if (pauses.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int count = pauses.size();
        return Uni.join().all(pauses).andCollectFailures().replaceWith(count);
    }
}
