package io.berth.scaling.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static io.berth.scaling.policy.Schedules.next;
import static org.assertj.core.api.Assertions.assertThat;

/** The CloudWatch Events cron fields, in UTC. */
class CronTest {

    @ParameterizedTest(name = "{0} after {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "cron(0 10 * * ? *)                  | 2024-01-01T09:00:00Z | 2024-01-01T10:00:00Z",
            "cron(0 10 * * ? *)                  | 2024-01-01T10:00:00Z | 2024-01-02T10:00:00Z",
            "cron(0 10 * * ? *)                  | 2024-01-01T09:59:59.999Z | 2024-01-01T10:00:00Z",
            "cron(15,45 8-9 ? * MON-FRI *)       | 2024-05-03T09:50:00Z | 2024-05-06T08:15:00Z",
            "cron(15,45 8-9 ? * MON-FRI *)       | 2024-05-06T08:15:00Z | 2024-05-06T08:45:00Z",
            "cron(15,45 8-9 ? * mon-fri *)       | 2024-05-06T08:45:00Z | 2024-05-06T09:15:00Z",
            "cron(*/20 * * * ? *)                | 2024-05-01T12:41:00Z | 2024-05-01T13:00:00Z",
            "cron(5/20 * * * ? *)                | 2024-05-01T12:41:00Z | 2024-05-01T12:45:00Z",
            "cron(10-30/10 6 * * ? *)            | 2024-05-01T06:20:00Z | 2024-05-01T06:30:00Z",
            "cron(10-30/10 6 * * ? *)            | 2024-05-01T06:30:00Z | 2024-05-02T06:10:00Z",
            "cron(0 22-2 * * ? *)                | 2024-05-01T23:30:00Z | 2024-05-02T00:00:00Z",
            "cron(0 0 L * ? *)                   | 2024-02-10T00:00:00Z | 2024-02-29T00:00:00Z",
            "cron(0 0 L * ? *)                   | 2023-02-10T00:00:00Z | 2023-02-28T00:00:00Z",
            "cron(0 0 L * ? *)                   | 2024-04-30T00:00:00Z | 2024-05-31T00:00:00Z",
            "cron(0 9 15W * ? *)                 | 2024-06-01T00:00:00Z | 2024-06-14T09:00:00Z",
            "cron(0 9 15W * ? *)                 | 2024-09-01T00:00:00Z | 2024-09-16T09:00:00Z",
            "cron(0 9 15W * ? *)                 | 2024-05-01T00:00:00Z | 2024-05-15T09:00:00Z",
            "cron(0 9 1W * ? *)                  | 2024-05-31T00:00:00Z | 2024-06-03T09:00:00Z",
            "cron(0 9 31W * ? *)                 | 2024-02-01T00:00:00Z | 2024-03-29T09:00:00Z",
            "cron(0 9 30W * ? *)                 | 2024-02-01T00:00:00Z | 2024-03-29T09:00:00Z",
            "cron(0 12 ? * 6#3 *)                | 2024-05-01T00:00:00Z | 2024-05-17T12:00:00Z",
            "cron(0 12 ? * FRI#1 *)              | 2024-05-04T00:00:00Z | 2024-06-07T12:00:00Z",
            "cron(0 12 ? * 2#5 *)                | 2024-05-01T00:00:00Z | 2024-07-29T12:00:00Z",
            "cron(0 12 ? * 6L *)                 | 2024-05-01T00:00:00Z | 2024-05-31T12:00:00Z",
            "cron(0 12 ? * 5L *)                 | 2024-05-01T00:00:00Z | 2024-05-30T12:00:00Z",
            "cron(0 12 ? * FRIL *)               | 2024-06-01T00:00:00Z | 2024-06-28T12:00:00Z",
            "cron(0 12 ? * L *)                  | 2024-05-01T00:00:00Z | 2024-05-04T12:00:00Z",
            "cron(0 0 ? * 1 *)                   | 2024-05-01T00:00:00Z | 2024-05-05T00:00:00Z",
            "cron(0 0 ? * 7 *)                   | 2024-05-01T00:00:00Z | 2024-05-04T00:00:00Z",
            "cron(0 0 ? * FRI-MON *)             | 2024-05-06T00:00:00Z | 2024-05-10T00:00:00Z",
            "cron(0 0 ? * FRI-MON *)             | 2024-05-11T00:00:00Z | 2024-05-12T00:00:00Z",
            "cron(0 0 1 JAN,JUL ? *)             | 2024-02-01T00:00:00Z | 2024-07-01T00:00:00Z",
            "cron(0 0 1 jan,jul ? *)             | 2024-07-01T00:00:00Z | 2025-01-01T00:00:00Z",
            "cron(0 0 1 NOV-FEB ? *)             | 2024-03-01T00:00:00Z | 2024-11-01T00:00:00Z",
            "cron(0 0 1 1 ? 2030)                | 2024-05-01T00:00:00Z | 2030-01-01T00:00:00Z",
            "cron(0 0 1 1 ? 2030)                | 2030-01-01T00:00:00Z | none",
            "cron(0 0 1 1 ? 2025-2026,2199)      | 2026-01-01T00:00:00Z | 2199-01-01T00:00:00Z",
            "cron(0 0 29 2 ? *)                  | 2024-03-01T00:00:00Z | 2028-02-29T00:00:00Z",
            "cron(0 0 * * ? *)                   | 2199-12-31T00:00:00Z | none",
            "cron(0 0 * * ? *)                   | 1960-06-01T00:00:00Z | 1970-01-01T00:00:00Z",
            "cron(0 0 * * ? *)                   | 3000-01-01T00:00:00Z | none",
            "cron(30 0 10 * * ? *)               | 2024-05-01T00:00:00Z | 2024-05-01T10:00:00Z",
            "cron(0 0 10 * * ? *)                | 2024-05-01T10:00:00Z | 2024-05-02T10:00:00Z",
            "cron(0 0 1,15 * ? *)                | 2024-05-01T00:00:00Z | 2024-05-15T00:00:00Z",
            "cron(59 23 31 12 ? *)               | 2024-12-31T23:58:59Z | 2024-12-31T23:59:00Z",
    })
    void nextRun(String expression, String after, String expected) {
        assertThat(next(expression, null, after)).isEqualTo(expected);
    }

    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    @ParameterizedTest(name = "{0} never runs")
    @CsvSource(delimiter = '|', value = {
            "cron(0 0 30 2 ? *)",
            "cron(0 0 31 4,6,9,11 ? *)",
            "cron(0 0 30W 2 ? *)",
            "cron(0 0 ? 2 2#5 2026)",
            "cron(* * 31 2 ? *)",
    })
    void impossibleExpressionsEndWithoutARun(String expression) {
        Schedule schedule = Schedule.parse(expression, "America/New_York", null, null);

        for (int i = 0; i < 100; i++) {
            assertThat(schedule.nextAfter(Instant.parse("1970-01-01T00:00:00Z").plusSeconds(86_400L * 365 * i), null)).isEmpty();
        }
    }

    @Test
    void aFifthWeekdayOnlyInMonthsThatHaveOne() {
        // February 2024 has five Thursdays (1, 8, 15, 22, 29)
        assertThat(next("cron(0 0 ? 2 5#5 *)", null, "2023-03-01T00:00:00Z")).isEqualTo("2024-02-29T00:00:00Z");
    }

    @Test
    void aRunEveryMinuteIsTheNextMinute() {
        assertThat(next("cron(* * * * ? *)", null, "2024-05-01T12:00:00Z")).isEqualTo("2024-05-01T12:01:00Z");
        assertThat(next("cron(* * * * ? *)", null, "2024-05-01T12:00:00.5Z")).isEqualTo("2024-05-01T12:01:00Z");
        assertThat(next("cron(* * * * ? *)", null, "2024-05-01T11:59:59Z")).isEqualTo("2024-05-01T12:00:00Z");
    }
}
