package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
