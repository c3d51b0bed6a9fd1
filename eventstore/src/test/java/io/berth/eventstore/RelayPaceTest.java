package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayPaceTest {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration IDLE = Duration.ofSeconds(1);

    @Test
    void eachEmptyLookInARowDoublesTheWaitFromThePollIntervalUpToTheIdleInterval() {
        RelayPace pace = new RelayPace(POLL, IDLE);

        assertThat(pace.after(true, 0)).isEqualTo(POLL);
        assertThat(pace.after(true, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(pace.after(true, 0)).isEqualTo(IDLE);
        assertThat(pace.after(true, 0)).isEqualTo(IDLE);
    }

    @Test
    void aLookThatPublishedWaitsThePollIntervalAndTheNextEmptyOneStartsOver() {
        RelayPace pace = new RelayPace(POLL, IDLE);
        pace.after(true, 0);
        pace.after(true, 0);
        pace.after(true, 0);

        assertThat(pace.after(true, 3)).isEqualTo(POLL);
        assertThat(pace.after(true, 0)).isEqualTo(POLL);
        assertThat(pace.after(true, 0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aLookThatFoundTheLockTakenWaitsThePollIntervalHoweverLongTheRelayRested() {
        RelayPace pace = new RelayPace(POLL, IDLE);
        pace.after(true, 0);
        pace.after(true, 0);
        pace.after(true, 0);

        assertThat(pace.after(false, 0)).isEqualTo(POLL);
        assertThat(pace.after(false, 0)).isEqualTo(POLL);
        assertThat(pace.after(true, 0)).isEqualTo(POLL);
    }

    @Test
    void anIdleIntervalBelowThePollIntervalKeepsThePollInterval() {
        RelayPace pace = new RelayPace(Duration.ofSeconds(60), IDLE);

        assertThat(pace.after(true, 0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(pace.after(true, 0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aZeroPollIntervalLooksAgainAtOnceAfterRowsAndBacksOffFromAMillisecondWithout() {
        RelayPace pace = new RelayPace(Duration.ZERO, IDLE);

        assertThat(pace.after(true, 1)).isZero();
        assertThat(pace.after(true, 0)).isEqualTo(Duration.ofMillis(1));
        assertThat(pace.after(true, 0)).isEqualTo(Duration.ofMillis(2));
    }
}
