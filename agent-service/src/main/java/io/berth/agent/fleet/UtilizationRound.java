package io.berth.agent.fleet;

import io.berth.agent.runtime.UtilizationListener.Sample;
import io.berth.agent.task.TaskReports.Report;
import io.berth.events.TaskStateEvent.InstanceUtilizationReported;
import io.berth.events.TaskStateEvent.TaskUtilization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One sampling round of a runtime as reports: the samples of all tasks of one container instance become one
 * {@code InstanceUtilizationReported}, as the ECS agent sends one telemetry message per instance carrying every
 * task's metrics, so that utilization costs an event per instance and period, not per task. Tasks the agents no
 * longer run (no owner) are left out.
 */
final class UtilizationRound {

    /** Whom a task's reports belong to: its account, Region, cluster and instance (null on the serverless pool). */
    record Owner(String account, String region, String clusterArn, String instanceArn, String group) {
    }

    private record Instance(String account, String region, String clusterArn, String instanceArn) {
    }

    private UtilizationRound() {
    }

    static List<Report> reports(List<Sample> samples, Function<String, Owner> owners) {
        Map<Instance, List<Sample>> byInstance = new LinkedHashMap<>();
        Map<String, Owner> ownerOf = new HashMap<>();
        for (Sample sample : samples) {
            Owner owner = owners.apply(sample.taskArn());
            if (owner != null) {
                ownerOf.put(sample.taskArn(), owner);
                byInstance.computeIfAbsent(new Instance(owner.account(), owner.region(), owner.clusterArn(),
                        owner.instanceArn()), instance -> new ArrayList<>()).add(sample);
            }
        }
        List<Report> reports = new ArrayList<>(byInstance.size());
        byInstance.forEach((instance, taken) -> {
            Instant start = taken.stream().map(Sample::periodStart).min(Instant::compareTo).orElseThrow();
            Instant end = taken.stream().map(Sample::periodEnd).max(Instant::compareTo).orElseThrow();
            List<TaskUtilization> tasks = taken.stream().map(sample -> new TaskUtilization(sample.taskArn(),
                    ownerOf.get(sample.taskArn()).group(), sample.cpuPercent(), sample.memoryPercent())).toList();
            reports.add(new Report(instance.account(), instance.region(), new InstanceUtilizationReported(
                    instance.clusterArn(), instance.instanceArn(), start, end, tasks)));
        });
        return reports;
    }
}
