package io.berth.gateway.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart of values over time, as SVG coordinates: the rollout band of a service, utilization
 * against a target, desired against running. Counts change in steps (a task count holds until the
 * next change), measurements in lines; marks are moments worth a vertical rule (a circuit breaker
 * trip, a scaling activity).
 */
public record TimeChart(int width, int height, List<Line> lines, List<Rule> rules, List<Tick> ticks, String from,
        String to) {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 220;
    static final int LEFT = 44;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 24;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    public record Point(Instant at, double value) {
    }

    /** A named series; {@code step} holds each value until the next one, as counts do. */
    public record Series(String name, String color, boolean step, boolean dashed, List<Point> points) {
    }

    public record Mark(Instant at, String label, String color) {
    }

    public record Line(String name, String color, boolean dashed, String points, String lastValue) {
    }

    public record Rule(int x, String label, String color) {
    }

    public record Tick(int y, String label) {
    }

    /**
     * One step of a sequence drawn evenly spaced (a task's lifecycle: its steps come in bursts a few
     * milliseconds apart and then nothing for hours, which a time axis would crush), with its time
     * and how long after the previous step it came.
     */
    public record Step(int x, String label, String at, String after, String color) {
    }

    /** {@code marks} as evenly spaced steps across the chart's width. */
    public static List<Step> steps(List<Mark> marks) {
        List<Step> steps = new ArrayList<>();
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
        int span = WIDTH - LEFT - RIGHT;
        for (int i = 0; i < marks.size(); i++) {
            Mark mark = marks.get(i);
            int x = LEFT + (marks.size() == 1 ? 0 : span * i / (marks.size() - 1));
            String after = i == 0 ? "" : "+" + elapsed(Duration.between(marks.get(i - 1).at(), mark.at()));
            steps.add(new Step(x, mark.label(), clock.format(mark.at()), after, mark.color()));
        }
        return steps;
    }

    /** A duration as people say it: 850 ms, 4.2 s, 3 min 5 s, 2 h 10 min. */
    static String elapsed(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return format(Math.round(millis / 100.0) / 10.0) + " s";
        }
        if (millis < 3_600_000) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return duration.toHours() + " h " + duration.toMinutesPart() + " min";
    }

    public int plotBottom() {
        return height - BOTTOM;
    }

    public int plotRight() {
        return width - RIGHT;
    }

    public int left() {
        return LEFT;
    }

    public boolean empty() {
        return lines.stream().allMatch(l -> l.points().isEmpty());
    }

    /** Draws the series between {@code from} and {@code to}; the value axis runs from 0 past the largest value. */
    public static TimeChart of(List<Series> series, List<Mark> marks, Instant from, Instant to) {
        Instant end = to.isAfter(from) ? to : from.plusSeconds(1);
        double max = series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::value).max().orElse(1);
        double top = niceCeiling(max);
        Scale scale = new Scale(from, end, top);
        List<Line> lines = new ArrayList<>();
        for (Series s : series) {
            lines.add(new Line(s.name(), s.color(), s.dashed(), polyline(s, scale, end),
                    s.points().isEmpty() ? "" : format(s.points().get(s.points().size() - 1).value())));
        }
        List<Rule> rules = new ArrayList<>();
        for (Mark mark : marks) {
            if (!mark.at().isBefore(from) && !mark.at().isAfter(end)) {
                rules.add(new Rule(scale.x(mark.at()), mark.label(), mark.color()));
            }
        }
        List<Tick> ticks = List.of(new Tick(scale.y(0), "0"), new Tick(scale.y(top / 2), format(top / 2)),
                new Tick(scale.y(top), format(top)));
        return new TimeChart(WIDTH, HEIGHT, lines, rules, ticks, CLOCK.format(from), CLOCK.format(end));
    }

    private static String polyline(Series series, Scale scale, Instant end) {
        StringBuilder points = new StringBuilder();
        Integer lastY = null;
        for (Point point : series.points()) {
            if (point.at().isBefore(scale.from) || point.at().isAfter(end)) {
                continue;
            }
            int x = scale.x(point.at());
            int y = scale.y(point.value());
            if (series.step() && lastY != null) {
                append(points, x, lastY);
            }
            append(points, x, y);
            lastY = y;
        }
        if (series.step() && lastY != null) {
            append(points, scale.x(end), lastY);
        }
        return points.toString();
    }

    private static void append(StringBuilder points, int x, int y) {
        if (points.length() > 0) {
            points.append(' ');
        }
        points.append(x).append(',').append(y);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: axis labels people read at a glance. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f",
                value);
    }

    private record Scale(Instant from, Instant to, double top) {

        int x(Instant at) {
            double span = Math.max(1, Duration.between(from, to).toMillis());
            return LEFT + (int) Math.round((WIDTH - LEFT - RIGHT) * Duration.between(from, at).toMillis() / span);
        }

        int y(double value) {
            return HEIGHT - BOTTOM - (int) Math.round((HEIGHT - TOP - BOTTOM) * value / top);
        }
    }
}
