package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class TcpPortsFilterTest {

    @ParameterizedTest(name = "tcp port {0} with {1} reserved → {2}")
    @CsvSource({
            "80,   8080, a",
            "80,   80,   RESOURCE:PORTS",
            "22,   8080, RESOURCE:PORTS",
            "2375, 8080, RESOURCE:PORTS",
    })
    void staticTcpPortMustBeFree(int port, int reservedByTask, String expected) {
        ClusterIndex index = cluster(instance("a").reservedPorts(Set.of(reservedByTask), Set.of()));

        assertThat(outcome(index, task().tcpPort(port).build())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "tcp port {0} is not taken by a reserved udp port")
    @CsvSource({"53", "80"})
    void udpReservationsDoNotBlockTcp(int port) {
        ClusterIndex index = cluster(instance("a").reservedPorts(Set.of(), Set.of(port)));

        assertThat(outcome(index, task().tcpPort(port).build())).isEqualTo("a");
    }
}
