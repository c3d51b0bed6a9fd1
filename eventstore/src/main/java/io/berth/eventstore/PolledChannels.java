package io.berth.eventstore;

import io.berth.events.EnvelopeDeserializer;
import io.berth.events.EventEnvelope;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Channels on a task's way that poll on a thread of their own and apply each batch there (issue 16,
 * ADR 0069): no hand-off from the messaging connector's polling thread to its event loop and on to a
 * {@code @Blocking} worker, three threads waiting for a core in turn on a busy machine, but one
 * thread that polls, runs {@link EventConsumer#consume} and commits the batch's offsets.
 *
 * <p>A channel is configured as {@code berth.polled.<channel>.topic} (its topic, which read your
 * writes waits for like an incoming channel's, ADR 0033) and optionally
 * {@code berth.polled.<channel>.group-id}, the messaging connector's {@code group.id} otherwise, so
 * that a channel moved here from the connector resumes at the offsets its group committed. Records
 * are read from the earliest offset of a new group, and a value that can not be read is null (the
 * skeleton skips it), as the connector's channels are set up.
 *
 * <p>A batch whose handler throws is delivered again: the channel seeks back to the batch's first
 * offsets and polls again after a pause that doubles up to five seconds; the inbox drops what a
 * partial earlier attempt had applied. The offsets of what the handler took are committed every five
 * seconds, as the connector's throttled commits are, and when partitions are revoked and the channel
 * closes; a record taken again after a crash is dropped by the inbox.
 */
@ApplicationScoped
public class PolledChannels {

    private static final Logger LOG = Logger.getLogger(PolledChannels.class);
    static final String PREFIX = "berth.polled.";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    /** As the connector's throttled commits ({@code auto.commit.interval.ms}'s default). */
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(5);

    private final Config config;
    private final ConsumerLag lag;
    private final List<Channel> channels = new CopyOnWriteArrayList<>();

    public PolledChannels(Config config, ConsumerLag lag) {
        this.config = config;
        this.lag = lag;
    }

    /** Starts polling {@code channel}; {@code handler} gets each non-empty batch, on the channel's thread. */
    public void start(String channel, Consumer<ConsumerRecords<String, EventEnvelope>> handler) {
        start(channel, handler, null);
    }

    /**
     * {@link #start(String, Consumer)} with a listener told of the partitions the channel is assigned
     * and loses, on the channel's thread, before the next batch.
     */
    public void start(String channel, Consumer<ConsumerRecords<String, EventEnvelope>> handler,
            ConsumerRebalanceListener listener) {
        String topic = config.getValue(PREFIX + channel + ".topic", String.class);
        String group = config.getOptionalValue(PREFIX + channel + ".group-id", String.class)
                .orElseGet(() -> config.getValue("mp.messaging.connector.smallrye-kafka.group.id", String.class));
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "berth-" + channel);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Channel polled = new Channel(channel, topic, new KafkaConsumer<>(settings, new StringDeserializer(),
                new Lenient(new EnvelopeDeserializer())), handler, listener);
        channels.add(polled);
        polled.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        channels.forEach(Channel::stop);
    }

    /** A value that can not be read is null, for the skeleton to skip, not a poll that fails for ever. */
    private record Lenient(Deserializer<EventEnvelope> inner) implements Deserializer<EventEnvelope> {

        @Override
        public EventEnvelope deserialize(String topic, byte[] data) {
            try {
                return inner.deserialize(topic, data);
            } catch (RuntimeException e) {
                LOG.warnf("A record of %s could not be read and is skipped: %s", topic, e.getMessage());
                return null;
            }
        }
    }

    private final class Channel implements ConsumerRebalanceListener {

        private final String name;
        private final String topic;
        private final KafkaConsumer<String, EventEnvelope> consumer;
        private final Consumer<ConsumerRecords<String, EventEnvelope>> handler;
        private final ConsumerRebalanceListener listener;
        private final Thread thread;
        private volatile boolean running = true;
        private boolean uncommitted;
        private long lastCommit = System.nanoTime();

        Channel(String name, String topic, KafkaConsumer<String, EventEnvelope> consumer,
                Consumer<ConsumerRecords<String, EventEnvelope>> handler, ConsumerRebalanceListener listener) {
            this.name = name;
            this.topic = topic;
            this.consumer = consumer;
            this.handler = handler;
            this.listener = listener;
            this.thread = new Thread(this::run, "berth-polled-" + name);
            thread.setDaemon(true);
        }

        void start() {
            lag.created(consumer);
            thread.start();
        }

        void stop() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            Duration pause = FIRST_PAUSE;
            try {
                consumer.subscribe(List.of(topic), this);
                while (running) {
                    ConsumerRecords<String, EventEnvelope> records = consumer.poll(POLL);
                    if (records.isEmpty()) {
                        commitDue();
                        continue;
                    }
                    // A batch has a request context of its own, as a connector's message has.
                    ManagedContext request = Arc.container().requestContext();
                    request.activate();
                    try {
                        handler.accept(records);
                        pause = FIRST_PAUSE;
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Channel %s failed on a batch of %d records; delivering it again in %s", name,
                                records.count(), pause);
                        records.partitions().forEach(p -> consumer.seek(p, records.records(p).get(0).offset()));
                        Thread.sleep(pause.toMillis());
                        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
                        continue;
                    } finally {
                        request.terminate();
                    }
                    uncommitted = true;
                    commitDue();
                }
            } catch (WakeupException | InterruptedException e) {
                // Stopping.
            } catch (RuntimeException e) {
                LOG.errorf(e, "Channel %s stopped", name);
            } finally {
                try {
                    consumer.commitSync();
                } catch (RuntimeException e) {
                    LOG.debugf("Channel %s: offsets not committed at close: %s", name, e.getMessage());
                }
                lag.created(consumer);
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }

        /**
         * Commits what the handler took, asynchronously, at most every {@link #COMMIT_INTERVAL}: an offset commit is a write of the broker's, and one per batch cost the
         * broker about 3 % of a core in the docker scenario (ADR 0069). A record taken again after a
         * crash is dropped by the inbox, as with the connector's throttled commits.
         */
        private void commitDue() {
            long now = System.nanoTime();
            if (!uncommitted || now - lastCommit < COMMIT_INTERVAL.toNanos()) {
                return;
            }
            lastCommit = now;
            uncommitted = false;
            consumer.commitAsync((offsets, failure) -> {
                if (failure != null) {
                    LOG.debugf("Channel %s: offsets not committed (%s); a later commit covers them", name,
                            failure.getMessage());
                }
            });
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                consumer.commitSync();
            } catch (RuntimeException e) {
                LOG.debugf("Channel %s: offsets not committed on revocation: %s", name, e.getMessage());
            }
            if (listener != null) {
                listener.onPartitionsRevoked(partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (listener != null) {
                listener.onPartitionsAssigned(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (listener != null) {
                listener.onPartitionsLost(partitions);
            }
        }
    }
}
