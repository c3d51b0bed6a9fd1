package io.berth.scheduler.placement;

/**
 * A cluster's instances changed (registered, draining, agent lost or back, gone) and the change is
 * committed and in the cluster's index: what waits for capacity may now go ahead.
 */
public record InstancesChanged(String clusterArn) {
}
