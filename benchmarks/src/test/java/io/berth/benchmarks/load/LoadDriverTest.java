package io.berth.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The schedule and the accounting of the driver, on a manual clock so that every figure is exact. */
class LoadDriverTest {

    private static final long MS = 1_000_000;
    private static final long MICROS_PER_MS = 1_000;
    /** Ten requests, one every 10 ms, all measured. */
    private static final Schedule TEN_AT_100_PER_SECOND = new Schedule(100, Duration.ZERO, Duration.ofMillis(100));
    private static final EcsResponse OK = new EcsResponse(200, "{}");

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void aServerStallShowsInTheLatencyOfEveryRequestQueuedBehindIt() {
        // One server thread: every answer waits for the one before; the third request takes 500 ms.
        AtomicInteger sent = new AtomicInteger();
        AtomicLong serverFreeAt = new AtomicLong();
        Transport server = request -> {
            CompletableFuture<EcsResponse> answer = new CompletableFuture<>();
            long work = sent.getAndIncrement() == 2 ? 500 * MS : 0;
            ticker.at(serverFreeAt.updateAndGet(free -> Math.max(free, ticker.nanoTime()) + work),
                    () -> answer.complete(OK));
            return answer;
        };

        OperationReport all = driver(server, 100).run(TestScenarios.cycling("ListTasks"), TEN_AT_100_PER_SECOND)
                .measured().all();

        assertStallFigures(all);
        assertThat(all.late()).isZero();
    }

    @Test
    void aStallThatHoldsTheGeneratorBackGivesTheSameFiguresBecauseLatencyRunsFromTheIntendedStart() {
        // The third send holds the generator for 500 ms; the server itself answers at once. The seven
        // requests meant to start meanwhile leave late, and their wait counts as latency all the same.
        AtomicInteger sent = new AtomicInteger();
        Transport stallingSender = request -> {
            if (sent.getAndIncrement() == 2) {
                ticker.advance(Duration.ofMillis(500));
            }
            return CompletableFuture.completedFuture(OK);
        };

        OperationReport all = driver(stallingSender, 100)
                .run(TestScenarios.cycling("ListTasks"), TEN_AT_100_PER_SECOND).measured().all();

        assertStallFigures(all);
        assertThat(all.late()).isEqualTo(7);
    }

    /** Latencies 0, 0, 500, 490, 480, 470, 460, 450, 440 and 430 ms, whatever stalled. */
    private static void assertStallFigures(OperationReport all) {
        assertThat(all.sent()).isEqualTo(10);
        assertThat(all.answered()).isEqualTo(10);
        assertThat(all.dropped()).isZero();
        LatencyReport latency = all.latencyMicros();
        assertThat(latency.p50()).isCloseTo(450 * MICROS_PER_MS, within(MICROS_PER_MS));
        assertThat(latency.p90()).isCloseTo(490 * MICROS_PER_MS, within(MICROS_PER_MS));
        assertThat(latency.max()).isCloseTo(500 * MICROS_PER_MS, within(MICROS_PER_MS));
    }

    @Test
    void requestsBeyondTheInFlightLimitAreDroppedAndCountedWhileTheScheduleKeepsItsPace() {
        List<Long> sentAt = new ArrayList<>();
        Transport slowServer = request -> {
            sentAt.add(ticker.nanoTime() / MS);
            CompletableFuture<EcsResponse> answer = new CompletableFuture<>();
            ticker.at(ticker.nanoTime() + 45 * MS, () -> answer.complete(OK));
            return answer;
        };

        LoadDriver.Result result = driver(slowServer, 2).run(TestScenarios.cycling("RunTask"), TEN_AT_100_PER_SECOND);

        // Two requests wait 45 ms each; the slots at 20, 30, 40, 70, 80 and 90 ms find both places taken.
        assertThat(sentAt).containsExactly(0L, 10L, 50L, 60L);
        OperationReport runTask = result.measured().operations().get(0);
        assertThat(runTask.sent()).isEqualTo(4);
        assertThat(runTask.dropped()).isEqualTo(6);
        assertThat(runTask.answered()).isEqualTo(4);
        assertThat(runTask.latencyMicros().max()).isCloseTo(45 * MICROS_PER_MS, within(MICROS_PER_MS / 10));
        assertThat(result.unfinished()).isZero();
    }

