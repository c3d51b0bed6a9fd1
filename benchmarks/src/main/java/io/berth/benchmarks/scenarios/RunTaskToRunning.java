package io.berth.benchmarks.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Issue scenarios "RunTask → RUNNING latency" and "event lag": open-loop RunTask (count 10) at
 * {@code tasksPerSecond} on a simulated fleet, following the cluster's events on the gateway's
 * live stream. For each task: from the moment its RunTask was sent until its RUNNING report
 * arrives on the stream. For every event on the stream: from its {@code occurredAt} (the owner's
 * commit) until it arrives, i.e. outbox relay, broker and the gateway's consumer. Tasks sent in
 * the first {@code warmupSeconds} are not counted.
 * Usage: {@code RunTaskToRunning [endpoint] [instances] [tasksPerSecond] [seconds] [warmupSeconds] [cluster]}:
 * with {@code cluster}, runs reuse that cluster and launch its fleet only the first time.
 */
public final class RunTaskToRunning {

    private static final long HIGHEST_MILLIS = 600_000;
    private static final int COUNT = 10;

    private final StackClient stack;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> runningAt = new ConcurrentHashMap<>();
    private final Histogram eventLagMillis = new ConcurrentHistogram(HIGHEST_MILLIS, 3);
    private final Histogram answerMillis = new ConcurrentHistogram(HIGHEST_MILLIS, 3);
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();

    private RunTaskToRunning(URI endpoint) {
        this.stack = new StackClient(endpoint);
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://localhost:8080/");
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int tasksPerSecond = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        String cluster = args.length > 5 ? args[5] : "latency-" + System.currentTimeMillis();
        new RunTaskToRunning(endpoint).run(cluster, instances, tasksPerSecond, seconds, warmup);
        System.exit(0);
    }

    private void run(String cluster, int instances, int tasksPerSecond, int seconds, int warmupSeconds)
            throws Exception {
        stack.ecs("CreateCluster", "{\"clusterName\":\"" + cluster + "\"}");
        if (stack.get("/v1/clusters/" + cluster + "/capacity").path("instances").size() < instances) {
            stack.fleet(cluster, instances);
        }
        stack.ecs("RegisterTaskDefinition", "{\"family\":\"latency\",\"containerDefinitions\":[{\"name\":\"main\","
                + "\"image\":\"busybox\",\"cpu\":1,\"memory\":6}]}");
        stack.follow("cluster=" + cluster, this::onEvent);

        String request = "{\"cluster\":\"" + cluster + "\",\"taskDefinition\":\"latency\",\"count\":" + COUNT + "}";
        long start = System.nanoTime();
        long countFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) * COUNT / tasksPerSecond;
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        ticks.scheduleAtFixedRate(() -> {
            long sent = System.nanoTime();
            inFlight.incrementAndGet();
            stack.ecsAsync("RunTask", request).whenComplete((answer, failure) -> {
                inFlight.decrementAndGet();
                if (failure != null) {
                    if (errors.incrementAndGet() == 1) {
                        System.err.println("First failed RunTask: " + failure);
                    }
                    return;
                }
                long answered = System.nanoTime();
                if (sent >= countFrom) {
                    answerMillis.recordValue(Math.min(HIGHEST_MILLIS, (answered - sent) / 1_000_000));
                }
                failures.addAndGet(answer.path("failures").size());
                for (JsonNode task : answer.path("tasks")) {
                    placed.incrementAndGet();
                    if (sent >= countFrom) {
                        sentAt.put(task.path("taskArn").asText(), sent);
                    }
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds + seconds));
        ticks.shutdownNow();
        long sendingEnded = System.nanoTime();
        // Wait (at most a minute) for the last answers and RUNNING reports.
        long deadline = sendingEnded + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline
                && (inFlight.get() > 0 || !sentAt.keySet().stream().allMatch(runningAt::containsKey))) {
            Thread.sleep(100);
        }
        report(tasksPerSecond, seconds, warmupSeconds, instances, (sendingEnded - start) / 1e9);
    }

    private void onEvent(JsonNode envelope, long arrivedNanos) {
        events.incrementAndGet();
        long lag = System.currentTimeMillis() - Instant.parse(envelope.path("occurredAt").asText()).toEpochMilli();
        eventLagMillis.recordValue(Math.max(0, Math.min(HIGHEST_MILLIS, lag)));
        JsonNode payload = envelope.path("payload");
        if ("TaskStateReported".equals(envelope.path("type").asText())
                && "RUNNING".equals(payload.path("lastStatus").asText())) {
            runningAt.putIfAbsent(payload.path("taskArn").asText(), arrivedNanos);
        }
    }

    private void report(int rate, int seconds, int warmup, int instances, double sendingSeconds) {
        Histogram toRunning = new Histogram(HIGHEST_MILLIS, 3);
        long neverRunning = 0;
        for (Map.Entry<String, Long> task : sentAt.entrySet()) {
            Long running = runningAt.get(task.getKey());
            if (running == null) {
                neverRunning++;
            } else {
                toRunning.recordValue(Math.min(HIGHEST_MILLIS, Math.max(0, (running - task.getValue()) / 1_000_000)));
            }
        }
        System.out.printf(Locale.ROOT, "RunTask at %d tasks/s (count %d) for %d s after %d s of warm-up, %d instances;"
                + " sending took %.1f s%n", rate, COUNT, seconds, warmup, instances, sendingSeconds);
        System.out.printf(Locale.ROOT, "tasks placed %d (%.0f/s), placement failures %d, request errors %d,"
                + " unanswered %d, counted %d, never RUNNING %d%n", placed.get(), placed.get() / sendingSeconds,
                failures.get(), errors.get(), inFlight.get(), sentAt.size(), neverRunning);
        line("RunTask answer", answerMillis);
        line("RunTask -> RUNNING", toRunning);
        line("event -> stream (" + events.get() + " events)", eventLagMillis);
    }

    private static void line(String what, Histogram millis) {
        System.out.printf(Locale.ROOT, "%-32s p50 %6d ms  p90 %6d ms  p99 %6d ms  max %6d ms  (n=%d)%n", what,
                millis.getValueAtPercentile(50), millis.getValueAtPercentile(90), millis.getValueAtPercentile(99),
                millis.getMaxValue(), millis.getTotalCount());
    }
}
