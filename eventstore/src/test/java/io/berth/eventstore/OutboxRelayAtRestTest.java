package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background relay at rest (ADR 0083): it looks at the outbox less often while it finds nothing, yet still
 * finds the rows no wake-up announces. Each test runs a relay of its own with the pace it needs (the application's
 * relay is off in these tests) against the real database and broker; what the relay did is read from its looks
 * meter and from the topic, never from a clock.
 */
@QuarkusTest
class OutboxRelayAtRestTest {

    /** Every wait of this class, generous on a loaded machine and far below the backed-off waits it rules out. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;
    @Inject
    DataSource dataSource;
    @Inject
    OutboxConfig config;
    @Inject
    OutboxSignal signal;
    @Inject
    Outbox outbox;
    @Inject
    OutboxMetrics metrics;
    @Inject
    MeterRegistry registry;
    @Inject
    TransactionSynchronizationRegistry transactions;

    private OutboxRelay running;

    @AfterEach
    void stopRelay() throws InterruptedException {
        if (running != null) {
            running.stop(null);
        }
    }

    @Test
    void aRelayThatFindsThePublishingLockTakenLooksAgainAtThePollIntervalUntilItPublishes() throws Exception {
        // An idle interval no wait of this test reaches: a relay that backed off while the lock was taken would
        // look for the ninth time a minute after the commit (0.25 s, doubled at each look), past the wait.
        start(Duration.ofMillis(250), Duration.ofMinutes(10));
        await().atMost(WAIT).until(() -> running.pending() == 0);
        String arn = Fixtures.newClusterArn();
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CLUSTER_EVENTS); Connection otherRelay = dataSource.getConnection()) {
            otherRelay.setAutoCommit(false);
            assertThat(OutboxRelay.PUBLISHER.tryForTransaction(otherRelay)).isTrue();
            double looked = looks();

            QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                    List.of(Fixtures.created(arn)), Fixtures.CONTEXT));
            await().atMost(WAIT).until(() -> looks() >= looked + 9);
            assertThat(probe.poll(e -> arn.equals(e.aggregateId()))).isEmpty();
            otherRelay.rollback();

            List<EventEnvelope> delivered = await().atMost(WAIT)
                    .until(() -> probe.poll(e -> arn.equals(e.aggregateId())), d -> !d.isEmpty());
            assertThat(delivered).extracting(EventEnvelope::type).containsExactly("ClusterCreated");
        }
    }

    @Test
    void rowsOfAnotherInstanceAreFoundWithinTheIdleIntervalHoweverLongTheRelayRested() {
        // Ten empty looks in a row take about 6.6 s at this pace; uncapped, the tenth would come after 51 s.
        start(Duration.ofMillis(50), Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> running.pending() == 0);
        double looked = looks();
        await().atMost(WAIT).until(() -> looks() >= looked + 10);
        // Another instance of the service: its commits wake its own relay, none here.
        EventStore otherInstance = new EventStore(dataSource,
                new Outbox(dataSource, transactions, new OutboxSignal(), outbox.writer()));
        String arn = Fixtures.newClusterArn();
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CLUSTER_EVENTS)) {
            QuarkusTransaction.requiringNew().run(() -> otherInstance.append(Fixtures.stream(arn), 0,
                    List.of(Fixtures.created(arn)), Fixtures.CONTEXT));

            List<EventEnvelope> delivered = await().atMost(WAIT)
                    .until(() -> probe.poll(e -> arn.equals(e.aggregateId())), d -> !d.isEmpty());
            assertThat(delivered).extracting(EventEnvelope::type).containsExactly("ClusterCreated");
        }
    }

    private double looks() {
        return registry.get(OutboxMetrics.LOOKS).counter().count();
    }

    private void start(Duration poll, Duration idle) {
        OutboxConfig paced = FixedOutboxConfig.of(config).relaying(true).paced(poll, idle);
        running = new OutboxRelay(dataSource, paced, signal, outbox, SharedInfrastructure.get().kafkaBootstrapServers(),
                metrics);
        running.start(null);
    }
}