    @Test
    void theWarmupIsReportedApartFromTheMeasuredRequests() {
        // Three warm-up requests take 20 ms, the five measured ones 1 ms.
        AtomicInteger sent = new AtomicInteger();
        Transport server = request -> {
            CompletableFuture<EcsResponse> answer = new CompletableFuture<>();
            ticker.at(ticker.nanoTime() + (sent.getAndIncrement() < 3 ? 20 : 1) * MS, () -> answer.complete(OK));
            return answer;
        };
        Schedule schedule = new Schedule(100, Duration.ofMillis(30), Duration.ofMillis(50));

        LoadDriver.Result result = driver(server, 100).run(TestScenarios.cycling("DescribeClusters"), schedule);

        assertThat(result.warmup().all().answered()).isEqualTo(3);
        assertThat(result.warmup().all().latencyMicros().p50()).isCloseTo(20 * MICROS_PER_MS, within(MICROS_PER_MS / 10));
        assertThat(result.measured().all().answered()).isEqualTo(5);
        assertThat(result.measured().all().latencyMicros().max()).isCloseTo(MICROS_PER_MS, within(10L));
        assertThat(result.measured().seconds()).isEqualTo(0.05);
        assertThat(result.measured().achievedRate()).isCloseTo(100, within(1e-9));
    }

    @Test
    void answersAreCountedByStatusAndErrorTypeAndMissingAnswersAsTransportErrors() {
        Transport server = request -> switch (request.operation()) {
            case "ListTasks" -> CompletableFuture.completedFuture(OK);
            case "DescribeTasks" -> CompletableFuture.completedFuture(new EcsResponse(400,
                    "{\"__type\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}"));
            case "UpdateService" -> CompletableFuture.completedFuture(new EcsResponse(503, ""));
            default -> CompletableFuture.failedFuture(new ConnectException("Connection refused"));
        };

        PhaseReport measured = driver(server, 100).run(
                TestScenarios.cycling("ListTasks", "DescribeTasks", "UpdateService", "RunTask"),
                new Schedule(100, Duration.ZERO, Duration.ofMillis(80))).measured();

        assertThat(measured.operations()).extracting(OperationReport::operation)
                .containsExactly("DescribeTasks", "ListTasks", "RunTask", "UpdateService");
        OperationReport describe = measured.operations().get(0);
        assertThat(describe.answered()).isEqualTo(2);
        assertThat(describe.clientErrors()).isEqualTo(Map.of("ClusterNotFoundException", 2L));
        OperationReport list = measured.operations().get(1);
        assertThat(list.ok()).isEqualTo(2);
        assertThat(list.errors()).isZero();
        OperationReport run = measured.operations().get(2);
        assertThat(run.answered()).isZero();
        assertThat(run.transportErrors()).isEqualTo(Map.of("ConnectException", 2L));
        assertThat(run.latencyMicros()).isNull();
        OperationReport update = measured.operations().get(3);
        assertThat(update.serverErrors()).isEqualTo(2);
        assertThat(update.answered()).isEqualTo(2);
        assertThat(measured.all().sent()).isEqualTo(8);
        assertThat(measured.all().answered()).isEqualTo(6);
        assertThat(measured.all().errors()).isEqualTo(6);
    }

    @Test
    void answersThatNeverComeAreReportedAsUnfinishedOnceTheDrainTimeoutPasses() {
        Transport silent = request -> new CompletableFuture<>();

        LoadDriver.Result result = driver(silent, 100).run(TestScenarios.cycling("ListTasks"), TEN_AT_100_PER_SECOND);

        assertThat(result.unfinished()).isEqualTo(10);
        assertThat(result.measured().all().answered()).isZero();
        assertThat(ticker.nanoTime()).isEqualTo(90 * MS + Duration.ofSeconds(1).toNanos());
    }

    private LoadDriver driver(Transport transport, int maxInFlight) {
        return new LoadDriver(transport, ticker, maxInFlight, Duration.ofSeconds(1));
    }
}
