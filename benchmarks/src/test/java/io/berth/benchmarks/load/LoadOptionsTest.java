package io.berth.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadOptionsTest {

    @Test
    void everyOptionHasADefault() {
        LoadOptions options = LoadOptions.parse();

        assertThat(options.endpoint()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(options.scenario()).isEqualTo("reads");
        assertThat(options.schedule()).isEqualTo(new Schedule(50, Duration.ofSeconds(10), Duration.ofSeconds(60)));
        assertThat(options.maxInFlight()).isEqualTo(256);
        assertThat(options.json()).isEmpty();
        assertThat(options.account()).isEqualTo("000000000000");
        assertThat(options.region()).isEqualTo("us-east-1");
        assertThat(options.instances()).isEqualTo(10);
        assertThat(options.seed()).isEqualTo(1);
        assertThat(options.writeRatio()).isEqualTo(0.2);
    }

    @Test
    void optionsAreReadWithASpaceOrAnEqualsSign() {
        LoadOptions options = LoadOptions.parse("--endpoint", "https://ecs.example.test:8443", "--scenario=mixed",
                "--rate", "12.5", "--duration=PT2M", "--warmup", "0", "--max-in-flight", "8", "--json", "out/run.json",
                "--account=123456789012", "--region", "eu-west-1", "--instances", "3", "--seed", "42",
                "--write-ratio", "0.5");

        assertThat(options).isEqualTo(new LoadOptions(URI.create("https://ecs.example.test:8443"), "mixed",
                new Schedule(12.5, Duration.ZERO, Duration.ofMinutes(2)), 8,
                Optional.of(Path.of("out/run.json")), "123456789012", "eu-west-1", 3, 42, 0.5));
    }

    @ParameterizedTest
    @CsvSource({"PT1M30S, 90000", "pt2s, 2000", "90, 90000", "1.5, 1500", "0.001, 1"})
    void durationsAreIsoOrSeconds(String text, long millis) {
        assertThat(LoadOptions.duration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--colour blue                 | Unknown option --colour",
            "--rate                        | --rate needs a value",
            "rate 5                        | Expected an option",
            "--rate fast                   | --rate: cannot read fast",
            "--rate 0                      | rate must be a positive",
            "--duration 2m                 | --duration: cannot read 2m",
            "--scenario writes             | --scenario must be one of",
            "--endpoint ftp://host/        | --endpoint must be an http or https URL",
            "--account 1234                | --account must be twelve digits",
            "--region Mars                 | --region must look like us-east-1",
            "--max-in-flight 0             | --max-in-flight must be at least 1",
            "--write-ratio 1.5             | --write-ratio must be between 0 and 1"})
    void mistakesAreReportedByOption(String args, String message) {
        assertThatThrownBy(() -> LoadOptions.parse(args.split(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
