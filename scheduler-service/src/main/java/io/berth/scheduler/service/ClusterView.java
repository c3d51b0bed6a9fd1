package io.berth.scheduler.service;

import java.util.Set;

/** What the reconciler needs to know about the service's cluster at the moment it decides. */
public interface ClusterView {

    /**
     * The ACTIVE container instances that satisfy the service's placement constraints: the instances
     * a DAEMON service runs one task on. REPLICA services do not use it.
     */
    Set<String> eligibleInstances();

    /** The DRAINING container instances: their service tasks are replaced elsewhere. */
    Set<String> drainingInstances();

    /** Whether any container instance is registered in the cluster. */
    boolean hasInstances();

    static ClusterView of(Set<String> eligibleInstances, Set<String> drainingInstances, boolean hasInstances) {
        return new Snapshot(eligibleInstances, drainingInstances, hasInstances);
    }

    /** A fixed view, as the scheduler takes it from its index of the cluster before each decision. */
    record Snapshot(Set<String> eligibleInstances, Set<String> drainingInstances, boolean hasInstances)
            implements ClusterView {

        public Snapshot {
            eligibleInstances = Set.copyOf(eligibleInstances);
            drainingInstances = Set.copyOf(drainingInstances);
        }
    }
}
