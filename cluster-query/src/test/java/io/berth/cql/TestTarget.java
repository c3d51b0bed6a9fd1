package io.berth.cql;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A container instance for queries: {@code anInstance()} is a plausible one, {@code with…} vary it. */
record TestTarget(
        boolean agentConnected,
        Optional<String> agentVersion,
        Map<String, String> attributes,
        Optional<String> ec2InstanceId,
        Instant registeredAt,
        int runningTasksCount,
        Set<String> taskGroups) implements QueryTarget {

    TestTarget {
        attributes = Map.copyOf(attributes);
        taskGroups = Set.copyOf(taskGroups);
    }

    static TestTarget anInstance() {
        return new TestTarget(
                true,
                Optional.of("1.89.0"),
                Map.of("ecs.instance-type", "t2.small", "ecs.availability-zone", "us-east-1a"),
                Optional.of("i-abcd1234"),
                Instant.parse("2018-06-18T22:28:28Z"),
                0,
                Set.of());
    }

    @Override
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    TestTarget withAgentConnected(boolean connected) {
        return new TestTarget(connected, agentVersion, attributes, ec2InstanceId, registeredAt,
                runningTasksCount, taskGroups);
    }

    TestTarget withAgentVersion(String version) {
        return new TestTarget(agentConnected, Optional.ofNullable(version), attributes, ec2InstanceId,
                registeredAt, runningTasksCount, taskGroups);
    }

    /** Sets the attribute, or removes it when {@code value} is {@code null}. */
    TestTarget withAttribute(String name, String value) {
        Map<String, String> changed = new HashMap<>(attributes);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new TestTarget(agentConnected, agentVersion, changed, ec2InstanceId, registeredAt,
                runningTasksCount, taskGroups);
    }

    TestTarget withEc2InstanceId(String id) {
        return new TestTarget(agentConnected, agentVersion, attributes, Optional.ofNullable(id), registeredAt,
                runningTasksCount, taskGroups);
    }

    TestTarget withRegisteredAt(String instant) {
        return new TestTarget(agentConnected, agentVersion, attributes, ec2InstanceId, Instant.parse(instant),
                runningTasksCount, taskGroups);
    }

    TestTarget withRunningTasksCount(int count) {
        return new TestTarget(agentConnected, agentVersion, attributes, ec2InstanceId, registeredAt, count,
                taskGroups);
    }

    TestTarget withTaskGroups(String... groups) {
        return new TestTarget(agentConnected, agentVersion, attributes, ec2InstanceId, registeredAt,
                runningTasksCount, Set.of(groups));
    }
}
