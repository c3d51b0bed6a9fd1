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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The background relay as services run it: a commit wakes it and the event is on Kafka shortly after. */
@QuarkusTest
@TestProfile(OutboxRelayLoopTest.RelayRunning.class)
class OutboxRelayLoopTest {

    public static class RelayRunning implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A poll interval twice the longest wait below: only the commit's wake-up can meet it.
            return Map.of("berth.outbox.relay-enabled", "true", "berth.outbox.poll-interval", "60S");
        }
    }

    /**
     * Every wait of this class: generous on a loaded machine (a full verify on two shared cores, where 5 s for a
     * batch's commit after its publish was a bet), and still half the poll interval, so only a wake-up meets it.
     */
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;
    @Inject
    OutboxRelay relay;

    @Test
    void aCommitWakesTheRelayWhichPublishesWithoutBeingAsked() {
        String arn = Fixtures.newClusterArn();
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CLUSTER_EVENTS)) {
            await().atMost(WAIT).until(() -> relay.pending() == 0);

            QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                    List.of(Fixtures.created(arn)), Fixtures.CONTEXT));

            List<EventEnvelope> delivered = await().atMost(WAIT)
                    .until(() -> probe.poll(e -> arn.equals(e.aggregateId())), d -> !d.isEmpty());
            assertThat(delivered).extracting(EventEnvelope::type).containsExactly("ClusterCreated");
            await().atMost(WAIT).until(() -> relay.pending() == 0);
        }
    }

    @Test
    void commitsThatArriveWhileTheRelayPublishesAreSentInTheNextBatchWithoutWaitingForThePoll() throws Exception {
        List<String> arns = IntStream.range(0, 40).mapToObj(i -> Fixtures.newClusterArn()).toList();
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CLUSTER_EVENTS)) {
            await().atMost(WAIT).until(() -> relay.pending() == 0);

            // Four writers commit one after the other as fast as they can, so most commits land while
            // the relay is busy with an earlier batch; only its wake-ups can publish them within the wait.
            ExecutorService writers = Executors.newFixedThreadPool(4);
            try {
                for (String arn : arns) {
                    writers.submit(() -> QuarkusTransaction.requiringNew().run(() -> store.append(
                            Fixtures.stream(arn), 0, List.of(Fixtures.created(arn)), Fixtures.CONTEXT)));
                }
            } finally {
                writers.shutdown();
            }
            assertThat(writers.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

            Set<String> seen = new HashSet<>();
            await().atMost(WAIT).until(() -> {
                probe.poll(e -> arns.contains(e.aggregateId())).forEach(e -> seen.add(e.aggregateId()));
                return seen.size() == arns.size();
            });
            // Marked too, though the mark's commit does not wait for its flush.
            await().atMost(WAIT).until(() -> relay.pending() == 0);
        }
    }
}
