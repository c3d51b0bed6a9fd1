package io.berth.placement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static io.berth.placement.Instances.arn;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailureTest {

    /**
     * Each instance fails at a later filter than the one before: draining, disconnected, too
     * little CPU, too little memory, port 80 taken, UDP 53 taken, no rack attribute (memberOf).
     */
    private static ClusterIndex cluster(String... ids) {
        ClusterIndex index = new ClusterIndex();
        for (String id : ids) {
            InstanceState.Builder b = instance(id).attribute("rack", "r1");
            switch (id) {
                case "draining" -> b.status(InstanceStatus.DRAINING);
                case "disconnected" -> b.agentConnected(false);
                case "small-cpu" -> b.remaining(100, 8192);
                case "small-memory" -> b.remaining(4096, 100);
                case "port-80" -> b.reservedPorts(Set.of(80), Set.of());
                case "udp-53" -> b.reservedPorts(Set.of(), Set.of(53));
                case "no-rack" -> b.attributes(java.util.Map.of(InstanceState.AVAILABILITY_ZONE, "us-east-1a"));
                default -> throw new IllegalArgumentException(id);
            }
            index.upsertInstance(b.build());
        }
        return index;
    }

    @ParameterizedTest(name = "{0} → closest {1}, reason {2}")
    @CsvSource(delimiter = '|', value = {
            "draining                                              | draining     | INACTIVE",
            "draining,disconnected                                 | disconnected | AGENT",
            "draining,disconnected,small-cpu                       | small-cpu    | RESOURCE:CPU",
            "small-cpu,small-memory                                | small-memory | RESOURCE:MEMORY",
            "small-memory,port-80,small-cpu                        | port-80      | RESOURCE:PORTS",
            "port-80,udp-53                                        | udp-53       | RESOURCE:PORTS_UDP",
            "udp-53,no-rack,draining                               | no-rack      | MemberOf placement constraint unsatisfied.",
    })
    void closestInstanceIsTheOneRejectedLatest(String ids, String closest, String reason) {
        PlacementRequest request = task().cpu(256).memory(512).tcpPort(80).udpPort(53)
                .constraint("memberOf", "attribute:rack == r1").build();

        PlacementResult result = ENGINE.place(cluster(ids.split(",")), request);

        assertThat(result.placements()).isEmpty();
        assertThat(result.failures()).containsExactly(new PlacementResult.Failure(0, arn(closest), reason));
    }

    @ParameterizedTest(name = "{0} tasks that cannot be placed → {0} failures")
    @CsvSource({"1", "3", "10"})
    void oneFailurePerTask(int count) {
        PlacementResult result = ENGINE.place(cluster("small-cpu"), task().count(count).build());

        assertThat(result.failures()).hasSize(count)
                .extracting(PlacementResult.Failure::taskIndex).doesNotHaveDuplicates();
        assertThat(result.diagnostics()).hasSize(count);
    }

    @Test
    void emptyClusterIsAnInvalidParameter() {
        assertThatThrownBy(() -> ENGINE.place(new ClusterIndex(), task().build()))
                .hasMessage("No Container Instances were found in your cluster.")
                .extracting("code").isEqualTo("InvalidParameterException");
    }
}
