package io.berth.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole generator, command line to JSON file, against an in-process server that speaks ECS JSON 1.1. */
class LoadGeneratorSmokeTest {

    private static final List<String> READS = List.of("DescribeClusters", "DescribeTasks", "ListContainerInstances",
            "ListTasks");
    private static final String TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/c/0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void aShortReadsRunCountsEveryAnswerPerOperationAndWritesTheSameFiguresAsJson() throws Exception {
        Path json = dir.resolve("reads.json");
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        LoadReport report;
        try (EcsStubServer server = new EcsStubServer(operation -> switch (operation) {
            case "ListContainerInstances" -> EcsStubServer.Reply.error("ClusterNotFoundException");
            case "RunTask" -> EcsStubServer.Reply.ok("{\"tasks\":[{\"taskArn\":\"" + TASK_ARN + "\"}],\"failures\":[]}");
            default -> EcsStubServer.Reply.ok("{}");
        })) {
            LoadOptions options = LoadOptions.parse("--endpoint", server.endpoint().toString(), "--scenario", "reads",
                    "--rate", "40", "--warmup", "0.5", "--duration", "1.5", "--instances", "2",
                    "--account", "123456789012", "--region", "eu-west-1", "--json", json.toString());

            report = LoadGenerator.run(options, new PrintStream(table, true, StandardCharsets.UTF_8));

            assertThat(server.violations()).isEmpty();
            assertThat(server.authorizations()).containsExactly("AWS4-HMAC-SHA256 Credential=123456789012/20261126/"
                    + "eu-west-1/ecs/aws4_request, SignedHeaders=host, Signature=0");
            assertThat(server.calls("CreateCluster")).isEqualTo(1);
            assertThat(server.calls("RegisterContainerInstance")).isEqualTo(2);
            for (String operation : READS) {
                assertThat(server.calls(operation)).as(operation)
                        .isEqualTo(sent(report.warmup(), operation) + sent(report.measured(), operation));
            }
        }

        PhaseReport measured = report.measured();
        assertThat(report.unfinished()).isZero();
        assertThat(report.warmup().all().sent() + report.warmup().all().dropped()).isEqualTo(20);
        assertThat(measured.all().sent() + measured.all().dropped()).isEqualTo(60);
        assertThat(measured.all().dropped()).isZero();
        assertThat(measured.achievedRate()).isEqualTo(measured.all().answered() / 1.5);
        assertThat(measured.operations()).extracting(OperationReport::operation).containsExactlyElementsOf(READS);
        for (OperationReport operation : measured.operations()) {
            assertThat(operation.answered()).as(operation.operation()).isEqualTo(operation.sent()).isPositive();
            LatencyReport latency = operation.latencyMicros();
            assertThat(latency.p50()).isLessThanOrEqualTo(latency.p90());
            assertThat(latency.p90()).isLessThanOrEqualTo(latency.p99());
            assertThat(latency.p99()).isLessThanOrEqualTo(latency.p999());
            assertThat(latency.p999()).isLessThanOrEqualTo(latency.max());
            if (operation.operation().equals("ListContainerInstances")) {
                assertThat(operation.ok()).isZero();
                assertThat(operation.clientErrors()).containsOnlyKeys("ClusterNotFoundException")
                        .containsValue(operation.answered());
            } else {
                assertThat(operation.ok()).isEqualTo(operation.answered());
                assertThat(operation.errors()).isZero();
            }
        }

        assertThat(table.toString(StandardCharsets.UTF_8)).contains(READS).contains("ClusterNotFoundException");
        JsonNode written = Json.MAPPER.readTree(json.toFile());
        assertThat(written.path("scenario").asText()).isEqualTo("reads");
        assertThat(written.path("measured").path("operations").findValuesAsText("operation"))
                .containsExactlyElementsOf(READS);
        for (JsonNode operation : written.path("measured").path("operations")) {
            assertThat(operation.path("latencyMicros").path("p99").isIntegralNumber()).isTrue();
        }
        assertThat(written.path("measured").path("all").path("answered").asLong()).isEqualTo(measured.all().answered());
        assertThat(written.path("measured").path("all").path("errors").asLong()).isEqualTo(measured.all().errors());
        assertThat(written.path("warmup").path("all").path("sent").asLong()).isEqualTo(report.warmup().all().sent());
    }

    @Test
    void aServerThatStallsOnceShowsInTheTailAndTheRequestsItHeldBackAreCountedAsDropped() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (EcsStubServer server = new EcsStubServer(operation -> calls.incrementAndGet() == 3
                ? new EcsStubServer.Reply(200, "{}", Duration.ofMillis(500))
                : EcsStubServer.Reply.ok("{}"))) {
            Transport transport = HttpTransport.create(server.endpoint(), "000000000000", "us-east-1");
            LoadDriver driver = new LoadDriver(transport, Ticker.system(), 1, Duration.ofSeconds(10));

            LoadDriver.Result result = driver.run(TestScenarios.cycling("ListTasks"),
                    new Schedule(20, Duration.ZERO, Duration.ofMillis(1500)));

            OperationReport all = result.measured().all();
            assertThat(all.sent() + all.dropped()).isEqualTo(30);
            // With one request allowed in flight, the nine slots inside the 500 ms stall find it taken.
            assertThat(all.dropped()).isGreaterThanOrEqualTo(9);
            assertThat(all.answered()).isEqualTo(all.sent());
            assertThat(all.latencyMicros().max()).isGreaterThanOrEqualTo(500_000);
            assertThat(result.unfinished()).isZero();
        }
    }

    private static long sent(PhaseReport phase, String operation) {
        return phase.operations().stream().filter(o -> o.operation().equals(operation))
                .mapToLong(OperationReport::sent).sum();
    }
}
