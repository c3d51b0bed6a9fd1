package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theWaitDoublesFromTheFirstUpToTheCap() {
        Backoff backoff = Backoff.CHANNEL;

        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(1_000_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aCapBelowTheFirstWaitOrAWaitBeforeAFailureIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.CHANNEL.after(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCapEqualToTheFirstWaitKeepsItConstant() {
        Backoff constant = new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(60));

        assertThat(constant.after(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(constant.after(40)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void fromAnIntervalAZeroIntervalStartsAtOneMillisecondAndALowCapIsRaisedToTheInterval() {
        assertThat(Backoff.from(Duration.ZERO, Duration.ofSeconds(5)))
                .isEqualTo(new Backoff(Duration.ofMillis(1), Duration.ofSeconds(5)));
        assertThat(Backoff.from(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isEqualTo(new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)));
        assertThat(Backoff.from(Duration.ofMillis(250), Duration.ofSeconds(5)))
                .isEqualTo(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5)));
    }
}
