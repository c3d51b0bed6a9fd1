package io.berth.scaling.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.scaling.managed.MetricAlarm.Comparison;
import io.berth.scaling.managed.MetricAlarm.State;
import io.berth.scaling.managed.MetricAlarm.Value;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricAlarmTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private final MetricAlarm high = new MetricAlarm("AlarmHigh", Comparison.GREATER_THAN, 1, Duration.ofMinutes(1));
    private final MetricAlarm low = new MetricAlarm("AlarmLow", Comparison.LESS_THAN, 15, Duration.ofMinutes(1));

    @Test
    void theFirstBreachOpensADatapointWithoutCompletingIt() {
        State first = high.evaluate(State.INITIAL, 200, 100, T0);
        assertThat(first).isEqualTo(new State(Value.OK, T0));
        assertThat(high.evaluate(first, 150, 100, T0.plusSeconds(59)).value()).isEqualTo(Value.OK);
        assertThat(high.evaluate(first, 150, 100, T0.plusSeconds(60))).isEqualTo(new State(Value.ALARM, T0));
    }

    @Test
    void aReadingOnTheTargetsSideEndsTheBreach() {
        State alarm = new State(Value.ALARM, T0);
        assertThat(high.evaluate(alarm, 100, 100, T0.plusSeconds(120))).isEqualTo(new State(Value.OK, null));
        assertThat(low.evaluate(alarm, 100, 100, T0.plusSeconds(120))).isEqualTo(new State(Value.OK, null));
    }

    @Test
    void fifteenDatapointsAreFifteenPeriods() {
        State state = State.INITIAL;
        for (int minute = 0; minute < 15; minute++) {
            state = low.evaluate(state, 50, 100, T0.plusSeconds(60L * minute));
            assertThat(state.value()).as("minute %d", minute).isEqualTo(Value.OK);
        }
        assertThat(low.evaluate(state, 50, 100, T0.plusSeconds(900))).isEqualTo(new State(Value.ALARM, T0));
    }

    @Test
    void aReadingOlderThanTheBreachStartsItThere() {
        State late = new State(Value.OK, T0.plusSeconds(30));
        assertThat(high.evaluate(late, 200, 100, T0)).isEqualTo(new State(Value.OK, T0));
    }

    @Test
    void theDescriptionCountsTheCompleteDatapoints() {
        assertThat(low.describe(State.INITIAL, 100, T0)).isEqualTo("AlarmLow INSUFFICIENT_DATA");
        assertThat(low.describe(new State(Value.OK, null), 100, T0)).isEqualTo("AlarmLow OK");
        assertThat(low.describe(new State(Value.OK, T0), 100, T0.plusSeconds(185))).isEqualTo("AlarmLow OK (3 of 15"
                + " datapoints below 100 since " + T0 + ", ALARM at " + T0.plusSeconds(900) + ")");
        assertThat(high.describe(new State(Value.ALARM, T0), 90.5, T0.plusSeconds(600)))
                .isEqualTo("AlarmHigh ALARM (1 of 1 datapoints above 90.5)");
    }

    @Test
    void anAlarmNeedsAPeriodADatapointAndABreachToBeInAlarm() {
        assertThatThrownBy(() -> new MetricAlarm("A", Comparison.LESS_THAN, 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricAlarm("A", Comparison.LESS_THAN, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new State(Value.ALARM, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
