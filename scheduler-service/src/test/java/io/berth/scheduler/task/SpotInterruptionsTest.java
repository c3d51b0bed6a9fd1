package io.berth.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpotInterruptionsTest {

    private static final List<Integer> TASKS = IntStream.range(0, 10_000).boxed().toList();

    @Test
    void aRateOfZeroInterruptsNothingAndOneEverything() {
        assertThat(SpotInterruptions.drawn(TASKS, 0, new Random(7))).isEmpty();
        assertThat(SpotInterruptions.drawn(TASKS, 1, new Random(7))).isEqualTo(TASKS);
    }

    @Test
    void eachTaskIsDrawnOnItsOwnAtTheRateAndTheSameSeedDrawsTheSameTasks() {
        List<Integer> drawn = SpotInterruptions.drawn(TASKS, 0.25, new Random(42));

        assertThat(drawn.size()).isBetween(2_350, 2_650);
        assertThat(TASKS).containsSubsequence(drawn);
        assertThat(SpotInterruptions.drawn(TASKS, 0.25, new Random(42))).isEqualTo(drawn);
        assertThat(SpotInterruptions.drawn(TASKS, 0.25, new Random(43))).isNotEqualTo(drawn);
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> SpotInterruptions.checkRate(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spot-interruption-rate");
        assertThatThrownBy(() -> SpotInterruptions.checkRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpotInterruptions.checkRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
