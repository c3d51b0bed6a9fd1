package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class BinpackStrategyTest {

    @ParameterizedTest(name = "binpack {0}, task cpu {1} memory {2} → {3} (score {4})")
    @CsvSource({
            // a: 1024 cpu / 6144 MiB left; b: 2048 / 2048; c: 512 / 8192
            "cpu,    256,  512,  c, 256",
            "cpu,    768,  512,  a, 256",
            "cpu,    1500, 512,  b, 548",
            "memory, 256,  512,  b, 1536",
            "memory, 256,  3000, a, 3144",
            "memory, 1024, 6144, a, 0",
    })
    void leastRemainingThatStillFits(String field, int cpu, int memory, String expected, long score) {
        ClusterIndex index = cluster(
                instance("a").remaining(1024, 6144),
                instance("b").remaining(2048, 2048),
                instance("c").remaining(512, 8192));

        PlacementResult result = ENGINE.place(index, task().cpu(cpu).memory(memory).strategy("binpack", field).build());

        assertThat(Requests.instances(result)).isEqualTo(expected);
        assertThat(result.placements().get(0).scores())
                .containsExactly(new PlacementResult.Score("binpack " + field, score));
    }

    /**
     * A capacity provider small enough to be read whole (not in resource order): binpack must
     * still see all of it, whatever the ARN order of the fitting instances.
     */
    @ParameterizedTest(name = "binpack cpu within a small capacity provider, {0} tasks → {1}")
    @CsvSource({"1, c", "2, 'c,c'", "3, 'c,c,c'", "4, 'c,c,c,a'"})
    void smallCapacityProviderIsReadWhole(int count, String expected) {
        ClusterIndex index = cluster(
                instance("a").capacityProviderName("cp1").remaining(1024, 8192),
                instance("b").capacityProviderName("cp1").remaining(4096, 8192),
                instance("c").capacityProviderName("cp1").remaining(768, 8192));
        for (int i = 0; i < 40; i++) {
            index.upsertInstance(instance("z" + i).remaining(256, 8192).build());
        }

        PlacementResult result = ENGINE.place(index,
                task().cpu(256).count(count).capacityProvider("cp1").strategy("binpack", "cpu").build());

        assertThat(Requests.instances(result)).isEqualTo(expected.replace(" ", ""));
        assertThat(result.diagnostics().get(0).candidateSource()).isEqualTo("capacity provider cp1");
    }
}
