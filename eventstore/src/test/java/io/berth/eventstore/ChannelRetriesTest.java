package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop alone, with waits of a millisecond; the real path is each service's consumer tests. */
class ChannelRetriesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ChannelRetries retries = new ChannelRetries(registry,
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aBatchThatFailsIsRunAgainUntilItIsAppliedAndEachFailureIsCounted() {
        AtomicInteger attempts = new AtomicInteger();

        retries.untilApplied("test-consumer", () -> {
            if (attempts.incrementAndGet() < 4) {
                throw new PositionsNotAppliedException(
                        java.util.List.of(new Position("cluster-events", "w", "k", 1)), Duration.ofSeconds(5));
            }
        });

        assertThat(attempts).hasValue(4);
        assertThat(retried("test-consumer")).isEqualTo(3);
    }

    @Test
    void aBatchAppliedAtOnceIsRunOnceAndCountsNothing() {
        AtomicInteger attempts = new AtomicInteger();

        retries.untilApplied("quiet-consumer", attempts::incrementAndGet);

        assertThat(attempts).hasValue(1);
        assertThat(registry.find(ChannelRetries.RETRIES).tag("consumer", "quiet-consumer").counter()).isNull();
    }

    @Test
    void aStoppingApplicationGivesUpWithTheLastFailure() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException lost = new IllegalStateException("connection lost");

        assertThatThrownBy(() -> retries.untilApplied("stopping-consumer", () -> {
            if (attempts.incrementAndGet() == 3) {
                retries.stop(null);
            }
            throw lost;
        })).isSameAs(lost);

        assertThat(attempts).hasValue(3);
        assertThat(retried("stopping-consumer")).isEqualTo(3);
    }

    @Test
    void anInterruptedThreadGivesUpAndKeepsItsInterrupt() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retries.untilApplied("interrupted-consumer", () -> {
            attempts.incrementAndGet();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("lock timeout");
        })).hasMessage("lock timeout");

        assertThat(attempts).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    private double retried(String consumer) {
        Counter counter = registry.find(ChannelRetries.RETRIES).tag("consumer", consumer).counter();
        return counter == null ? 0 : counter.count();
    }
}
