package io.berth.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft combined mode, running inside this JVM. The log
 * directory is formatted once and kept, so a broker started again on the same directory finds
 * its topics and offsets.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker listening on {@code port}, with its controller on {@code controllerPort}. */
    public static KafkaBroker start(Path logDir, int port, int controllerPort) {
        try {
            Files.createDirectories(logDir);
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", logDir.toAbsolutePath().toString());
            props.put("num.partitions", "1");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "4");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "4");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "true");
            props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
            // The controller's no-op records (by default two a second, each appended and flushed to the metadata log)
            // let other nodes see that a quiet controller is alive; this one is its own only broker and voter, and
            // at rest they were most of what its raft and controller threads did (issue 21, ADR 0082).
            props.put("metadata.max.idle.interval.ms", "0");

            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir, props);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new KafkaBroker(server, bootstrapOf(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(Path logDir, Properties props) throws IOException {
        Path config = Files.createTempFile("berth-kraft", ".properties");
        try {
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "Berth KRaft broker");
            }
            String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
            int exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()},
                    new PrintStream(PrintStream.nullOutputStream()));
            if (exit != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory " + logDir + " failed: " + exit);
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where the clients of a broker {@link #start}ed on {@code port} reach it, known before it runs. */
    public static String bootstrapOf(int port) {
        return "localhost:" + port;
    }

    /**
     * Whether the broker's log directory, formatted, already holds every one of {@code topics}: the single broker
     * keeps a directory {@code <topic>-<partition>} for each partition of a topic it has taken on (a deleted topic's
     * are renamed {@code …-delete}), so partition 0's says the topic exists, with the partitions it was created with.
     */
    public static boolean holdsTopics(Path logDir, Set<String> topics) {
        return Files.isRegularFile(logDir.resolve("meta.properties"))
                && topics.stream().allMatch(topic -> Files.isDirectory(logDir.resolve(topic + "-0")));
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions. */
    public static void createTopics(String bootstrapServers, Set<String> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Creating topics failed: " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /** Every topic of the Berth event contract. */
    public static Set<String> berthTopics() {
        return java.util.Arrays.stream(io.berth.events.Topic.values())
                .map(io.berth.events.Topic::topicName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
