package io.berth.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test application at the shared broker and database. Declare it once per test
 * module, unrestricted, so every {@code @QuarkusTest} of the module shares one application start.
 */
public class KafkaAndPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SharedInfrastructure infra = SharedInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
                "quarkus.datasource.username", infra.dbUser(),
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // Shared with the other test classes of this JVM; stopped by a shutdown hook.
    }
}
