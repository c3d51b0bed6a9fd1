package io.berth.scaling.policy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Schedule} of a scheduled action (§3.8) with its {@code Timezone}, {@code StartTime}
 * and {@code EndTime}, and when it runs next.
 *
 * <ul>
 *   <li>{@code at(yyyy-mm-ddThh:mm:ss)}: once, at that local time in the time zone.</li>
 *   <li>{@code rate(n minute|minutes|hour|hours|day|days)}, n ≥ 1: at anchor + k × rate, k = 0, 1, …;
 *       the anchor is StartTime when given. The time zone does not apply. Singular and plural units
 *       are both accepted whatever n is.</li>
 *   <li>{@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}, CloudWatch Events syntax,
 *       in the time zone; a seven-field form with leading seconds is accepted and the seconds are
 *       ignored.</li>
 * </ul>
 *
 * <p>Daylight saving time: a local time that does not exist (in the spring gap) runs that much
 * later, as {@link ZonedDateTime#ofLocal} moves it (02:30 → 03:30 in New York); a local time that
 * occurs twice (in the autumn overlap) runs once, at the first. So every matching local time runs
 * exactly once.
 */
public final class Schedule {

    /** Which of the three forms. */
    public enum Kind {
        AT, RATE, CRON
    }

    private static final Pattern FORM = Pattern.compile("(at|rate|cron)\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern AT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
    private static final DateTimeFormatter AT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern RATE = Pattern.compile("\\s*(\\d{1,10})\\s+(minutes?|hours?|days?)\\s*");
    /** Cron runs are in 1970–2199, in any zone. */
    private static final Instant CRON_FROM = LocalDateTime.of(Cron.FIRST_YEAR - 1, 12, 30, 0, 0).toInstant(ZoneOffset.UTC);
    private static final Instant CRON_UNTIL = LocalDateTime.of(Cron.LAST_YEAR + 1, 1, 2, 0, 0).toInstant(ZoneOffset.UTC);

    private final String expression;
    private final Kind kind;
    private final ZoneId zone;
    private final Instant startTime;
    private final Instant endTime;
    private final Instant at;
    private final long rateSeconds;
    private final Cron cron;

    private Schedule(String expression, Kind kind, ZoneId zone, Instant startTime, Instant endTime, Instant at,
            long rateSeconds, Cron cron) {
        this.expression = expression;
        this.kind = kind;
        this.zone = zone;
        this.startTime = startTime;
        this.endTime = endTime;
        this.at = at;
        this.rateSeconds = rateSeconds;
        this.cron = cron;
    }

    /**
     * @param timezone an IANA time zone name; null means UTC
     * @param startTime null for no lower bound
     * @param endTime null for no upper bound; not before {@code startTime}
     */
    public static Schedule parse(String expression, String timezone, Instant startTime, Instant endTime) {
        ZoneId zone = zone(timezone);
        if (startTime != null && endTime != null && endTime.isBefore(startTime)) {
            throw new ScalingValidationException("EndTime must not be before StartTime.");
        }
        if (expression == null || expression.isBlank()) {
            throw new ScalingValidationException("Schedule is required.");
        }
        Matcher form = FORM.matcher(expression);
        if (!form.matches()) {
            throw invalid(expression, "use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)");
        }
        String body = form.group(2);
        switch (form.group(1)) {
            case "at":
                return new Schedule(expression, Kind.AT, zone, startTime, endTime, at(expression, body, zone), 0, null);
            case "rate":
                return new Schedule(expression, Kind.RATE, zone, startTime, endTime, null, rate(expression, body), null);
            default:
                try {
                    return new Schedule(expression, Kind.CRON, zone, startTime, endTime, null, 0, Cron.parse(body));
                } catch (IllegalArgumentException e) {
                    throw invalid(expression, e.getMessage());
                }
        }
    }

    /**
     * The first run strictly after {@code after} and within [StartTime, EndTime]; empty when there
     * is none ({@code at} in the past, an impossible cron, past EndTime).
     *
     * @param anchor where a {@code rate} counts from when there is no StartTime, e.g. when the
     *     action was created; ignored otherwise and then may be null
     */
    public Optional<Instant> nextAfter(Instant after, Instant anchor) {
        Objects.requireNonNull(after, "after");
        Optional<Instant> next;
        if (kind == Kind.AT) {
            next = Optional.of(at).filter(t -> t.isAfter(after) && (startTime == null || !t.isBefore(startTime)));
        } else if (kind == Kind.RATE) {
            next = nextRate(after, startTime != null ? startTime
                    : Objects.requireNonNull(anchor, "a rate schedule without StartTime needs an anchor"));
        } else {
            // Strictly after the instant just before StartTime is at or after StartTime.
            next = nextCron(startTime != null && startTime.isAfter(after) ? startTime.minusNanos(1) : after);
        }
        return next.filter(t -> endTime == null || !t.isAfter(endTime));
    }

    private Optional<Instant> nextRate(Instant threshold, Instant anchor) {
        if (threshold.isBefore(anchor)) {
            return Optional.of(anchor);
        }
        long elapsed = Duration.between(anchor, threshold).getSeconds();
        long periods = elapsed / rateSeconds + 1;
        try {
            return Optional.of(anchor.plusSeconds(Math.multiplyExact(periods, rateSeconds)));
        } catch (ArithmeticException | DateTimeException beyondTime) {
            return Optional.empty();
        }
    }

    /**
     * Local times in order map to instants in order, except a time in a spring gap, which moves
     * forward past the times that follow the gap. So the search starts at the gap when the
     * threshold is within its length after one, keeps the earliest run past the threshold, and
     * stops at the first existing local time past it.
     */
    private Optional<Instant> nextCron(Instant threshold) {
        if (threshold.isAfter(CRON_UNTIL)) {
            return Optional.empty();
        }
        Instant from = threshold.isBefore(CRON_FROM) ? CRON_FROM : threshold;
        ZoneRules rules = zone.getRules();
        LocalDateTime t = LocalDateTime.ofInstant(from, zone);
        ZoneOffsetTransition previous = rules.previousTransition(from.plusNanos(1));
        if (previous != null && previous.isGap() && from.isBefore(previous.getInstant().plus(previous.getDuration()))) {
            t = previous.getDateTimeBefore();
        }
        Instant best = null;
        for (Optional<LocalDateTime> local = cron.firstAtOrAfter(t); local.isPresent();
                local = cron.firstAtOrAfter(local.get().plusMinutes(1))) {
            Instant run = ZonedDateTime.ofLocal(local.get(), zone, null).toInstant();
            if (run.isAfter(threshold)) {
                if (best == null || run.isBefore(best)) {
                    best = run;
                }
                if (!rules.getValidOffsets(local.get()).isEmpty()) {
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    public String expression() {
        return expression;
    }

    public Kind kind() {
        return kind;
    }

    public ZoneId zone() {
        return zone;
    }

    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    public Optional<Instant> endTime() {
        return Optional.ofNullable(endTime);
    }

    /** The interval of a {@code rate} schedule. */
    public Optional<Duration> rate() {
        return kind == Kind.RATE ? Optional.of(Duration.ofSeconds(rateSeconds)) : Optional.empty();
    }

    @Override
    public String toString() {
        return expression + " in " + zone + (startTime == null ? "" : " from " + startTime)
                + (endTime == null ? "" : " until " + endTime);
    }

    private static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneOffset.UTC;
        }
        if (!ZoneId.getAvailableZoneIds().contains(timezone)) {
            throw new ScalingValidationException("Timezone '" + timezone + "' is not a valid IANA time zone name.");
        }
        return ZoneId.of(timezone);
    }

    private static Instant at(String expression, String body, ZoneId zone) {
        if (!AT.matcher(body).matches()) {
            throw invalid(expression, "at() takes a date and time as yyyy-mm-ddThh:mm:ss");
        }
        try {
            return ZonedDateTime.ofLocal(LocalDateTime.parse(body, AT_FORMAT), zone, null).toInstant();
        } catch (DateTimeException e) {
            throw invalid(expression, "'" + body + "' is not a valid date and time");
        }
    }

    private static long rate(String expression, String body) {
        Matcher rate = RATE.matcher(body);
        if (!rate.matches()) {
            throw invalid(expression, "rate() takes a positive whole number and minute(s), hour(s) or day(s)");
        }
        long value = Long.parseLong(rate.group(1));
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw invalid(expression, "the rate must be between 1 and 2147483647");
        }
        String unit = rate.group(2);
        long seconds = unit.startsWith("minute") ? 60 : unit.startsWith("hour") ? 3_600 : 86_400;
        return value * seconds;
    }

    private static ScalingValidationException invalid(String expression, String why) {
        return new ScalingValidationException("Schedule '" + expression + "' is not valid: " + why + ".");
    }
}
