package io.berth.scheduler.task;

/**
 * A task's state changed (an agent's report took effect) and is committed: whoever follows the
 * tasks of its group, a service, may look again.
 */
public record TaskChanged(String clusterArn, String group) {
}
