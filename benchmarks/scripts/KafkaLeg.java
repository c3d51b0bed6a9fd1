import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One Kafka leg with raw clients, one record at a time (benchmarks/scripts/kafka-leg.sh runs it).
 *
 * <p>{@code broker <logDir> <port> <controllerPort>} runs the local stack's embedded KRaft broker
 * ({@code io.berth.localstack.KafkaBroker}) in this JVM until it is killed.
 *
 * <p>{@code leg <bootstrap> <records> <gapMs> <rounds> [variant...]} sends {@code records} records,
 * one at a time, with the outbox relay's producer settings and its send-then-flush (or a variant's), and takes each with a
 * plain {@code KafkaConsumer.poll} loop in a group, as the services' consumers are configured (or a
 * variant's); the next record is sent {@code gapMs} after the previous one arrived, so the consumer
 * is idle in its long poll when a record comes, as it is for a lone call. Per record it measures
 * send() → poll() returned it (nanoTime, one JVM), the record's timestamp → the wall clock at that
 * moment in whole milliseconds (the basis of {@code berth_consumer_received_seconds}), and send() →
 * the broker's acknowledgement. Each variant runs on a topic of its own after 50 warm-up records;
 * variants alternate within each round so the machine's drift spreads over all of them.
 */
public final class KafkaLeg {

