package io.berth.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.Shapes.Eni;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnisTest {

    private final Map<String, Set<String>> taken = new HashMap<>();

    private Eni allocate(String task, List<String> subnets) {
        return Enis.allocate("arn:aws:ecs:us-east-1:000000000000:task/c/" + task, subnets, "us-east-1",
                (subnet, address) -> taken.computeIfAbsent(subnet, k -> new HashSet<>()).add(address));
    }

    @Test
    void anInterfaceHasEc2sShapesAndTheSameTaskGetsTheSameOne() {
        Eni eni = Enis.allocate("arn:aws:ecs:us-east-1:000000000000:task/c/1", List.of("subnet-a"), "us-east-1",
                (subnet, address) -> true);
        assertThat(eni.subnetId()).isEqualTo("subnet-a");
        assertThat(eni.networkInterfaceId()).matches("eni-[0-9a-f]{17}");
        assertThat(eni.macAddress()).matches("0a(:[0-9a-f]{2}){5}");
        assertThat(eni.privateIpv4Address()).matches("10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        assertThat(eni.privateDnsName()).isEqualTo("ip-" + eni.privateIpv4Address().replace('.', '-')
                + ".us-east-1.compute.internal");
        assertThat(Enis.allocate("arn:aws:ecs:us-east-1:000000000000:task/c/1", List.of("subnet-a"), "us-east-1",
                (subnet, address) -> true)).isEqualTo(eni);
    }

    @Test
    void aThousandTasksGetDistinctAddressesInTheirSubnetsRangeSpreadOverTheSubnets() {
        List<String> subnets = List.of("subnet-a", "subnet-b");
        Set<String> addresses = new HashSet<>();
        Map<String, Set<String>> prefixes = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            Eni eni = allocate("t" + i, subnets);
            assertThat(addresses.add(eni.privateIpv4Address())).isTrue();
            String[] octets = eni.privateIpv4Address().split("\\.");
            prefixes.computeIfAbsent(eni.subnetId(), s -> new HashSet<>()).add(octets[0] + "." + octets[1]);
            int host = Integer.parseInt(octets[2]) * 256 + Integer.parseInt(octets[3]);
            assertThat(host).isBetween(4, 65_534);
        }
        assertThat(prefixes).containsOnlyKeys("subnet-a", "subnet-b");
        assertThat(prefixes.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        assertThat(taken.get("subnet-a")).hasSizeGreaterThan(400);
        assertThat(taken.get("subnet-b")).hasSizeGreaterThan(400);
    }

    @Test
    void aSubnetIsInOneZoneOfTheRegion() {
        assertThat(Enis.zone("subnet-a", "eu-west-1")).matches("eu-west-1[abc]").isEqualTo(Enis.zone("subnet-a",
                "eu-west-1"));
    }
}
