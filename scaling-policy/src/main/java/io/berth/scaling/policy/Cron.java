package io.berth.scaling.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A CloudWatch Events cron expression, {@code <Minutes> <Hours> <Day-of-month> <Month> <Day-of-week> <Year>},
 * matched against local date-times. The search jumps from field to field with bit sets, so the
 * cost is bounded by the year range (1970–2199) times twelve months times 31 days, whatever the
 * expression; an expression that never matches (30 February) ends there.
 */
final class Cron {

    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 2199;

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> WEEKDAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5,
            "FRI", 6, "SAT", 7);

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    /** Bit {@code y - FIRST_YEAR}. */
    private final BitSet years;
    /** Day-of-month or day-of-week, whichever is not {@code ?}. */
    private final Predicate<LocalDate> day;

    private Cron(BitSet minutes, BitSet hours, BitSet months, BitSet years, Predicate<LocalDate> day) {
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.day = day;
    }

    /**
     * @param fields the text between {@code cron(} and {@code )}
     * @throws IllegalArgumentException with what is wrong, for the caller to wrap
     */
    static Cron parse(String fields) {
        List<String> f = List.of(fields.trim().split("\\s+"));
        if (f.size() == 7) {
            set(f.get(0), "Seconds", 0, 59, Map.of());
            f = f.subList(1, 7);
        }
        if (f.size() != 6) {
            throw new IllegalArgumentException("a cron expression has six fields: Minutes Hours Day-of-month Month"
                    + " Day-of-week Year");
        }
        boolean noDayOfMonth = f.get(2).equals("?");
        boolean noDayOfWeek = f.get(4).equals("?");
        if (noDayOfMonth == noDayOfWeek) {
            throw new IllegalArgumentException("exactly one of the Day-of-month and Day-of-week fields must be ?");
        }
        Predicate<LocalDate> day = noDayOfMonth ? dayOfWeek(f.get(4)) : dayOfMonth(f.get(2));
        BitSet years = set(f.get(5), "Year", FIRST_YEAR, LAST_YEAR, Map.of());
        return new Cron(set(f.get(0), "Minutes", 0, 59, Map.of()), set(f.get(1), "Hours", 0, 23, Map.of()),
                set(f.get(3), "Month", 1, 12, MONTHS), years.get(FIRST_YEAR, LAST_YEAR + 1), day);
    }

    boolean matches(LocalDateTime t) {
        return t.getYear() >= FIRST_YEAR && t.getYear() <= LAST_YEAR && years.get(t.getYear() - FIRST_YEAR)
                && months.get(t.getMonthValue()) && day.test(t.toLocalDate()) && hours.get(t.getHour())
                && minutes.get(t.getMinute()) && t.getSecond() == 0 && t.getNano() == 0;
    }

    /** The first local date-time at or after {@code from} that matches, on a whole minute. */
    Optional<LocalDateTime> firstAtOrAfter(LocalDateTime from) {
        LocalDateTime t = from.truncatedTo(ChronoUnit.MINUTES);
        if (t.isBefore(from)) {
            t = t.plusMinutes(1);
        }
        if (t.getYear() < FIRST_YEAR) {
            t = LocalDateTime.of(FIRST_YEAR, 1, 1, 0, 0);
        }
        for (int y = nextYear(t.getYear()); y != -1; y = nextYear(y + 1)) {
            boolean sameYear = y == t.getYear();
            for (int m = months.nextSetBit(sameYear ? t.getMonthValue() : 1); m != -1; m = months.nextSetBit(m + 1)) {
                boolean sameMonth = sameYear && m == t.getMonthValue();
                YearMonth month = YearMonth.of(y, m);
                for (int d = sameMonth ? t.getDayOfMonth() : 1; d <= month.lengthOfMonth(); d++) {
                    LocalDate date = month.atDay(d);
                    if (day.test(date)) {
                        LocalTime time = firstTime(sameMonth && d == t.getDayOfMonth() ? t.toLocalTime() : LocalTime.MIDNIGHT);
                        if (time != null) {
                            return Optional.of(date.atTime(time));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private int nextYear(int year) {
        if (year > LAST_YEAR) {
            return -1;
        }
        int bit = years.nextSetBit(year - FIRST_YEAR);
        return bit == -1 ? -1 : FIRST_YEAR + bit;
    }

    private LocalTime firstTime(LocalTime from) {
        for (int h = hours.nextSetBit(from.getHour()); h != -1; h = hours.nextSetBit(h + 1)) {
            int m = minutes.nextSetBit(h == from.getHour() ? from.getMinute() : 0);
            if (m != -1) {
                return LocalTime.of(h, m);
            }
        }
        return null;
    }

    /** {@code L} (last day), {@code nW} (weekday nearest the n-th, within the month) or a set of days. */
    private static Predicate<LocalDate> dayOfMonth(String field) {
        if (field.equals("L")) {
            return d -> d.getDayOfMonth() == d.lengthOfMonth();
        }
        if (field.endsWith("W")) {
            int n = number(field.substring(0, field.length() - 1), "Day-of-month", 1, 31, Map.of());
            return d -> d.getDayOfMonth() == nearestWeekday(d, n);
        }
        BitSet days = set(field, "Day-of-month", 1, 31, Map.of());
        return d -> days.get(d.getDayOfMonth());
    }

    /** {@code xL} (last x of the month), {@code x#n} (n-th x) or a set of weekdays; 1 = SUN … 7 = SAT. */
    private static Predicate<LocalDate> dayOfWeek(String field) {
        if (field.length() > 1 && field.endsWith("L")) {
            int weekday = number(field.substring(0, field.length() - 1), "Day-of-week", 1, 7, WEEKDAYS);
            return d -> weekday(d) == weekday && d.plusWeeks(1).getMonthValue() != d.getMonthValue();
        }
        int hash = field.indexOf('#');
        if (hash >= 0) {
            int weekday = number(field.substring(0, hash), "Day-of-week", 1, 7, WEEKDAYS);
            int nth = number(field.substring(hash + 1), "Day-of-week", 1, 5, Map.of());
            return d -> weekday(d) == weekday && (d.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
        // "L" alone is the last day of the week, Saturday.
        BitSet weekdays = set(field.equals("L") ? "7" : field, "Day-of-week", 1, 7, WEEKDAYS);
        return d -> weekdays.get(weekday(d));
    }

    private static int weekday(LocalDate d) {
        return d.getDayOfWeek().getValue() % 7 + 1;
    }

    /** The weekday nearest the n-th of d's month without leaving the month; -1 when the month is shorter. */
    private static int nearestWeekday(LocalDate d, int n) {
        int length = d.lengthOfMonth();
        if (n > length) {
            return -1;
        }
        DayOfWeek target = d.withDayOfMonth(n).getDayOfWeek();
        if (target == DayOfWeek.SATURDAY) {
            return n == 1 ? 3 : n - 1;
        }
        if (target == DayOfWeek.SUNDAY) {
            return n == length ? n - 2 : n + 1;
        }
        return n;
    }

    /** A comma list of {@code *}, {@code v}, {@code a-b} (wrapping when b < a), each optionally {@code /step}. */
    private static BitSet set(String field, String name, int min, int max, Map<String, Integer> names) {
        BitSet bits = new BitSet(max + 1);
        int size = max - min + 1;
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name + " step", 1, Integer.MAX_VALUE, Map.of());
            }
            int lo;
            int hi;
            int dash = range.indexOf('-');
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (dash > 0) {
                lo = number(range.substring(0, dash), name, min, max, names);
                hi = number(range.substring(dash + 1), name, min, max, names);
            } else {
                lo = number(range, name, min, max, names);
                hi = slash >= 0 ? max : lo;
            }
            int span = Math.floorMod(hi - lo, size);
            for (long k = 0; k <= span; k += step) {
                bits.set(min + (int) ((lo - min + k) % size));
            }
        }
        return bits;
    }

    private static int number(String token, String name, int min, int max, Map<String, Integer> names) {
        Integer named = names.get(token.toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        if (token.isEmpty() || token.length() > 10 || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + token + "' is not a valid value of the " + name + " field");
        }
        long value = Long.parseLong(token);
        if (value < min || value > max) {
            throw new IllegalArgumentException("the " + name + " field must be between " + min + " and "
                    + (max == Integer.MAX_VALUE ? "2147483647" : max) + ", not " + token);
        }
        return (int) value;
    }
}
