package io.berth.placement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine's spelled-out pipeline ({@code Filter.firstRejection}) is the declaration order. */
class FilterPipelineTest {

    @Test
    void theFiltersAreTheOnesFirstRejectionSpellsOut() {
        // A new filter must be added to Filter.firstRejection as well; this list is a reminder.
        assertThat(Filter.values()).containsExactly(Filter.MISSING, Filter.STATUS, Filter.AGENT,
                Filter.CAPACITY_PROVIDER, Filter.CPU, Filter.MEMORY, Filter.PORTS, Filter.PORTS_UDP,
                Filter.DYNAMIC_PORTS, Filter.ATTRIBUTE, Filter.MEMBER_OF, Filter.DISTINCT_INSTANCE);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "-", value = {
            "fits,          -",
            "draining,      STATUS",
            "disconnected,  AGENT",
            "provider,      CAPACITY_PROVIDER",
            "small-cpu,     CPU",
            "small-memory,  MEMORY",
            "port-80,       PORTS",
            "udp-53,        PORTS_UDP",
            "ephemeral,     DYNAMIC_PORTS",
            "no-zone,       ATTRIBUTE",
            "no-rack,       MEMBER_OF",
            "runs-web,      DISTINCT_INSTANCE",
    })
    void sameRejectionAsTheDeclarationOrder(String id, Filter expected) {
        InstanceState.Builder b = instance(id).attribute("rack", "r1").capacityProviderName("cp1");
        switch (id) {
            case "draining" -> b.status(InstanceStatus.DRAINING).remaining(0, 0);
            case "disconnected" -> b.agentConnected(false).remaining(0, 0);
            case "provider" -> b.capacityProviderName("cp2").remaining(0, 0);
            case "small-cpu" -> b.remaining(100, 100);
            case "small-memory" -> b.remaining(4096, 100);
            case "port-80" -> b.reservedPorts(Set.of(80), Set.of(53));
            case "udp-53" -> b.reservedPorts(Set.of(), Set.of(53));
            case "ephemeral" -> b.reservedPorts(allEphemeralPorts(), Set.of());
            case "no-zone" -> b.attributes(Map.of("rack", "r2"));
            case "no-rack" -> b.attributes(Map.of(InstanceState.AVAILABILITY_ZONE, "us-east-1a"));
            case "runs-web" -> b.groupCounts(Map.of("family:web", 1));
            default -> { }
        }
        InstanceState state = b.build();
        Check check = Check.of(task().tcpPort(80).udpPort(53).dynamicPorts(1).capacityProvider("cp1")
                .requiresAttribute(RequiredAttribute.named(InstanceState.AVAILABILITY_ZONE))
                .constraint("memberOf", "attribute:rack == r1").constraint("distinctInstance", null).build());

        assertThat(Filter.firstRejection(state, check)).isEqualTo(expected)
                .isEqualTo(Filter.firstRejectionInOrder(state, check));
    }

    private static Set<Integer> allEphemeralPorts() {
        Set<Integer> ports = new java.util.HashSet<>();
        for (int p = InstanceState.EPHEMERAL_FIRST; p <= InstanceState.EPHEMERAL_LAST; p++) {
            ports.add(p);
        }
        return ports;
    }
}
