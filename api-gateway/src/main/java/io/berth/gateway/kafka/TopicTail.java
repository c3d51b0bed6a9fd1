package io.berth.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows topics from their end, on a thread of its own, without a consumer group: every partition
 * is assigned, so each gateway replica sees every event committed after it started reading. After
 * a failure it reconnects and reads on from the end. The sink runs on the reading thread.
 */
public final class TopicTail {

    private static final Logger LOG = Logger.getLogger(TopicTail.class);

    /**
     * How long an idle tail waits for a record, in the broker (the fetch) and here (the poll), before asking again:
     * 0.5 s, the client's default fetch wait, as before ADR 0082. Session 23 set it back with the channels' waits;
     * what held the channels' first records was the connector's commit strategy, whose offset lookup waited behind
     * the poll (ADR 0087). This plain consumer queues nothing behind its poll, so a longer wait would likely cost
     * nothing here either, but that is not measured.
     */
    static final Duration IDLE_WAIT = Duration.ofMillis(500);

    private final String name;
    private final String bootstrapServers;
    private final List<String> topics;
    private final Consumer<ConsumerRecord<String, byte[]>> sink;
    private final CountDownLatch reading = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    private TopicTail(String name, String bootstrapServers, List<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> sink) {
        this.name = name;
        this.bootstrapServers = bootstrapServers;
        this.topics = List.copyOf(topics);
        this.sink = sink;
    }

    /**
     * A tail that hands on the records unparsed, headers and bytes as the broker holds them, so
     * that its reader parses only what it wants.
     */
    public static TopicTail ofRecords(String name, String bootstrapServers, List<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> sink) {
        return new TopicTail(name, bootstrapServers, topics, sink);
    }

    public void start() {
        Thread reader = new Thread(this::read, name);
        reader.setDaemon(true);
        reader.start();
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Waits until the topics are being read: nothing committed after that is missed. */
    public boolean awaitReading(Duration atMost) throws InterruptedException {
        return reading.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) IDLE_WAIT.toMillis()),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    c.partitionsFor(topic, Duration.ofSeconds(10))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                c.assign(partitions);
                c.seekToEnd(partitions);
                partitions.forEach(c::position);
                reading.countDown();
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(IDLE_WAIT)) {
                        if (record.value() != null) {
                            sink.accept(record);
                        }
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("Reading %s for %s failed, reconnecting: %s", topics, name, e.getMessage());
                }
            }
        }
    }
}
