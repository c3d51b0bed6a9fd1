package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.testsupport.AdvisoryLockHolders;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Elections between holders on their own connections to the real database, as replicas hold them. */
@QuarkusTest
class LeaderElectionTest {

    @Inject
    LeaderElections elections;
    @Inject
    DataSource dataSource;

    static String work() {
        return "test.election." + UUID.randomUUID();
    }

    @Test
    void ofTwoHoldersOnlyOneLeadsAndKeepsTheLead() {
        String work = work();
        try (LeaderElection first = elections.of(work); LeaderElection second = elections.of(work)) {
            assertThat(first.leads()).isTrue();
            assertThat(second.leads()).isFalse();
            assertThat(first.leads()).isTrue();
            assertThat(second.leads()).isFalse();
        }
    }

    @Test
    void whenTheLeadersConnectionEndsTheOtherLeadsAndTheFormerLeaderNoLonger() {
        String work = work();
        try (LeaderElection first = elections.of(work); LeaderElection second = elections.of(work)) {
            assertThat(first.leads()).isTrue();
            assertThat(second.leads()).isFalse();

            assertThat(AdvisoryLockHolders.terminate(dataSource, work)).isEqualTo(1);

            // The database releases the lock once the ended session's backend has exited.
            await().atMost(Duration.ofSeconds(10)).until(second::leads);
            assertThat(first.leads()).isFalse();
            assertThat(second.leads()).isTrue();
        }
    }

    @Test
    void closingGivesTheLeadUpAtOnce() {
        String work = work();
        try (LeaderElection second = elections.of(work)) {
            LeaderElection first = elections.of(work);
            assertThat(first.leads()).isTrue();
            assertThat(second.leads()).isFalse();

            first.close();

            assertThat(second.leads()).isTrue();
        }
    }

    @Test
    void electionsForDifferentWorkDoNotExcludeEachOther() {
        try (LeaderElection relay = elections.of(work()); LeaderElection converger = elections.of(work())) {
            assertThat(relay.leads()).isTrue();
            assertThat(converger.leads()).isTrue();
        }
    }
}
