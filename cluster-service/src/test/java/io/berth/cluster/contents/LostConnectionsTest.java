package io.berth.cluster.contents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.Topics;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TestPublisher;
import io.berth.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a PostgreSQL restart does to a running service, through the real database and broker: every
 * connection the service holds is ended by the server at once ({@code pg_terminate_backend}, as a
 * restart or a fail-over ends them). The pool's PostgreSQL exception sorter (Quarkus' default for the
 * driver) throws a connection away once it failed that way, the consumer channel applies its batch
 * again until it is applied (ADR 0070), and the outbox relay reads its rows again after its back-off:
 * afterwards the API writes, the relay publishes and the channel applies, with nothing restarted. A call that borrows one of the dead connections before that fails once (a
 * 500, which the gateway answers as a retryable {@code ServerException}), hence the waits that call again.
 */
@QuarkusTest
class LostConnectionsTest {

    /** Idle connections in the pool when the server ends them: the next calls borrow dead ones. */
    static final int POOLED = 4;

    @Inject
    AgroalDataSource dataSource;

    EcsCalls ecs = EcsCalls.newAccount();
    TestPublisher publisher = new TestPublisher();

    /**
     * The pool may still hold dead connections nobody borrowed since: they go now, so that the test classes after
     * this one in the same JVM do not meet them (each would fail one call, as the class comment says a client may).
     */
    @AfterEach
    void close() {
        publisher.close();
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    @Test
    void afterTheServerEndedEveryConnectionTheServiceWritesPublishesAndAppliesAgain() throws Exception {
        ecs.ok("CreateCluster", "{\"clusterName\":\"before-loss\"}");
        fillThePool(POOLED);

        assertThat(endEveryOtherConnection()).as("connections the server ended").isGreaterThanOrEqualTo(POOLED - 1);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> ecs.call("CreateCluster", "{\"clusterName\":\"after-loss\"}").extract().statusCode() == 200);
        String cluster = ecs.arn("cluster/after-loss");
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CLUSTER_EVENTS)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !probe.poll(e -> e.aggregateId().equals(cluster)).isEmpty());
        }

        publisher.publish(created(cluster, "web"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> activeServices("after-loss") == 1);
    }

    /** Borrows {@code count} connections at once and gives them back: the pool then holds that many idle ones. */
    private void fillThePool(int count) throws Exception {
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                borrowed.add(dataSource.getConnection());
            }
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
    }

    /** Ends every session of this service's database but the one asking, as a restart of the server would. */
    private int endEveryOtherConnection() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet ended = s.executeQuery("select count(*) filter (where pg_terminate_backend(pid))"
                        + " from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
            ended.next();
            return ended.getInt(1);
        }
    }

    private EventEnvelope created(String cluster, String name) {
        String service = ecs.arn("service/after-loss/" + name);
        return TestPublisher.envelope("service", service, 1, ecs.account(),
                new ServiceCreated(cluster, service, name, null, 1, "REPLICA", "EC2", null, List.of(), List.of()));
    }

    private int activeServices(String cluster) {
        return ecs.ok("DescribeClusters", "{\"clusters\":[\"" + cluster + "\"]}").extract().jsonPath()
                .getInt("clusters[0].activeServicesCount");
    }
}
