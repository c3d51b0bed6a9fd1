package io.berth.scaling.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random schedules against the definition. The reference reads every local minute around the
 * instant, maps each matching one to an instant the way {@link Schedule} documents (gap times move
 * forward, overlap times take the first occurrence) and takes the earliest after the instant; the
 * search must agree. Instants are drawn near the zones' transitions, where the search is subtle.
 */
class SchedulePropertiesTest {

    private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe",
            "Asia/Kathmandu", "America/Sao_Paulo", "America/Havana", "Pacific/Apia", "Asia/Tehran");
    private static final Instant FROM = Instant.parse("2010-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(2);

    @ParameterizedTest(name = "seed {0}: 200 random crons against minute-by-minute local time")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void cronAgreesWithTheReference(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            String body = randomCron(random);
            ZoneId zone = ZoneId.of(pick(random, ZONES));
            Instant after = randomInstantNearATransition(random, zone);
            Optional<Instant> expected = reference(Cron.parse(body), zone, after);

            Optional<Instant> actual = Schedule.parse("cron(" + body + ")", zone.getId(), null, null).nextAfter(after, null);

            String what = "cron(" + body + ") in " + zone + " after " + after;
            if (expected.isPresent()) {
                assertThat(actual).as(what).isEqualTo(expected);
            } else if (actual.isPresent()) {
                assertThat(actual.get()).as(what).isAfter(after.plus(WINDOW));
            }
        }
    }

    @ParameterizedTest(name = "{0}: every 5 minutes from 1 hour before to 1 hour after each transition of 2023–2025")
    @ValueSource(strings = {"*/7 * * * ? *", "20,40 * * * ? *", "*/20 0-4 * * ? *", "0/15 * * * ? *", "10,50 * * * ? *"})
    void cronAgreesWithTheReferenceAroundEveryTransition(String body) {
        Cron cron = Cron.parse(body);
        for (String id : ZONES) {
            ZoneId zone = ZoneId.of(id);
            Schedule schedule = Schedule.parse("cron(" + body + ")", id, null, null);
            ZoneOffsetTransition transition = zone.getRules().nextTransition(Instant.parse("2023-01-01T00:00:00Z"));
            while (transition != null && transition.getInstant().isBefore(Instant.parse("2026-01-01T00:00:00Z"))) {
                for (int k = -12; k <= 12; k++) {
                    Instant after = transition.getInstant().plusSeconds(300L * k);
                    Optional<Instant> expected = reference(cron, zone, after);
                    assertThat(expected).as("the reference finds a run").isPresent();
                    assertThat(schedule.nextAfter(after, null)).as("cron(" + body + ") in " + id + " after " + after)
                            .isEqualTo(expected);
                }
                transition = zone.getRules().nextTransition(transition.getInstant());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}: chains of runs rise strictly and stay in the window")
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void runsRiseStrictlyInsideTheWindow(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 60; i++) {
            ZoneId zone = ZoneId.of(pick(random, ZONES));
            Instant start = random.nextBoolean() ? null : randomInstantNearATransition(random, zone);
            Instant end = random.nextBoolean() ? null
                    : (start == null ? randomInstantNearATransition(random, zone) : start).plus(Duration.ofHours(random.nextInt(24 * 20)));
            String expression = randomSchedule(random);
            Schedule schedule = Schedule.parse(expression, zone.getId(), start, end);
            Instant anchor = randomInstantNearATransition(random, zone);
            Instant t = randomInstantNearATransition(random, zone);
            String what = schedule + " anchored at " + anchor;
            for (int run = 0; run < 40; run++) {
                Optional<Instant> next = schedule.nextAfter(t, anchor);
                if (next.isEmpty()) {
                    break;
                }
                Instant at = next.get();
                assertThat(at).as(what).isAfter(t);
                if (start != null) {
                    assertThat(at).as(what).isAfterOrEqualTo(start);
                }
                if (end != null) {
                    assertThat(at).as(what).isBeforeOrEqualTo(end);
                }
                if (schedule.kind() == Schedule.Kind.RATE) {
                    long seconds = Duration.between(start != null ? start : anchor, at).getSeconds();
                    assertThat(seconds % schedule.rate().orElseThrow().getSeconds()).as(what).isZero();
                    assertThat(seconds).as(what).isNotNegative();
                }
                if (schedule.kind() == Schedule.Kind.CRON) {
                    assertThat(matchesOrIsAMovedGapTime(Cron.parse(expression.substring(5, expression.length() - 1)), zone, at))
                            .as(what + " ran at " + at).isTrue();
                }
                t = at;
            }
        }
    }

    @ParameterizedTest(name = "seed {0}: random text is a schedule or a ScalingValidationException")
    @ValueSource(longs = {21, 22, 23})
    void randomTextNeverBreaksTheParser(long seed) {
        Random random = new Random(seed);
        String[] tokens = {"cron(", "rate(", "at(", ")", " ", " ", "*", "?", "/", "-", ",", "L", "W", "#", "0", "1", "5",
            "7", "12", "31", "59", "2024", "99999999999", "MON", "fri", "JAN", "minutes", "hour", "day", "T", ":", "-01",
            "2024-03-10T02:30:00", "L-3", "LW", "?*", "\t", "\u0000", "é"};
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder(pick(random, List.of("cron(", "rate(", "at(", "")));
            int length = random.nextInt(12);
            for (int k = 0; k < length; k++) {
                text.append(tokens[random.nextInt(tokens.length)]);
            }
            if (random.nextInt(4) > 0) {
                text.append(')');
            }
            Schedule schedule;
            try {
                schedule = Schedule.parse(text.toString(), pick(random, ZONES), null, null);
            } catch (ScalingValidationException expected) {
                assertThat(expected.getMessage()).startsWith("Schedule");
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("'" + text + "' threw " + e, e);
            }
            schedule.nextAfter(randomInstantNearATransition(random, schedule.zone()), FROM);
        }
    }

    /** Every local minute from a day before {@code after} to three days after, mapped as documented. */
    private static Optional<Instant> reference(Cron cron, ZoneId zone, Instant after) {
        LocalDateTime local = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).minusDays(1);
        LocalDateTime last = local.plusDays(4);
        Instant best = null;
        for (; !local.isAfter(last); local = local.plusMinutes(1)) {
            if (cron.matches(local)) {
                Instant at = ZonedDateTime.ofLocal(local, zone, null).toInstant();
                if (at.isAfter(after) && (best == null || at.isBefore(best))) {
                    best = at;
                }
            }
        }
        return Optional.ofNullable(best).filter(b -> !b.isAfter(after.plus(WINDOW)));
    }

    private static boolean matchesOrIsAMovedGapTime(Cron cron, ZoneId zone, Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        if (cron.matches(local)) {
            return true;
        }
        ZoneOffsetTransition gap = zone.getRules().previousTransition(at.plusNanos(1));
        return gap != null && gap.isGap() && at.isBefore(gap.getInstant().plus(gap.getDuration()))
                && cron.matches(local.minus(gap.getDuration()));
    }

    private static Instant randomInstantNearATransition(Random random, ZoneId zone) {
        Instant base = FROM.plusSeconds((long) (random.nextDouble() * Duration.between(FROM, UNTIL).getSeconds()));
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition transition = rules.nextTransition(base);
        if (transition != null && random.nextInt(3) > 0) {
            base = transition.getInstant();
        }
        long offset = random.nextInt(3) == 0 ? random.nextInt(120 * 60) - 60 * 60 : random.nextInt(4 * 86_400) - 2 * 86_400;
        Instant at = base.plusSeconds(offset);
        return random.nextBoolean() ? at.truncatedTo(ChronoUnit.MINUTES) : at;
    }

    private static String randomSchedule(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return "rate(" + (1 + random.nextInt(200)) + " " + pick(random, List.of("minutes", "hours", "day", "days")) + ")";
            case 1:
                return "at(" + LocalDateTime.ofInstant(randomInstantNearATransition(random, ZoneId.of("UTC")), ZoneId.of("UTC"))
                        .truncatedTo(ChronoUnit.SECONDS).toString().replaceFirst("T(\\d\\d:\\d\\d)$", "T$1:00") + ")";
            default:
                return "cron(" + randomCron(random) + ")";
        }
    }

    static String randomCron(Random random) {
        String minutes = pick(random, List.of("*", "*/" + (1 + random.nextInt(30)), String.valueOf(random.nextInt(60)),
                random.nextInt(60) + "," + random.nextInt(60) + "," + random.nextInt(60), range(random, 0, 59),
                range(random, 0, 59) + "/" + (1 + random.nextInt(10)), random.nextInt(60) + "/" + (1 + random.nextInt(30))));
        String hours = pick(random, List.of("*", "*", String.valueOf(random.nextInt(24)), range(random, 0, 23),
                "*/" + (1 + random.nextInt(6)), random.nextInt(24) + "," + random.nextInt(24), "0-3", "1,2,3", "22-2"));
        String month = pick(random, List.of("*", "*", "*", range(random, 1, 12), "JAN,JUN,DEC", "MAR-NOV"));
        String year = pick(random, List.of("*", "*", "*", "2010-2030", "2011,2015,2024"));
        String dayOfMonth = "?";
        String dayOfWeek = "?";
        if (random.nextBoolean()) {
            dayOfMonth = pick(random, List.of("*", "*", String.valueOf(1 + random.nextInt(31)), range(random, 1, 31), "L",
                    (1 + random.nextInt(31)) + "W", "1,15", "*/3"));
        } else {
            dayOfWeek = pick(random, List.of("*", "MON-FRI", String.valueOf(1 + random.nextInt(7)), (1 + random.nextInt(7)) + "L",
                    (1 + random.nextInt(7)) + "#" + (1 + random.nextInt(5)), "FRI-MON", "L", "SUN,SAT"));
        }
        String fields = minutes + " " + hours + " " + dayOfMonth + " " + month + " " + dayOfWeek + " " + year;
        return random.nextInt(5) == 0 ? random.nextInt(60) + " " + fields : fields;
    }

    private static String range(Random random, int min, int max) {
        return (min + random.nextInt(max - min + 1)) + "-" + (min + random.nextInt(max - min + 1));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static {
        if (ZONES.stream().anyMatch(z -> !ZoneId.getAvailableZoneIds().contains(z))) {
            fail("a zone of the test is unknown to this JVM");
        }
    }
}
