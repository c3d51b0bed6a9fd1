package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;

import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class RandomStrategyTest {

    private static ClusterIndex cluster() {
        return Instances.cluster(instance("a"), instance("b"), instance("c"), instance("d"));
    }

    @ParameterizedTest(name = "seed {0} gives the same choice twice")
    @ValueSource(longs = {0, 1, 42, -7, Long.MAX_VALUE})
    void sameSeedSameChoice(long seed) {
        PlacementRequest request = task().strategy("random", null).seed(seed).build();

        assertThat(Requests.instances(ENGINE.place(cluster(), request)))
                .isEqualTo(Requests.instances(ENGINE.place(cluster(), request)));
    }

    @ParameterizedTest(name = "{0} seeds reach every instance")
    @ValueSource(ints = {64})
    void differentSeedsReachEveryInstance(int seeds) {
        Set<String> chosen = new HashSet<>();
        LongStream.range(0, seeds).forEach(seed ->
                chosen.add(Requests.instances(ENGINE.place(cluster(), task().strategy("random", null).seed(seed).build()))));

        assertThat(chosen).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    /**
     * A thousand feasible instances: the first draw finds one (ADR 0078), where the walk before it scored all thousand
     * and filtered the running minima of their hashes (scenario 1's RunTask, issue 21).
     */
    @ParameterizedTest(name = "seed {0}: a thousand feasible instances, one draw")
    @ValueSource(longs = {0, 1, 42, -7, Long.MAX_VALUE})
    void aThousandFeasibleInstancesTakeOneDraw(long seed) {
        ClusterIndex index = new ClusterIndex();
        for (int i = 0; i < 1000; i++) {
            index.upsertInstance(instance("i" + i).build());
        }

        PlacementResult.Diagnostics d = ENGINE.place(index, task().seed(seed).build()).diagnostics().get(0);

        assertThat(d.candidateSource()).isEqualTo("random draws from all instances");
        assertThat(d.candidatesExamined()).isEqualTo(1);
        assertThat(d.ties()).isEqualTo(1);
        assertThat(d.feasible()).isEqualTo(1);
    }

    @ParameterizedTest(name = "random first, then binpack: binpack does not decide (seed {0})")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void laterStrategiesDoNotOverrideRandom(long seed) {
        ClusterIndex index = Instances.cluster(instance("a").remaining(512, 512), instance("b"), instance("c"));
        PlacementResult result = ENGINE.place(index,
                task().strategy("random", null).strategy("binpack", "memory").seed(seed).build());

        assertThat(result.diagnostics().get(0).ties()).isEqualTo(1);
        assertThat(result.placements().get(0).scores()).extracting(PlacementResult.Score::strategy)
                .containsExactly("random", "binpack memory");
    }
}
