package io.berth.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Puts a fixed rate of ECS requests on any endpoint that speaks the ECS JSON 1.1 protocol and
 * reports latency percentiles and errors per operation; see {@code benchmarks/LOAD.md}.
 */
public final class LoadGenerator {

    /** How long the end of a run waits for the last answers: past the request timeout, so each one ends. */
    private static final Duration DRAIN_TIMEOUT = HttpTransport.REQUEST_TIMEOUT.plusSeconds(5);

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        if (Arrays.stream(args).anyMatch(arg -> List.of("--help", "-h").contains(arg))) {
            System.out.print(LoadOptions.USAGE);
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options, System.out);
        } catch (IOException | RuntimeException e) {
            System.err.println("The load run failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Sets the scenario up, runs it, prints the table to {@code out} and writes the JSON file if asked. */
    static LoadReport run(LoadOptions options, PrintStream out) throws IOException {
        Transport transport = HttpTransport.create(options.endpoint(), options.account(), options.region());
        ScenarioSettings settings = new ScenarioSettings("berth-load-" + Long.toString(System.currentTimeMillis(), 36),
                options.region(), options.instances(), options.writeRatio(), options.seed());
        Scenario scenario = Scenarios.create(options.scenario(), settings);
        out.printf("Setting up %s on cluster %s at %s%n", options.scenario(), settings.cluster(), options.endpoint());
        scenario.setUp(new Setup(transport, Ec2Instances.queryApi(options.endpoint(), options.account(),
                options.region())));

        // When the schedule starts, on the wall clock: what samples the stack beside the run (cores.py) needs to cut
        // its window to the measured part, without the set-up's instances and the warm-up.
        out.printf("Sending from %d ms (epoch), warm-up %d ms, measured %d ms%n", System.currentTimeMillis(),
                options.schedule().warmup().toMillis(), options.schedule().measured().toMillis());
        LoadDriver.Result result = new LoadDriver(transport, Ticker.system(), options.maxInFlight(), DRAIN_TIMEOUT)
                .run(scenario, options.schedule());
        LoadReport report = new LoadReport(options.scenario(), options.endpoint().toString(),
                options.schedule().ratePerSecond(), options.maxInFlight(), options.seed(),
                result.warmup(), result.measured(), result.unfinished());
        out.print(ReportTable.render(report));
        if (options.json().isPresent()) {
            Path json = options.json().get();
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
            out.println("Figures written to " + json);
        }
        return report;
    }
}
