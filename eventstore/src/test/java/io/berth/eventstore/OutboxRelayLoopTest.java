package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The background relay as services run it: a commit wakes it and the event is on Kafka shortly after. */
@QuarkusTest
@TestProfile(OutboxRelayLoopTest.RelayRunning.class)
class OutboxRelayLoopTest {

    public static class RelayRunning implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A poll interval far longer than the wait below: only the commit's wake-up can meet it.
            return Map.of("berth.outbox.relay-enabled", "true", "berth.outbox.poll-interval", "60S");
        }
    }

    @Inject
    EventStore store;
    @Inject
    OutboxRelay relay;

    @Test
    void aCommitWakesTheRelayWhichPublishesWithoutBeingAsked() {
        String arn = Fixtures.newClusterArn();
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CLUSTER_EVENTS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.pending() == 0);

            QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                    List.of(Fixtures.created(arn)), Fixtures.CONTEXT));

            List<EventEnvelope> delivered = await().atMost(Duration.ofSeconds(15))
                    .until(() -> probe.poll(e -> arn.equals(e.aggregateId())), d -> !d.isEmpty());
            assertThat(delivered).extracting(EventEnvelope::type).containsExactly("ClusterCreated");
            await().atMost(Duration.ofSeconds(5)).until(() -> relay.pending() == 0);
        }
    }
}
