package io.berth.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** The shared database, but a broker address where nothing listens. */
public class BrokerUnreachableProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        SharedInfrastructure infra = SharedInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", "localhost:" + closedPort(),
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
                "quarkus.datasource.username", infra.dbUser(),
                "quarkus.datasource.password", "");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
