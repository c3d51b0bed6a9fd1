package io.berth.cluster.cluster;

/** The counters of a cluster that other services own the facts of. */
public record ClusterContents(int registeredContainerInstances, int runningTasks, int pendingTasks,
        int activeServices) {

    public static final ClusterContents EMPTY = new ClusterContents(0, 0, 0, 0);
}
