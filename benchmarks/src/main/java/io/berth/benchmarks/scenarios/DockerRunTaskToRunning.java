package io.berth.benchmarks.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RunTask → RUNNING for docker-runtime tasks, one task at a time, split into the control plane's time and the
 * engine's ({@code stack-scenario.sh docker} times the engine's own {@code podman run} beside it, in the same run).
 *
 * <p>For each task: the time from sending RunTask to DescribeTasks saying RUNNING (polled every 5 ms); of it, the
 * agent's time from taking the task ({@code pullStartedAt}) to its containers started ({@code startedAt}) is engine
 * time (create, start; a pull when the image is missing), the rest is the control plane's (gateway, scheduler, Kafka, the report's way
 * back).
 *
 * <p>Arguments: endpoint, cluster (with docker instances), tasks, image, and optionally the DescribeTasks poll's
 * interval in milliseconds (5, the scenario's own; a slower poll is for measuring what the poll itself costs the
 * stack, beside the scenario, never instead of it: a task's RUNNING is then seen up to one interval late).
 */
public final class DockerRunTaskToRunning {

    private DockerRunTaskToRunning() {
    }

    public static void main(String[] args) throws Exception {
        StackClient stack = new StackClient(URI.create(args[0]));
        String cluster = args[1];
        int tasks = Integer.parseInt(args[2]);
        String image = args[3];
        long pollMillis = args.length > 4 ? Long.parseLong(args[4]) : 5;
        stack.ecs("RegisterTaskDefinition", """
                {"family":"docker-bench","containerDefinitions":[{"name":"main","image":"%s","memory":16,
                 "entryPoint":["sleep"],"command":["600"],"stopTimeout":1}]}""".formatted(image));

        List<Double> total = new ArrayList<>();
        List<Double> engine = new ArrayList<>();
        List<Double> control = new ArrayList<>();
        List<Double> toAgent = new ArrayList<>();
        List<Double> back = new ArrayList<>();
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            long sent = System.nanoTime();
            double sentAt = epochSeconds();
            JsonNode run = stack.ecs("RunTask", "{\"cluster\":\"" + cluster
                    + "\",\"taskDefinition\":\"docker-bench\"}");
            if (run.path("tasks").isEmpty()) {
                throw new IllegalStateException("RunTask placed nothing: " + run);
            }
            String arn = run.path("tasks").get(0).path("taskArn").asText();
            arns.add(arn);
            JsonNode task = awaitRunning(stack, cluster, arn, pollMillis);
            double seconds = (System.nanoTime() - sent) / 1e9;
            double agent = task.path("startedAt").asDouble() - task.path("pullStartedAt").asDouble();
            total.add(seconds);
            engine.add(agent);
            control.add(seconds - agent);
            toAgent.add(task.path("pullStartedAt").asDouble() - sentAt);
            back.add(sentAt + seconds - task.path("startedAt").asDouble());
        }

        System.out.printf(Locale.ROOT, "docker-runtime RunTask -> RUNNING over %d tasks (seconds)%n", tasks);
        print("total (client-observed)", total);
        print("engine (agent: create, start)", engine);
        print("control plane (total - engine)", control);
        print("  of it: RunTask sent -> agent takes the task", toAgent);
        print("  of it: containers started -> DescribeTasks", back);
        System.out.printf(Locale.ROOT, "control plane share of the total: p50 %.1f %%, mean %.1f %%%n",
                100 * percentile(control, 50) / percentile(total, 50), 100 * mean(control) / mean(total));

        for (String arn : arns) {
            stack.ecs("StopTask", "{\"cluster\":\"" + cluster + "\",\"task\":\"" + arn + "\"}");
        }
    }

    /** This machine's clock, as the stack's timestamps read it. */
    private static double epochSeconds() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    private static JsonNode awaitRunning(StackClient stack, String cluster, String arn, long pollMillis)
            throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode task = stack.ecs("DescribeTasks", "{\"cluster\":\"" + cluster + "\",\"tasks\":[\"" + arn + "\"]}")
                    .path("tasks").get(0);
            String status = task.path("lastStatus").asText();
            if ("RUNNING".equals(status)) {
                return task;
            }
            if ("STOPPED".equals(status)) {
                throw new IllegalStateException("task stopped: " + task.path("stoppedReason").asText());
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("task " + arn + " not RUNNING within 60 s");
    }

    private static void print(String what, List<Double> values) {
        System.out.printf(Locale.ROOT, "  %-45s p50 %.3f  p90 %.3f  p99 %.3f  mean %.3f%n", what,
                percentile(values, 50), percentile(values, 90), percentile(values, 99), mean(values));
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
