package io.berth.eventstore;

import static org.awaitility.Awaitility.await;

import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.Shapes.KeyValue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Test data: every test works on clusters of its own, so tests share the database safely. */
final class Fixtures {

    static final EventContext CONTEXT = EventContext.of("000000000000", "us-east-1", UUID.randomUUID());

    private Fixtures() {
    }

    /** Plays the relay until the outbox is empty (the tests' relay does not run by itself). */
    static void drain(OutboxRelay relay) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            QuarkusTransaction.requiringNew().call(relay::publishBatch);
            return relay.pending() == 0;
        });
    }

    static String newClusterArn() {
        return "arn:aws:ecs:us-east-1:000000000000:cluster/test-" + UUID.randomUUID();
    }

    static StreamId stream(String clusterArn) {
        return new StreamId("cluster", clusterArn);
    }

    static ClusterCreated created(String clusterArn) {
        return new ClusterCreated(clusterArn, clusterArn.substring(clusterArn.lastIndexOf('/') + 1),
                List.of(new KeyValue("containerInsights", "disabled")), List.of(), List.of(), List.of(), null, null);
    }

    /** Runs one statement of the tests' own (rows a test sets up or removes), its parameters bound in order. */
    static void update(DataSource dataSource, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
