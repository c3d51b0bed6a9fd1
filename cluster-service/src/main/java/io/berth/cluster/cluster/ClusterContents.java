package io.berth.cluster.cluster;

/**
 * The counters of a cluster that other services own the facts of. Task and service counts are of
 * all launch types; the Fargate ones are the part of them on Fargate, the rest is EC2.
 */
public record ClusterContents(int registeredContainerInstances, int runningTasks, int pendingTasks,
        int activeServices, int runningFargateTasks, int pendingFargateTasks, int activeFargateServices) {

    public static final ClusterContents EMPTY = new ClusterContents(0, 0, 0, 0, 0, 0, 0);

    /** Counters of a cluster without Fargate tasks or services. */
    public ClusterContents(int registeredContainerInstances, int runningTasks, int pendingTasks, int activeServices) {
        this(registeredContainerInstances, runningTasks, pendingTasks, activeServices, 0, 0, 0);
    }
}