    /** The outbox relay's producer (eventstore's OutboxRelay) and the services' consumers (SmallRye defaults). */
    static Map<String, Object> relayProducer(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "kafka-leg-relay");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    static Map<String, Object> serviceConsumer(String bootstrap, String group) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // SmallRye's connector commits itself (throttled strategy); the client's auto-commit is off.
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // fetch.max.wait.ms (500) and fetch.min.bytes (1) stay at the client's defaults, as in the services.
        return c;
    }

    /**
     * A variant changes one setting (or, last, all the promising ones) of the baseline. {@code flush}:
     * the relay calls {@code flush()} right after its sends, which makes the batch ready at once
     * whatever {@code linger.ms} says; without it the producer's sender waits out the linger.
     */
    record Variant(String name, Map<String, Object> producer, Map<String, Object> consumer, int handoffs,
            boolean flush) {
    }

    static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

    static {
        add(new Variant("relay (send+flush)", Map.of(), Map.of(), 0, true));
        add(new Variant("fetch.max.wait.ms=100", Map.of(), Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), 0, true));
        add(new Variant("fetch.max.wait.ms=10", Map.of(), Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), 0, true));
        add(new Variant("fetch.min.bytes=0", Map.of(), Map.of(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 0), 0, true));
        add(new Variant("linger.ms=0", Map.of(ProducerConfig.LINGER_MS_CONFIG, 0), Map.of(), 0, true));
        add(new Variant("acks=1", Map.of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false),
                Map.of(), 0, true));
        add(new Variant("acks=1+fetch.max.wait.ms=10",
                Map.of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false),
                Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), 0, true));
        // The connector's shape without the connector: the polling thread hands each batch to one
        // thread (its event loop), which hands it to another (the @Blocking worker).
        add(new Variant("relay+2 thread hand-offs", Map.of(), Map.of(), 2, true));
        // Without the relay's flush the sender waits out linger.ms (1).
        add(new Variant("send without flush (linger 1)", Map.of(), Map.of(), 0, false));
        add(new Variant("send without flush, linger.ms=0", Map.of(ProducerConfig.LINGER_MS_CONFIG, 0), Map.of(), 0,
                false));
    }

    static void add(Variant v) {
        VARIANTS.put(v.name(), v);
    }

    /** What the taking thread saw of one record. */
    record Taken(long sentNanos, long takenNanos, long recordTimestamp, long takenMillis) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("broker")) {
            var broker = io.berth.localstack.KafkaBroker.start(java.nio.file.Path.of(args[1]),
                    Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            System.out.println("broker ready " + broker.bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
            Thread.currentThread().join();
            return;
        }
        if (args.length < 5 || !args[0].equals("leg")) {
            System.err.println("usage: KafkaLeg broker <logDir> <port> <controllerPort>\n"
                    + "       KafkaLeg leg <bootstrap> <records> <gapMs> <rounds> [variant...]\n"
                    + "variants: " + VARIANTS.keySet());
            System.exit(2);
        }
        String bootstrap = args[1];
        int records = Integer.parseInt(args[2]);
        int gapMs = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        List<Variant> chosen = new ArrayList<>();
        for (String name : args.length > 5 ? Arrays.copyOfRange(args, 5, args.length)
                : VARIANTS.keySet().toArray(String[]::new)) {
            Variant v = VARIANTS.get(name);
            if (v == null) {
                throw new IllegalArgumentException("unknown variant " + name + "; known: " + VARIANTS.keySet());
            }
            chosen.add(v);
        }
        System.out.printf("records=%d gapMs=%d rounds=%d bootstrap=%s%n", records, gapMs, rounds, bootstrap);
        System.out.printf("%-42s %5s %8s %8s %8s %8s %8s %9s %8s%n", "variant", "round", "p50 ms", "p90 ms",
                "p99 ms", "mean ms", "max ms", "ts-mean", "ack p50");
        Map<String, List<double[]>> perVariant = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Variant v : chosen) {
                double[] s = run(bootstrap, v, records, gapMs, round);
                perVariant.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(s);
                System.out.printf("%-42s %5d %8.3f %8.3f %8.3f %8.3f %8.3f %9.3f %8.3f%n", v.name(), round, s[0], s[1],
                        s[2], s[3], s[4], s[5], s[6]);
            }
        }
        System.out.println();
        System.out.println("median of the rounds");
        for (var e : perVariant.entrySet()) {
            double[] m = new double[7];
            for (int i = 0; i < m.length; i++) {
                final int col = i;
                m[i] = median(e.getValue().stream().mapToDouble(s -> s[col]).toArray());
            }
            System.out.printf("%-42s %5s %8.3f %8.3f %8.3f %8.3f %8.3f %9.3f %8.3f%n", e.getKey(), "med", m[0], m[1],
                    m[2], m[3], m[4], m[5], m[6]);
        }
    }

    /** p50, p90, p99, mean, max of send → taken (ms); mean of timestamp → taken (ms, whole); p50 of send → ack. */
    static double[] run(String bootstrap, Variant v, int records, int gapMs, int round) throws Exception {
        String topic = "kafka-leg-" + v.name().replaceAll("[^A-Za-z0-9]", "-") + "-" + round + "-" + System.nanoTime();
        io.berth.localstack.KafkaBroker.createTopics(bootstrap, Set.of(topic), 1);
        Map<String, Object> pc = relayProducer(bootstrap);
        pc.putAll(v.producer());
        Map<String, Object> cc = serviceConsumer(bootstrap, "kafka-leg-" + topic);
        cc.putAll(v.consumer());
        BlockingQueue<Taken> taken = new ArrayBlockingQueue<>(16);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService loop = Executors.newSingleThreadExecutor();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pc);
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cc)) {
            consumer.subscribe(List.of(topic));
            Thread poller = new Thread(() -> {
                while (running.get()) {
                    ConsumerRecords<byte[], byte[]> batch;
                    try {
                        // SmallRye's connector polls with its poll-timeout, 1000 ms by default.
                        batch = consumer.poll(Duration.ofMillis(1000));
                    } catch (org.apache.kafka.common.errors.WakeupException stop) {
                        return;
                    }
                    long now = System.nanoTime();
                    long nowMillis = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        long sent = java.nio.ByteBuffer.wrap(r.value()).getLong();
                        if (v.handoffs() == 0) {
                            taken.add(new Taken(sent, now, r.timestamp(), nowMillis));
                        } else {
                            loop.execute(() -> worker.execute(() -> taken.add(
                                    new Taken(sent, System.nanoTime(), r.timestamp(), System.currentTimeMillis()))));
                        }
                    }
                }
            }, "kafka-leg-poller");
            poller.start();
            int warmup = 50;
            double[] latency = new double[records];
            double[] ack = new double[records];
            long tsSum = 0;
            for (int i = -warmup; i < records; i++) {
                long sent = System.nanoTime();
                byte[] value = java.nio.ByteBuffer.allocate(256).putLong(sent).array();
                var future = producer.send(new ProducerRecord<>(topic, ("k" + i).getBytes(), value));
                if (v.flush()) {
                    producer.flush();
                }
                Taken t = taken.poll(30, TimeUnit.SECONDS);
                if (t == null) {
                    throw new IllegalStateException(v.name() + ": record " + i + " did not arrive in 30 s");
                }
                long acked = future.get(30, TimeUnit.SECONDS).offset() >= 0 ? System.nanoTime() : sent;
                if (i >= 0) {
                    latency[i] = (t.takenNanos() - t.sentNanos()) / 1e6;
                    ack[i] = (acked - sent) / 1e6;
                    tsSum += t.takenMillis() - t.recordTimestamp();
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(gapMs));
            }
            running.set(false);
            consumer.wakeup();
            poller.join(5000);
            double mean = Arrays.stream(latency).average().orElse(Double.NaN);
            double[] sorted = latency.clone();
            Arrays.sort(sorted);
            double[] ackSorted = ack.clone();
            Arrays.sort(ackSorted);
            return new double[] {pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), mean, sorted[sorted.length - 1],
                (double) tsSum / records, pct(ackSorted, 50)};
        } finally {
            loop.shutdownNow();
            worker.shutdownNow();
        }
    }

    static double pct(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
