package io.berth.agent.runtime;

import java.time.Instant;

/**
 * Receives resource utilization samples of running tasks, as percentages of what each task reserved, each covering
 * the period from {@code periodStart} to {@code periodEnd}. Successive periods of a task are contiguous.
 */
@FunctionalInterface
public interface UtilizationListener {

    void onSample(String taskArn, double cpuPercent, double memoryPercent, Instant periodStart, Instant periodEnd);
}
