package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class SeededPickTest {

    /** Five identical instances: binpack ties on all of them, so the pick decides. */
    private static ClusterIndex cluster() {
        return Instances.cluster(instance("a"), instance("b"), instance("c"), instance("d"), instance("e"));
    }

    @ParameterizedTest(name = "seed {0}: same seed and same state → same choices")
    @ValueSource(longs = {0, 1, 2, 3, 1234567})
    void reproducible(long seed) {
        PlacementRequest request = task().count(3).strategy("binpack", "cpu").seed(seed).build();

        PlacementResult first = ENGINE.place(cluster(), request);
        PlacementResult second = ENGINE.place(cluster(), request);

        assertThat(Requests.instances(second)).isEqualTo(Requests.instances(first));
        assertThat(first.diagnostics().get(0).ties()).isEqualTo(5);
    }

    @ParameterizedTest(name = "over {0} seeds the pick reaches every tied instance")
    @ValueSource(ints = {100})
    void seedsSpreadThePick(int seeds) {
        Set<String> chosen = new HashSet<>();
        for (long seed = 0; seed < seeds; seed++) {
            chosen.add(Requests.outcome(cluster(), task().strategy("binpack", "cpu").seed(seed).build()));
        }

        assertThat(chosen).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @ParameterizedTest(name = "the order instances were registered in does not matter (seed {0})")
    @ValueSource(longs = {5, 6, 7})
    void independentOfInsertionOrder(long seed) {
        ClusterIndex reversed = Instances.cluster(instance("e"), instance("d"), instance("c"), instance("b"), instance("a"));
        PlacementRequest request = task().strategy("spread", "instanceId").seed(seed).build();

        assertThat(Requests.outcome(reversed, request)).isEqualTo(Requests.outcome(cluster(), request));
    }
}
