package io.berth.placement;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/** Test data: container instances with realistic defaults, and clusters made of them. */
final class Instances {

    static final Set<Integer> AGENT_PORTS = Set.of(22, 2375, 2376, 51678, 51679);

    private Instances() {
    }

    static String arn(String id) {
        return "arn:aws:ecs:us-east-1:123456789012:container-instance/default/" + id;
    }

    /** An ACTIVE, connected m5.xlarge in us-east-1a: 4096 CPU units, 8192 MiB, the agent's ports. */
    static InstanceState.Builder instance(String id) {
        return InstanceState.builder(arn(id))
                .ec2InstanceId("i-" + id)
                .registeredAt(Instant.parse("2026-01-01T00:00:00Z"))
                .agentVersion("1.89.0")
                .registered(4096, 8192)
                .registeredPorts(AGENT_PORTS, Set.of())
                .attribute(InstanceState.AVAILABILITY_ZONE, "us-east-1a")
                .attribute(InstanceState.INSTANCE_TYPE, "m5.xlarge");
    }

    static InstanceState.Builder inZone(String id, String zone) {
        return instance(id).attribute(InstanceState.AVAILABILITY_ZONE, zone);
    }

    static ClusterIndex cluster(InstanceState.Builder... instances) {
        ClusterIndex index = new ClusterIndex();
        Arrays.stream(instances).map(InstanceState.Builder::build).forEach(index::upsertInstance);
        return index;
    }

    /** Puts {@code n} tasks of the group on the instance, named {@code <group>-<id>-<k>}. */
    static void run(ClusterIndex index, String id, String group, int n, int cpu, int memory) {
        for (int k = 0; k < n; k++) {
            index.addTask(TaskPlacement.of("task/" + group + "/" + id + "/" + k, arn(id), group, cpu, memory));
        }
    }

    static void run(ClusterIndex index, String id, String group, int n) {
        run(index, id, group, n, 0, 0);
    }

    /** The short id of an instance ARN from {@link #arn}. */
    static String id(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
