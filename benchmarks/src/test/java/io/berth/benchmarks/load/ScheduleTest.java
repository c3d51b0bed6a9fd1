package io.berth.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void requestsAreEvenlySpacedFromTheStartWithoutDrift() {
        Schedule schedule = new Schedule(3, Duration.ZERO, Duration.ofSeconds(1000));

        assertThat(LongStream.range(0, 4).map(schedule::offsetNanos))
                .containsExactly(0L, 333_333_333L, 666_666_667L, 1_000_000_000L);
        assertThat(schedule.offsetNanos(2999)).isEqualTo(999_666_666_667L);
    }

    @Test
    void theWarmupComesFirstAndBothPhasesHoldRateTimesDurationRequests() {
        Schedule schedule = new Schedule(10, Duration.ofMillis(500), Duration.ofSeconds(2));

        assertThat(schedule.warmupCount()).isEqualTo(5);
        assertThat(schedule.count()).isEqualTo(25);
        assertThat(schedule.isWarmup(4)).isTrue();
        assertThat(schedule.isWarmup(5)).isFalse();
        assertThat(schedule.offsetNanos(5)).isEqualTo(Duration.ofMillis(500).toNanos());
    }

    @Test
    void ratesBelowOnePerSecondSpaceRequestsSecondsApart() {
        Schedule schedule = new Schedule(0.5, Duration.ZERO, Duration.ofSeconds(10));

        assertThat(schedule.count()).isEqualTo(5);
        assertThat(schedule.offsetNanos(4)).isEqualTo(Duration.ofSeconds(8).toNanos());
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> new Schedule(0, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> new Schedule(Double.NaN, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> new Schedule(1, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessageContaining("warm-up");
        assertThatThrownBy(() -> new Schedule(1, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("measured");
    }
}
