package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class UdpPortsFilterTest {

    @ParameterizedTest(name = "udp port {0} with udp {1} and tcp {2} reserved → {3}")
    @CsvSource({
            "53,  54, 53, a",
            "53,  53, 54, RESOURCE:PORTS_UDP",
            "161, 53, 22, a",
    })
    void staticUdpPortMustBeFree(int port, int reservedUdp, int reservedTcp, String expected) {
        ClusterIndex index = cluster(instance("a").reservedPorts(Set.of(reservedTcp), Set.of(reservedUdp)));

        assertThat(outcome(index, task().udpPort(port).build())).isEqualTo(expected);
    }
}
