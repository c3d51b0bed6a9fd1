package io.berth.cql;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a cluster query can ask about one container instance: the subjects of the ECS cluster
 * query language. The agent-service answers it from its container instances, the scheduler from
 * its in-memory view of a cluster.
 */
public interface QueryTarget {

    boolean agentConnected();

    /** The agent version, e.g. {@code 1.89.0}; empty when the instance did not report one. */
    Optional<String> agentVersion();

    /** A built-in ({@code ecs.instance-type}, …) or custom attribute; empty when absent. */
    Optional<String> attribute(String name);

    Optional<String> ec2InstanceId();

    Instant registeredAt();

    int runningTasksCount();

    /** The groups of the tasks on the instance ({@code service:web}, {@code family:batch}, …). */
    Set<String> taskGroups();
}
