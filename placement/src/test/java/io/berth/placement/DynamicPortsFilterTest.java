package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class DynamicPortsFilterTest {

    private static final int RANGE = InstanceState.EPHEMERAL_SIZE;

    @ParameterizedTest(name = "{0} of the range reserved, {1} dynamic ports wanted → {2}")
    @CsvSource({
            "0,           1, a",
            "RANGE_LESS1, 1, a",
            "RANGE_LESS1, 2, RESOURCE:PORTS",
            "RANGE,       1, RESOURCE:PORTS",
            "RANGE,       0, a",
    })
    void dynamicPortsNeedRoomInTheEphemeralRange(String reserved, int wanted, String expected) {
        int n = switch (reserved) {
            case "RANGE" -> RANGE;
            case "RANGE_LESS1" -> RANGE - 1;
            default -> Integer.parseInt(reserved);
        };
        Set<Integer> taken = IntStream.range(InstanceState.EPHEMERAL_FIRST, InstanceState.EPHEMERAL_FIRST + n)
                .boxed().collect(Collectors.toSet());
        ClusterIndex index = cluster(instance("a").reservedPorts(taken, Set.of()));

        assertThat(outcome(index, task().dynamicPorts(wanted).build())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "reserved {0} → chosen {1}")
    @CsvSource({
            "'',            '32768,32769'",
            "'32768',       '32769,32770'",
            "'32768,32770', '32769,32771'",
    })
    void choosesTheLowestFreePortsAndReportsThem(String reserved, String expected) {
        Set<Integer> taken = reserved.isEmpty() ? Set.of()
                : java.util.Arrays.stream(reserved.split(",")).map(Integer::valueOf).collect(Collectors.toSet());
        ClusterIndex index = cluster(instance("a").reservedPorts(taken, Set.of()));

        PlacementResult.Placement placement = ENGINE.place(index, task().tcpPort(80).dynamicPorts(2).build())
                .placements().get(0);

        assertThat(placement.dynamicPorts()).map(String::valueOf).containsExactly(expected.split(","));
        assertThat(placement.tcpPorts()).contains(80).containsAll(placement.dynamicPorts());
    }
}
