package io.berth.benchmarks.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 18's scenario: {@code tasks} tasks from CreateService to all RUNNING, once as a Fargate service
 * (the serverless pool, each task with its ENI) and once on {@code instances} simulated m5.large, the
 * two alternated {@code runs} times in the same stack, each in a cluster of its own. The tasks are
 * the same size (256 CPU units, 512 MiB); the Fargate one is awsvpc with its subnets, as Fargate
 * requires, the one on instances bridge (Berth gives no ENIs on instances). Prints each run and the
 * medians. Usage: {@code FargateBesideInstances [endpoint] [instances] [tasks] [runs]} against a running stack.
 */
public final class FargateBesideInstances {

    private static final String NETWORK = "\"networkConfiguration\":{\"awsvpcConfiguration\":{\"subnets\":"
            + "[\"subnet-0a1b2c3d\",\"subnet-4e5f6a7b\"],\"assignPublicIp\":\"DISABLED\"}}";

    private static final String SIZE = "\"cpu\":\"256\",\"memory\":\"512\",\"containerDefinitions\":[{\"name\":"
            + "\"main\",\"image\":\"busybox\"}]";

    private final StackClient stack;

    private FargateBesideInstances(URI endpoint) {
        this.stack = new StackClient(endpoint);
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://localhost:8080/");
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        new FargateBesideInstances(endpoint).run(instances, tasks, runs);
    }

    private void run(int instances, int tasks, int runs) throws Exception {
        stack.ecs("RegisterTaskDefinition", "{\"family\":\"beside-fargate\",\"requiresCompatibilities\":[\"FARGATE\"],"
                + "\"networkMode\":\"awsvpc\"," + SIZE + "}");
        stack.ecs("RegisterTaskDefinition", "{\"family\":\"beside-ec2\",\"networkMode\":\"bridge\"," + SIZE + "}");
        List<Double> fargate = new ArrayList<>();
        List<Double> ec2 = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            String onFargate = "fargate-" + i + "-" + System.currentTimeMillis();
            stack.ecs("CreateCluster", "{\"clusterName\":\"" + onFargate + "\"}");
            fargate.add(report("FARGATE", i, tasks, toRunning(onFargate, tasks, "\"taskDefinition\":\"beside-fargate\","
                    + "\"launchType\":\"FARGATE\"," + NETWORK)));

            String onInstances = "ec2-" + i + "-" + System.currentTimeMillis();
            stack.ecs("CreateCluster", "{\"clusterName\":\"" + onInstances + "\"}");
            stack.fleet(onInstances, instances);
            ec2.add(report("EC2", i, tasks, toRunning(onInstances, tasks, "\"taskDefinition\":\"beside-ec2\","
                    + "\"launchType\":\"EC2\"")));
        }
        System.out.printf(Locale.ROOT, "median of %d: FARGATE %.2f s, EC2 on %d instances %.2f s%n", runs,
                median(fargate), instances, median(ec2));
    }

    /** Seconds from the CreateService call until DescribeServices counts every task RUNNING. */
    private double toRunning(String cluster, int tasks, String launch) throws IOException, InterruptedException {
        long start = System.nanoTime();
        stack.ecs("CreateService", "{\"cluster\":\"" + cluster + "\",\"serviceName\":\"beside\",\"desiredCount\":"
                + tasks + "," + launch + "}");
        while (true) {
            JsonNode service = stack.ecs("DescribeServices", "{\"cluster\":\"" + cluster + "\",\"services\":"
                    + "[\"beside\"]}").path("services").path(0);
            if (service.path("runningCount").asInt() >= tasks) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(20);
        }
    }

    private static double report(String launchType, int run, int tasks, double seconds) {
        System.out.printf(Locale.ROOT, "run %d: %d %s tasks from CreateService to all RUNNING in %.2f s%n", run, tasks,
                launchType, seconds);
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
