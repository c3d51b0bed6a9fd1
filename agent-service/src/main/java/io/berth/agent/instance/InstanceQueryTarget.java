package io.berth.agent.instance;

import io.berth.cql.QueryTarget;
import io.berth.events.Shapes.Attribute;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A registered container instance as the cluster query language sees it. */
record InstanceQueryTarget(InstanceState state, Instant registeredAt) implements QueryTarget {

    @Override
    public boolean agentConnected() {
        return state.agentConnected();
    }

    @Override
    public Optional<String> agentVersion() {
        return Optional.ofNullable(state.versionInfo()).map(v -> v.agentVersion());
    }

    @Override
    public Optional<String> attribute(String name) {
        for (Attribute attribute : state.attributes()) {
            if (attribute.name().equals(name)) {
                return Optional.ofNullable(attribute.value()).or(() -> Optional.of(""));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> ec2InstanceId() {
        return Optional.ofNullable(state.ec2InstanceId());
    }

    /** Tasks arrive with the scheduler; until then no instance runs any. */
    @Override
    public int runningTasksCount() {
        return 0;
    }

    @Override
    public Set<String> taskGroups() {
        return Set.of();
    }
}
