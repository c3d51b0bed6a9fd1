package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's broker as it runs, asked over its own admin protocol. */
class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void theOnlyControllerWritesNoNoOpRecordsAtRest() throws Exception {
        // A no-op record every 500 ms is Kafka's default: appended and flushed to the metadata log whether or not
        // anything changed (ADR 0082).
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), freePort(), freePort());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers()))) {
            ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(List.of(node)).all().get().get(node);

            assertThat(config.get("metadata.max.idle.interval.ms").value()).isEqualTo("0");
        }
    }

    @Test
    void theServicesStartBesideTheBrokerOnlyOnceItsLogHoldsEveryTopic() throws Exception {
        // ADR 0088: before the launcher has created the topics, a service's consumer could have the broker
        // auto-create one with a single partition; on a log that holds them all, the services may start first.
        Path log = dir.resolve("kafka");
        Set<String> topics = KafkaBroker.berthTopics();
        assertThat(BerthLocalStack.servicesStartBesideTheBroker(null, log)).as("no log yet").isFalse();

        try (KafkaBroker broker = KafkaBroker.start(log, freePort(), freePort())) {
            assertThat(BerthLocalStack.servicesStartBesideTheBroker(null, log)).as("formatted, no topic").isFalse();

            KafkaBroker.createTopics(broker.bootstrapServers(), topics, 12);

            await().atMost(Duration.ofSeconds(30)).until(() -> KafkaBroker.holdsTopics(log, topics));
        }
        assertThat(BerthLocalStack.servicesStartBesideTheBroker(null, log)).as("a restart").isTrue();
        assertThat(BerthLocalStack.servicesStartBesideTheBroker("localhost:19092", log)).as("an external broker")
                .isFalse();
        Set<String> andANewOne = new TreeSet<>(topics);
        andANewOne.add("berth.not-created-yet");
        assertThat(KafkaBroker.holdsTopics(log, andANewOne)).as("a topic added since").isFalse();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
