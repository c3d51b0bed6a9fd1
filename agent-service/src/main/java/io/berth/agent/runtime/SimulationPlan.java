package io.berth.agent.runtime;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What the simulated runtime plays for a task, read from its docker labels (documented in {@code RUNTIMES.md}).
 *
 * @param failToStart the reason the task fails to start with, or null when it starts
 * @param exitAfter how long the first essential container runs before it exits, or null when it runs until stopped
 * @param exitCode the code it then exits with
 * @param logRate the lines per second each container that has a log driver writes while it runs
 * @param cpuFile a file whose percent, while it reads, replaces {@code cpu}: a load a test or a demo turns up and
 *        down on tasks already running, as real traffic does, or null
 */
record SimulationPlan(String failToStart, Duration exitAfter, int exitCode, Percent cpu, Percent memory,
        double logRate, Path cpuFile) {

    static final String FAIL_TO_START = "berth.simulate.fail-to-start";
    static final String EXIT_CODE = "berth.simulate.exit-code";
    static final String RUN_FOR = "berth.simulate.run-for";
    static final String CPU = "berth.simulate.cpu";
    static final String MEMORY = "berth.simulate.memory";
    static final String LOG_RATE = "berth.simulate.log-rate";
    static final String CPU_FILE = "berth.simulate.cpu-file";

    /** A utilization percentage, drawn uniformly from {@code min} to {@code max} at each sample. */
    record Percent(double min, double max) {

        static final Percent IDLE = new Percent(0, 0);

        /** {@code "40"} or {@code "20-80"}. */
        static Percent parse(String text) {
            int dash = text.indexOf('-', 1);
            double min = Double.parseDouble(dash < 0 ? text : text.substring(0, dash));
            double max = dash < 0 ? min : Double.parseDouble(text.substring(dash + 1));
            if (!(min >= 0 && max >= min && Double.isFinite(max))) {
                throw new IllegalArgumentException(text);
            }
            return new Percent(min, max);
        }

        double sample(RandomGenerator random) {
            return min == max ? min : random.nextDouble(min, max);
        }
    }

    /**
     * The plan the labels describe; a label with a value it cannot read makes a plan that fails to start, naming
     * the label, so a mistyped scenario shows in the task's stopped reason.
     */
    static SimulationPlan from(Map<String, String> labels) {
        try {
            boolean exits = labels.containsKey(EXIT_CODE) || labels.containsKey(RUN_FOR);
            return new SimulationPlan(labels.get(FAIL_TO_START),
                    exits ? read(labels, RUN_FOR, SimulationPlan::duration).orElse(Duration.ZERO) : null,
                    read(labels, EXIT_CODE, SimulationPlan::exitCode).orElse(0),
                    read(labels, CPU, Percent::parse).orElse(Percent.IDLE),
                    read(labels, MEMORY, Percent::parse).orElse(Percent.IDLE),
                    read(labels, LOG_RATE, SimulationPlan::rate).orElse(0.0),
                    read(labels, CPU_FILE, SimulationPlan::absolutePath).orElse(null));
        } catch (IllegalArgumentException e) {
            return new SimulationPlan(e.getMessage(), null, 0, Percent.IDLE, Percent.IDLE, 0, null);
        }
    }

    /**
     * The CPU percent to sample now: the file's while it holds a readable percent, else the label's. A missing or
     * half-written file is not the task's failure, only a moment without the file's load.
     */
    Percent cpuNow() {
        if (cpuFile == null) {
            return cpu;
        }
        try {
            return Percent.parse(Files.readString(cpuFile).strip());
        } catch (IOException | IllegalArgumentException e) {
            return cpu;
        }
    }

    /** Absolute, so that the file does not depend on the directory the agent happens to run in. */
    private static Path absolutePath(String text) {
        Path path = Path.of(text);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(text);
        }
        return path;
    }

    private static <T> Optional<T> read(Map<String, String> labels, String label, Function<String, T> parser) {
        String value = labels.get(label);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(value.strip()));
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for label " + label, e);
        }
    }

    /** ISO-8601 ({@code PT5S}) or a number of seconds ({@code 5}, {@code 0.25}). */
    private static Duration duration(String text) {
        Duration duration = text.startsWith("P") || text.startsWith("p") ? Duration.parse(text)
                : Duration.ofNanos(new BigDecimal(text).movePointRight(9).longValueExact());
        if (duration.isNegative()) {
            throw new IllegalArgumentException(text);
        }
        return duration;
    }

    /** Lines per second, at most 100,000 (a line every 10 µs). */
    private static double rate(String text) {
        double rate = Double.parseDouble(text);
        if (!(rate >= 0 && rate <= 100_000)) {
            throw new IllegalArgumentException(text);
        }
        return rate;
    }

    private static int exitCode(String text) {
        int code = Integer.parseInt(text);
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException(text);
        }
        return code;
    }
}
