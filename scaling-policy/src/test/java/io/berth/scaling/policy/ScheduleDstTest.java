package io.berth.scaling.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.berth.scaling.policy.Schedules.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cron and at in a time zone with daylight saving time. A local time in the spring gap runs as late
 * as the gap is long; a local time in the autumn overlap runs once, at the first occurrence.
 */
class ScheduleDstTest {

    private static final String NEW_YORK = "America/New_York";

    @ParameterizedTest(name = "{0} after {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            // 9:00 local is 14:00Z in winter and 13:00Z in summer
            "cron(0 9 * * ? *)  | 2024-03-09T14:00:00Z | 2024-03-10T13:00:00Z",
            "cron(0 9 * * ? *)  | 2024-11-02T13:00:00Z | 2024-11-03T14:00:00Z",
            // 10 March 2024: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist and runs at 03:30 EDT
            "cron(30 2 * * ? *) | 2024-03-09T07:30:00Z | 2024-03-10T07:30:00Z",
            "cron(30 2 * * ? *) | 2024-03-10T07:30:00Z | 2024-03-11T06:30:00Z",
            // just after the jump, the moved 02:15 (03:15 EDT) is still to come
            "cron(15 2 * * ? *) | 2024-03-10T07:00:00Z | 2024-03-10T07:15:00Z",
            "cron(15 2 * * ? *) | 2024-03-10T07:10:00Z | 2024-03-10T07:15:00Z",
            "cron(15 2 * * ? *) | 2024-03-10T07:15:00Z | 2024-03-11T06:15:00Z",
            // 3 November 2024: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST); it runs once
            "cron(30 1 * * ? *) | 2024-11-02T05:30:00Z | 2024-11-03T05:30:00Z",
            "cron(30 1 * * ? *) | 2024-11-03T05:30:00Z | 2024-11-04T06:30:00Z",
            "cron(30 1 * * ? *) | 2024-11-03T06:00:00Z | 2024-11-04T06:30:00Z",
            // Lord Howe moves by 30 minutes: 02:15 on 6 October 2024 runs at 02:45 +11:00
            "cron(15 2 * * ? *) | 2024-10-05T12:00:00Z | 2024-10-05T15:45:00Z",
    })
    void cronAcrossTransitions(String expression, String after, String expected) {
        String zone = expected.equals("2024-10-05T15:45:00Z") ? "Australia/Lord_Howe" : NEW_YORK;

        assertThat(next(expression, zone, after)).isEqualTo(expected);
    }

    @Test
    void hourlyAcrossTheSpringGapRunsEachInstantOnce() {
        assertThat(runs("cron(0 * * * ? *)", NEW_YORK, "2024-03-10T05:30:00Z", 4))
                .containsExactly("2024-03-10T06:00:00Z", "2024-03-10T07:00:00Z", "2024-03-10T08:00:00Z", "2024-03-10T09:00:00Z");
    }

    @Test
    void hourlyAcrossTheAutumnOverlapSkipsTheRepeatedHour() {
        assertThat(runs("cron(0 * * * ? *)", NEW_YORK, "2024-11-03T04:30:00Z", 3))
                .containsExactly("2024-11-03T05:00:00Z", "2024-11-03T07:00:00Z", "2024-11-03T08:00:00Z");
    }

    @Test
    void gapTimesAreOrderedWithTheTimesAfterTheGap() {
        // 02:00 → 03:00 EDT (07:00Z), 02:30 → 03:30 EDT (07:30Z), 03:00 = 07:00Z, 03:30 = 07:30Z
        assertThat(runs("cron(0,30 2,3 * * ? *)", NEW_YORK, "2024-03-10T06:00:00Z", 3))
                .containsExactly("2024-03-10T07:00:00Z", "2024-03-10T07:30:00Z", "2024-03-11T06:00:00Z");
    }

    @Test
    void aHalfHourGapMovesATimePastALaterOne() {
        // Lord Howe, 6 October 2024: 02:00 +10:30 jumps to 02:30 +11:00. 02:20 moves to 02:50, after 02:40.
        assertThat(runs("cron(20,40 2 * * ? *)", "Australia/Lord_Howe", "2024-10-05T15:00:00Z", 3))
                .containsExactly("2024-10-05T15:40:00Z", "2024-10-05T15:50:00Z", "2024-10-06T15:20:00Z");
    }

    @Test
    void aSkippedDayRunsOnTheNext() {
        // Samoa skipped 30 December 2011: noon that day is moved to noon on the 31st, which also runs
        assertThat(runs("cron(0 12 * * ? *)", "Pacific/Apia", "2011-12-29T21:00:00Z", 3))
                .containsExactly("2011-12-29T22:00:00Z", "2011-12-30T22:00:00Z", "2011-12-31T22:00:00Z");
    }

    @ParameterizedTest(name = "at({0}) in {1} → {2}")
    @CsvSource({
            "2024-06-01T09:00:00, UTC, 2024-06-01T09:00:00Z",
            "2024-06-01T09:00:00, America/New_York, 2024-06-01T13:00:00Z",
            "2024-01-15T09:00:00, America/New_York, 2024-01-15T14:00:00Z",
            "2024-06-01T00:00:00, Etc/GMT+9, 2024-06-01T09:00:00Z",
            "2024-03-10T02:30:00, America/New_York, 2024-03-10T07:30:00Z",
            "2024-11-03T01:30:00, America/New_York, 2024-11-03T05:30:00Z",
    })
    void atInATimeZone(String local, String zone, String expected) {
        assertThat(next("at(" + local + ")", zone, "2024-01-01T00:00:00Z")).isEqualTo(expected);
    }

    @Test
    void rateIgnoresTheTimeZone() {
        Schedule daily = Schedule.parse("rate(1 day)", NEW_YORK, Instant.parse("2024-03-09T17:00:00Z"), null);

        assertThat(daily.nextAfter(Instant.parse("2024-03-09T17:00:00Z"), null)).contains(Instant.parse("2024-03-10T17:00:00Z"));
    }

    private static List<String> runs(String expression, String zone, String after, int count) {
        Schedule schedule = Schedule.parse(expression, zone, null, null);
        List<String> runs = new ArrayList<>();
        Instant t = Instant.parse(after);
        for (int i = 0; i < count; i++) {
            t = schedule.nextAfter(t, null).orElseThrow();
            runs.add(t.toString());
        }
        return runs;
    }
}
