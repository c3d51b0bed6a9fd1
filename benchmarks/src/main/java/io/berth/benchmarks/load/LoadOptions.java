package io.berth.benchmarks.load;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The command line of {@link LoadGenerator}, parsed and checked.
 *
 * @param json where to write the figures as JSON, if anywhere
 * @param account the twelve-digit account the requests act as
 */
record LoadOptions(URI endpoint, String scenario, Schedule schedule, int maxInFlight, Optional<Path> json,
        String account, String region, int instances, long seed, double writeRatio) {

    static final String USAGE = """
            Usage: java -cp <benchmark classpath> io.berth.benchmarks.load.LoadGenerator [options]
              --endpoint URL        ECS endpoint (default http://localhost:8080)
              --scenario NAME       %s (default reads)
              --rate N              requests per second on the schedule (default 50)
              --duration D          measured time, ISO-8601 (PT2M) or seconds (default 60)
              --warmup D            time before it, sent but reported apart (default 10)
              --max-in-flight N     requests waiting for an answer at once; more are dropped and counted (default 256)
              --json PATH           also write the figures as JSON to PATH
              --account ID          twelve-digit account the requests act as (default 000000000000)
              --region NAME         region of the requests (default us-east-1)
              --instances N         container instances the setup registers (default 10)
              --write-ratio R       share of mutating requests in the mixed scenario, 0 to 1 (default 0.2)
              --seed N              seed of the scenario's random choices (default 1)
            """.formatted(String.join(", ", Scenarios.names()));

    private static final Set<String> NAMES = Set.of("endpoint", "scenario", "rate", "duration", "warmup",
            "max-in-flight", "json", "account", "region", "instances", "write-ratio", "seed");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    LoadOptions {
        if (!Set.of("http", "https").contains(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("--endpoint must be an http or https URL, got " + endpoint);
        }
        if (!Scenarios.names().contains(scenario)) {
            throw new IllegalArgumentException("--scenario must be one of " + Scenarios.names() + ", got " + scenario);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("--max-in-flight must be at least 1");
        }
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("--account must be twelve digits, got " + account);
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("--region must look like us-east-1, got " + region);
        }
        if (instances < 0) {
            throw new IllegalArgumentException("--instances must not be negative");
        }
        if (!(writeRatio >= 0 && writeRatio <= 1)) {
            throw new IllegalArgumentException("--write-ratio must be between 0 and 1");
        }
    }

    /** Options as {@code --name value} or {@code --name=value}; every option has a default. */
    static LoadOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Expected an option, got " + arg);
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
            if (equals < 0 && i + 1 == args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, equals < 0 ? args[++i] : arg.substring(equals + 1));
        }
        return new LoadOptions(
                value(values, "endpoint", "http://localhost:8080", URI::create),
                values.getOrDefault("scenario", "reads"),
                new Schedule(
                        value(values, "rate", "50", Double::parseDouble),
                        value(values, "warmup", "10", LoadOptions::duration),
                        value(values, "duration", "60", LoadOptions::duration)),
                value(values, "max-in-flight", "256", Integer::parseInt),
                Optional.ofNullable(values.get("json")).map(Path::of),
                values.getOrDefault("account", "000000000000"),
                values.getOrDefault("region", "us-east-1"),
                value(values, "instances", "10", Integer::parseInt),
                value(values, "seed", "1", Long::parseLong),
                value(values, "write-ratio", "0.2", Double::parseDouble));
    }

    /** An ISO-8601 duration ({@code PT1M30S}) or a number of seconds ({@code 90}, {@code 1.5}). */
    static Duration duration(String text) {
        try {
            if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            return Duration.ofNanos(new BigDecimal(text).movePointRight(9).longValueExact());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("expected an ISO-8601 duration such as PT30S or a number of seconds, got "
                    + text, e);
        }
    }

    private static <T> T value(Map<String, String> values, String name, String fallback, Function<String, T> parse) {
        String text = values.getOrDefault(name, fallback);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + name + ": cannot read " + text + " (" + e.getMessage() + ")", e);
        }
    }
}
