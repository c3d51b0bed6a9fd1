package io.berth.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.ecs.Caller;
import io.berth.eventstore.Position;
import io.berth.eventstore.ReadYourWritesConfig;
import io.berth.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the gateway passes on for a caller: the latest of each stream, its own only, for a while. */
class PendingPositionsTest {

    private static final Caller ALICE = new Caller("111111111111", "eu-west-1");
    private static final Caller BOB = new Caller("222222222222", "eu-west-1");

    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T06:00:00Z"));
    private final PendingPositions pending = new PendingPositions(config(Duration.ofSeconds(30)), clock);

    private static Position at(String key, long position) {
        return new Position("berth.cluster.events", "cluster-service", key, position);
    }

    @Test
    void aCallerSeesTheLatestPositionOfEachStreamItWroteAndNoOneElses() {
        pending.written(ALICE, List.of(at("a", 5), at("b", 1)));
        pending.written(ALICE, List.of(at("a", 3)));
        pending.written(ALICE, List.of(at("b", 2)));

        assertThat(pending.of(ALICE)).containsExactlyInAnyOrder(at("a", 5), at("b", 2));
        assertThat(pending.of(BOB)).isEmpty();
    }

    @Test
    void positionsAreForgottenOnceTheyHaveBeenPendingForTheConfiguredTime() {
        pending.written(ALICE, List.of(at("a", 1)));
        clock.advance(Duration.ofSeconds(20));
        pending.written(ALICE, List.of(at("b", 1)));
        clock.advance(Duration.ofSeconds(11));

        assertThat(pending.of(ALICE)).containsExactly(at("b", 1));
    }

    @Test
    void aCallerWritingToManyStreamsKeepsTheNewest() {
        IntStream.range(0, PendingPositions.MAX_STREAMS + 5).forEach(i -> pending.written(ALICE, List.of(at("k" + i, 1))));

        assertThat(pending.of(ALICE)).hasSize(PendingPositions.MAX_STREAMS).contains(at("k" + (PendingPositions.MAX_STREAMS + 4), 1))
                .doesNotContain(at("k0", 1));
    }

    /** Read your writes' settings with positions passed on for {@code pendingFor}; the others their defaults. */
    static ReadYourWritesConfig config(Duration pendingFor) {
        return new ReadYourWritesConfig() {
            @Override
            public Duration maxWait() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration pendingFor() {
                return pendingFor;
            }

            @Override
            public Optional<Set<String>> unawaitedChannels() {
                return Optional.empty();
            }
        };
    }
}
