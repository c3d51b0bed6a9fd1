package io.berth.benchmarks.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * Issue scenario "service scale-out": on a simulated fleet of {@code instances} m5.large, a service
 * at desiredCount 0 is updated to {@code tasks}; the figure is the time from the UpdateService call
 * until DescribeServices reports every task RUNNING. Also reports how long the fleet took to
 * register, and then how long a rolling deployment of all the tasks to a new revision takes.
 * Usage: {@code ServiceScaleOut [endpoint] [instances] [tasks] [roll|no-roll]} against a running stack.
 */
public final class ServiceScaleOut {

    private final StackClient stack;

    private ServiceScaleOut(URI endpoint) {
        this.stack = new StackClient(endpoint);
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://localhost:8080/");
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        boolean roll = args.length <= 3 || !"no-roll".equals(args[3]);
        new ServiceScaleOut(endpoint).run(instances, tasks, roll);
    }

    private void run(int instances, int tasks, boolean roll) throws Exception {
        String cluster = "scale-" + System.currentTimeMillis();
        ecs("CreateCluster", "{\"clusterName\":\"" + cluster + "\"}");
        long fleetStart = System.nanoTime();
        stack.fleet(cluster, instances);
        double fleetSeconds = (System.nanoTime() - fleetStart) / 1e9;
        ecs("RegisterTaskDefinition", "{\"family\":\"scale\",\"containerDefinitions\":[{\"name\":\"main\","
                + "\"image\":\"busybox\",\"cpu\":32,\"memory\":64}]}");
        ecs("CreateService", "{\"cluster\":\"" + cluster + "\",\"serviceName\":\"scale\",\"taskDefinition\":\"scale\","
                + "\"desiredCount\":0}");
        long start = System.nanoTime();
        ecs("UpdateService", "{\"cluster\":\"" + cluster + "\",\"service\":\"scale\",\"desiredCount\":" + tasks + "}");
        double placedAt = 0;
        while (true) {
            JsonNode service = ecs("DescribeServices", "{\"cluster\":\"" + cluster + "\",\"services\":[\"scale\"]}")
                    .path("services").path(0);
            int running = service.path("runningCount").asInt();
            int pending = service.path("pendingCount").asInt();
            double now = (System.nanoTime() - start) / 1e9;
            if (placedAt == 0 && running + pending >= tasks) {
                placedAt = now;
            }
            if (running >= tasks) {
                System.out.printf(Locale.ROOT, "fleet of %d registered in %.1f s; %d tasks placed in %.2f s, all"
                        + " RUNNING in %.2f s%n", instances, fleetSeconds, tasks, placedAt, now);
                break;
            }
            Thread.sleep(20);
        }
        if (roll) {
            roll(cluster, tasks);
        }
    }

    /** A rolling deployment of all the tasks to a new revision, until it is COMPLETED and alone. */
    private void roll(String cluster, int tasks) throws Exception {
        String revision = ecs("RegisterTaskDefinition", "{\"family\":\"scale\",\"containerDefinitions\":[{"
                + "\"name\":\"main\",\"image\":\"busybox\",\"cpu\":32,\"memory\":64,"
                + "\"environment\":[{\"name\":\"REVISION\",\"value\":\"2\"}]}]}")
                .path("taskDefinition").path("taskDefinitionArn").asText();
        long start = System.nanoTime();
        ecs("UpdateService", "{\"cluster\":\"" + cluster + "\",\"service\":\"scale\",\"taskDefinition\":\""
                + revision + "\"}");
        while (true) {
            JsonNode service = ecs("DescribeServices", "{\"cluster\":\"" + cluster + "\",\"services\":[\"scale\"]}")
                    .path("services").path(0);
            JsonNode deployments = service.path("deployments");
            if (deployments.size() == 1 && revision.equals(deployments.path(0).path("taskDefinition").asText())
                    && "COMPLETED".equals(deployments.path(0).path("rolloutState").asText())
                    && service.path("runningCount").asInt() >= tasks) {
                System.out.printf(Locale.ROOT, "rolling deployment of %d tasks COMPLETED in %.2f s%n", tasks,
                        (System.nanoTime() - start) / 1e9);
                return;
            }
            Thread.sleep(50);
        }
    }

    private JsonNode ecs(String operation, String body) throws IOException, InterruptedException {
        return stack.ecs(operation, body);
    }
}
