package io.berth.scaling.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.berth.scaling.policy.Schedules.ANCHOR;
import static io.berth.scaling.policy.Schedules.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing the three forms, the window of StartTime and EndTime, and rate anchoring. */
class ScheduleTest {

    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant END = Instant.parse("2024-06-30T00:00:00Z");

    @Test
    void atRunsOnce() {
        Schedule at = Schedule.parse("at(2024-06-01T09:00:00)", null, null, null);

        assertThat(at.kind()).isEqualTo(Schedule.Kind.AT);
        assertThat(at.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(next(at, "2024-06-01T08:59:59Z")).isEqualTo("2024-06-01T09:00:00Z");
        assertThat(next(at, "2024-06-01T09:00:00Z")).isEqualTo("none");
        assertThat(at.nextAfter(Instant.parse("2020-01-01T00:00:00Z"), null)).isPresent();
    }

    @ParameterizedTest(name = "rate(5 minutes) from 12:00, after {0} → {1}")
    @CsvSource({
            "2024-05-01T11:00:00Z, 2024-05-01T12:00:00Z",
            "2024-05-01T12:00:00Z, 2024-05-01T12:05:00Z",
            "2024-05-01T12:04:59.999Z, 2024-05-01T12:05:00Z",
            "2024-05-01T12:07:00Z, 2024-05-01T12:10:00Z",
            "2024-05-02T12:00:00Z, 2024-05-02T12:05:00Z",
            "2030-05-01T12:01:00Z, 2030-05-01T12:05:00Z",
    })
    void rateCountsFromTheAnchor(String after, String expected) {
        assertThat(next("rate(5 minutes)", null, after)).isEqualTo(expected);
    }

    @Test
    void rateCountsFromStartTimeWhenThereIsOne() {
        Schedule rate = Schedule.parse("rate(2 hours)", null, Instant.parse("2024-05-01T12:30:00Z"), null);

        assertThat(next(rate, "2024-05-01T00:00:00Z")).isEqualTo("2024-05-01T12:30:00Z");
        assertThat(next(rate, "2024-05-01T13:00:00Z")).isEqualTo("2024-05-01T14:30:00Z");
        assertThat(rate.rate()).contains(Duration.ofHours(2));
    }

    @Test
    void rateWithoutStartTimeNeedsAnAnchor() {
        Schedule rate = Schedule.parse("rate(1 hour)", null, null, null);

        assertThatThrownBy(() -> rate.nextAfter(ANCHOR, null)).isInstanceOf(NullPointerException.class);
        assertThat(Schedule.parse("cron(0 0 * * ? *)", null, null, null).rate()).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1} s")
    @CsvSource({
            "rate(1 minute), 60", "rate(1 minutes), 60", "rate(5 minutes), 300", "rate(5 minute), 300",
            "rate(1 hour), 3600", "rate(3 hours), 10800", "rate(1 day), 86400", "rate(7 days), 604800",
            "rate( 2  hours ), 7200", "rate(2147483647 days), 185542587100800",
    })
    void rateUnits(String expression, long seconds) {
        assertThat(Schedule.parse(expression, null, null, null).rate()).contains(Duration.ofSeconds(seconds));
    }

    @Test
    void aRateBeyondTheEndOfTimeHasNoRun() {
        Schedule rate = Schedule.parse("rate(2147483647 days)", null, null, null);

        assertThat(rate.nextAfter(Instant.MAX.minusSeconds(10), Instant.MAX.minusSeconds(20))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rate(10 minutes)", "cron(*/10 * * * ? *)", "at(2024-06-10T00:00:00)"})
    void runsStayInsideTheWindow(String expression) {
        Schedule schedule = Schedule.parse(expression, null, START, END);

        assertThat(next(schedule, "2024-05-01T00:00:00Z")).isEqualTo(expression.startsWith("at") ? "2024-06-10T00:00:00Z"
                : "2024-06-01T00:00:00Z");
        assertThat(next(schedule, "2024-06-29T23:55:00Z")).isEqualTo(expression.startsWith("at") ? "none"
                : "2024-06-30T00:00:00Z");
        assertThat(next(schedule, "2024-06-30T00:00:00Z")).isEqualTo("none");
    }

    @Test
    void atOutsideTheWindowNeverRuns() {
        assertThat(next(Schedule.parse("at(2024-05-10T00:00:00)", null, START, END), "2024-01-01T00:00:00Z")).isEqualTo("none");
        assertThat(next(Schedule.parse("at(2024-07-10T00:00:00)", null, START, END), "2024-01-01T00:00:00Z")).isEqualTo("none");
    }

    @Test
    void startTimeBetweenCronRuns() {
        Schedule schedule = Schedule.parse("cron(0 * * * ? *)", null, Instant.parse("2024-06-01T10:30:00Z"), null);

        assertThat(next(schedule, "2024-06-01T00:00:00Z")).isEqualTo("2024-06-01T11:00:00Z");
        assertThat(Schedule.parse("cron(0 * * * ? *)", null, START, null).startTime()).contains(START);
    }

    @Test
    void accessorsAndDescription() {
        Schedule schedule = Schedule.parse("cron(0 9 * * ? *)", "Europe/Paris", START, END);

        assertThat(schedule.expression()).isEqualTo("cron(0 9 * * ? *)");
        assertThat(schedule.kind()).isEqualTo(Schedule.Kind.CRON);
        assertThat(schedule.endTime()).contains(END);
        assertThat(schedule).hasToString("cron(0 9 * * ? *) in Europe/Paris from 2024-06-01T00:00:00Z until 2024-06-30T00:00:00Z");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "every 5 minutes              | use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)",
            "AT(2024-01-01T00:00:00)      | use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)",
            "cron(0 0 * * ? *             | use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)",
            "at(2024-02-30T00:00:00)      | '2024-02-30T00:00:00' is not a valid date and time",
            "at(2024-01-01T24:00:00)      | '2024-01-01T24:00:00' is not a valid date and time",
            "at(2024-01-01 00:00:00)      | at() takes a date and time as yyyy-mm-ddThh:mm:ss",
            "at(2024-01-01T00:00)         | at() takes a date and time as yyyy-mm-ddThh:mm:ss",
            "rate(0 minutes)              | the rate must be between 1 and 2147483647",
            "rate(2147483648 minutes)     | the rate must be between 1 and 2147483647",
            "rate(-1 minutes)             | rate() takes a positive whole number and minute(s), hour(s) or day(s)",
            "rate(1.5 hours)              | rate() takes a positive whole number and minute(s), hour(s) or day(s)",
            "rate(5 weeks)                | rate() takes a positive whole number and minute(s), hour(s) or day(s)",
            "rate(5)                      | rate() takes a positive whole number and minute(s), hour(s) or day(s)",
            "rate(5 Minutes)              | rate() takes a positive whole number and minute(s), hour(s) or day(s)",
            "cron()                       | a cron expression has six fields: Minutes Hours Day-of-month Month Day-of-week Year",
            "cron(0 0 * * ?)              | a cron expression has six fields: Minutes Hours Day-of-month Month Day-of-week Year",
            "cron(0 0 0 * * ? * *)        | a cron expression has six fields: Minutes Hours Day-of-month Month Day-of-week Year",
            "cron(0 0 1 * MON *)          | exactly one of the Day-of-month and Day-of-week fields must be ?",
            "cron(0 0 * * * *)            | exactly one of the Day-of-month and Day-of-week fields must be ?",
            "cron(0 0 ? * ? *)            | exactly one of the Day-of-month and Day-of-week fields must be ?",
            "cron(60 0 * * ? *)           | the Minutes field must be between 0 and 59, not 60",
            "cron(0 24 * * ? *)           | the Hours field must be between 0 and 23, not 24",
            "cron(0 0 32 * ? *)           | the Day-of-month field must be between 1 and 31, not 32",
            "cron(0 0 0 * ? *)            | the Day-of-month field must be between 1 and 31, not 0",
            "cron(0 0 * 13 ? *)           | the Month field must be between 1 and 12, not 13",
            "cron(0 0 ? * 8 *)            | the Day-of-week field must be between 1 and 7, not 8",
            "cron(0 0 ? * 0 *)            | the Day-of-week field must be between 1 and 7, not 0",
            "cron(0 0 * * ? 1969)         | the Year field must be between 1970 and 2199, not 1969",
            "cron(0 0 * * ? 2200)         | the Year field must be between 1970 and 2199, not 2200",
            "cron(60 0 0 * * ? *)         | the Seconds field must be between 0 and 59, not 60",
            "cron(? 0 * * ? *)            | '?' is not a valid value of the Minutes field",
            "cron(*/0 0 * * ? *)          | the Minutes step field must be between 1 and 2147483647, not 0",
            "cron(1,,2 0 * * ? *)         | '' is not a valid value of the Minutes field",
            "cron(0 0 * L ? *)            | 'L' is not a valid value of the Month field",
            "cron(0 0 LW * ? *)           | 'L' is not a valid value of the Day-of-month field",
            "cron(0 0 W * ? *)            | '' is not a valid value of the Day-of-month field",
            "cron(0 0 32W * ? *)          | the Day-of-month field must be between 1 and 31, not 32",
            "cron(0 0 ? * 6#6 *)          | the Day-of-week field must be between 1 and 5, not 6",
            "cron(0 0 ? * 6#3,2 *)        | '3,2' is not a valid value of the Day-of-week field",
            "cron(0 0 ? * FRYDAY *)       | 'FRYDAY' is not a valid value of the Day-of-week field",
            "cron(0 0 ? * MON-FRY *)      | 'FRY' is not a valid value of the Day-of-week field",
            "cron(0 0 ? * 1-8 *)          | the Day-of-week field must be between 1 and 7, not 8",
            "cron(99999999999 0 * * ? *)  | '99999999999' is not a valid value of the Minutes field",
    })
    void invalidExpressionsNameTheSchedule(String expression, String why) {
        assertThatThrownBy(() -> Schedule.parse(expression, null, null, null))
                .isInstanceOf(ScalingValidationException.class)
                .hasMessage("Schedule '" + expression + "' is not valid: " + why + ".");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "  "})
    void theScheduleIsRequired(String expression) {
        assertThatThrownBy(() -> Schedule.parse(expression, null, null, null))
                .isInstanceOf(ScalingValidationException.class).hasMessage("Schedule is required.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Mars/Olympus_Mons", "", "+05:00", "Z", "america/new_york", "EST5EDT-invalid"})
    void invalidTimezonesNameTheTimezone(String timezone) {
        assertThatThrownBy(() -> Schedule.parse("cron(0 0 * * ? *)", timezone, null, null))
                .isInstanceOf(ScalingValidationException.class)
                .hasMessage("Timezone '" + timezone + "' is not a valid IANA time zone name.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTC", "Etc/GMT+9", "Pacific/Tahiti", "America/New_York", "Asia/Kathmandu"})
    void ianaTimezones(String timezone) {
        assertThat(Schedule.parse("cron(0 0 * * ? *)", timezone, null, null).zone().getId()).isEqualTo(timezone);
    }

    @Test
    void endTimeIsNotBeforeStartTime() {
        assertThatThrownBy(() -> Schedule.parse("rate(1 hour)", null, END, START))
                .isInstanceOf(ScalingValidationException.class).hasMessage("EndTime must not be before StartTime.");
        assertThat(next(Schedule.parse("rate(1 hour)", null, START, START), "2024-01-01T00:00:00Z"))
                .isEqualTo(START.toString());
    }
}
