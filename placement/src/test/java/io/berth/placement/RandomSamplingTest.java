package io.berth.placement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.berth.placement.Instances.arn;
import static io.berth.placement.Instances.id;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A random first strategy draws instances uniformly and takes the first feasible one, and walks only after
 * {@link PlacementEngine#RANDOM_DRAWS} draws found nothing (ADR 0078). The distribution checks run fixed seeds, so
 * they are deterministic; their bounds are six standard deviations of the binomial count they check, computed from
 * the number of seeds and the probability, so that a correct engine stays inside them by a wide margin (the chance
 * of any one count of a uniform choice leaving ±6σ is about 2·10⁻⁹) and a skew of a few per cent does not.
 */
class RandomSamplingTest {

    private static final String SAMPLED = "random draws from all instances";

    /** Ten instances; e to h fail a different filter each for a task of 256 CPU units on TCP port 80. */
    private static ClusterIndex tenWithFourInfeasible() {
        List<InstanceState.Builder> all = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d", "i", "j")) {
            all.add(instance(id));
        }
        all.add(instance("e").status(InstanceStatus.DRAINING));
        all.add(instance("f").agentConnected(false));
        all.add(instance("g").remaining(128, 8192));
        all.add(instance("h").reservedPorts(Set.of(80), Set.of()));
        return Instances.cluster(all.toArray(new InstanceState.Builder[0]));
    }

    private static PlacementRequest.Builder randomTask(long seed) {
        return task().tcpPort(80).seed(seed);
    }

    /** The count must be within six standard deviations of seeds · p. */
    private static void assertBinomial(String what, int count, int seeds, double p) {
        double mean = seeds * p;
        double bound = 6 * Math.sqrt(seeds * p * (1 - p));
        assertThat((double) count).as("%s: %d of %d, expected %.0f ± %.0f", what, count, seeds, mean, bound)
                .isBetween(mean - bound, mean + bound);
    }

    /** How often each instance was chosen for one task over seeds 0 … n − 1, and how many decisions the draws made. */
    private record Tally(Map<String, Integer> chosen, int sampled) {
    }

    private static Tally tally(ClusterIndex index, int seeds) {
        Map<String, Integer> chosen = new HashMap<>();
        int sampled = 0;
        for (long seed = 0; seed < seeds; seed++) {
            PlacementResult result = ENGINE.place(index, randomTask(seed).build());
            chosen.merge(id(result.placements().get(0).instanceArn()), 1, Integer::sum);
            sampled += result.diagnostics().get(0).candidateSource().equals(SAMPLED) ? 1 : 0;
        }
        return new Tally(chosen, sampled);
    }

    @Test
    void uniformOverTheFeasibleInstancesAndNeverAnotherOne() {
        ClusterIndex index = tenWithFourInfeasible();
        int seeds = 60_000;
        Tally tally = tally(index, seeds);

        assertThat(tally.chosen()).containsOnlyKeys("a", "b", "c", "d", "i", "j");
        tally.chosen().forEach((instance, count) -> assertBinomial(instance, count, seeds, 1.0 / 6));
        // 0.4^64 ≈ 3·10⁻²⁶: with six of ten feasible no decision walks.
        assertThat(tally.sampled()).isEqualTo(seeds);
    }

    /**
     * Four feasible instances of 400: each draw finds one with p = 1/100, so (99/100)^64 ≈ 0.526 of the decisions
     * walk. The choice stays uniform over the four, and the walk is taken as often as that says.
     */
    @Test
    void theFallbackWalkKeepsTheChoiceUniform() {
        ClusterIndex index = new ClusterIndex();
        Set<String> feasible = Set.of("i007", "i150", "i151", "i399");
        for (int i = 0; i < 400; i++) {
            String id = String.format("i%03d", i);
            index.upsertInstance((feasible.contains(id) ? instance(id) : instance(id).remaining(128, 8192)).build());
        }
        int seeds = 40_000;
        Tally tally = tally(index, seeds);

        assertThat(tally.chosen()).containsOnlyKeys(feasible);
        tally.chosen().forEach((instance, count) -> assertBinomial(instance, count, seeds, 0.25));
        assertBinomial("walked", seeds - tally.sampled(), seeds, Math.pow(0.99, PlacementEngine.RANDOM_DRAWS));
    }

    @ParameterizedTest(name = "seed {0}: one feasible instance of a thousand is found, drawn or walked to")
    @ValueSource(longs = {0, 1, 2, 3, 42, -7, Long.MAX_VALUE})
    void aRareFeasibleInstanceIsFoundByTheWalk(long seed) {
        ClusterIndex index = new ClusterIndex();
        for (int i = 0; i < 1000; i++) {
            index.upsertInstance((i == 613 ? instance("i" + i) : instance("i" + i).remaining(128, 8192)).build());
        }

        PlacementResult result = ENGINE.place(index, randomTask(seed).build());

        assertThat(id(result.placements().get(0).instanceArn())).isEqualTo("i613");
        PlacementResult.Diagnostics d = result.diagnostics().get(0);
        if (d.candidateSource().equals(SAMPLED)) {
            assertThat(d.candidatesExamined()).isBetween(1, PlacementEngine.RANDOM_DRAWS);
        } else {
            // The walk's own diagnostics, as before sampling: the instances with room, here the one.
            assertThat(d.candidateSource()).isEqualTo("remaining cpu >= 256");
            assertThat(d.candidatesExamined()).isEqualTo(1);
            assertThat(d.rejections()).isEmpty();
        }
        assertThat(d.feasible()).isEqualTo(1);
        assertThat(d.ties()).isEqualTo(1);
    }

    @ParameterizedTest(name = "seed {0}: what a sampled decision's diagnostics count")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 42, -7})
    void aSampledDecisionCountsItsDraws(long seed) {
        PlacementResult result = ENGINE.place(tenWithFourInfeasible(), randomTask(seed).build());

        PlacementResult.Diagnostics d = result.diagnostics().get(0);
        int rejected = d.rejections().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(d.candidateSource()).isEqualTo(SAMPLED);
        assertThat(d.instancesInCluster()).isEqualTo(10);
        assertThat(rejected).isEqualTo(d.candidatesExamined() - 1);
        assertThat(d.feasible()).isEqualTo(1);
        assertThat(d.ties()).isEqualTo(1);
        assertThat(d.chosenScores()).extracting(PlacementResult.Score::strategy, PlacementResult.Score::value)
                .containsExactly(tuple("random", (long) d.candidatesExamined()));
        assertThat(d.closestInstance().isPresent()).isEqualTo(rejected > 0);
    }

    @Test
    void aFailureStillScansEveryInstance() {
        ClusterIndex index = new ClusterIndex();
        for (int i = 0; i < 50; i++) {
            index.upsertInstance(instance("i" + i).remaining(128, 8192).build());
        }

        PlacementResult result = ENGINE.place(index, randomTask(42).build());

        PlacementResult.Diagnostics d = result.diagnostics().get(0);
        assertThat(result.failures()).hasSize(1);
        assertThat(d.candidateSource()).isEqualTo("all instances");
        assertThat(d.candidatesExamined()).isEqualTo(50);
        assertThat(d.rejections()).containsExactly(Map.entry(Filter.CPU, 50));
        assertThat(d.closestInstance()).contains(arn("i0"));
    }

    @ParameterizedTest(name = "seed {0}: ten tasks, room for one on each of twelve instances")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 42, -7})
    void theRequestsOwnReservationsAreRespected(long seed) {
        ClusterIndex index = new ClusterIndex();
        for (int i = 0; i < 12; i++) {
            index.upsertInstance(instance("i" + i).remaining(256 + 128, 8192).build());
        }

        PlacementResult result = ENGINE.place(index, randomTask(seed).count(10).build());

        assertThat(result.placements()).hasSize(10);
        assertThat(new HashSet<>(result.placements().stream().map(PlacementResult.Placement::instanceArn).toList()))
                .hasSize(10);
    }

    @ParameterizedTest(name = "seed {0}: ten tasks, distinctInstance and memberOf on zone b")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 42, -7})
    void constraintsAreRespected(long seed) {
        ClusterIndex index = new ClusterIndex();
        for (int i = 0; i < 40; i++) {
            index.upsertInstance(Instances.inZone("i" + i, i % 4 == 1 ? "us-east-1b" : "us-east-1a").build());
        }

        PlacementResult result = ENGINE.place(index, randomTask(seed).count(10)
                .constraint("distinctInstance", null)
                .constraint("memberOf", "attribute:ecs.availability-zone == us-east-1b").build());

        List<String> ids = result.placements().stream().map(p -> id(p.instanceArn())).toList();
        assertThat(ids).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(i -> assertThat(Integer.parseInt(i.substring(1)) % 4).isEqualTo(1));
    }

    @ParameterizedTest(name = "seed {0}: the same choices however the index was built")
    @ValueSource(longs = {0, 1, 42, -7, Long.MAX_VALUE})
    void reproduciblePerSeedWhateverOrderTheIndexWasBuiltIn(long seed) {
        ClusterIndex forward = new ClusterIndex();
        ClusterIndex backward = new ClusterIndex();
        for (int i = 0; i < 300; i++) {
            forward.upsertInstance(instance("i" + i).build());
            backward.upsertInstance(instance("i" + (299 - i)).build());
            backward.upsertInstance(instance("gone" + i).build());
        }
        for (int i = 0; i < 300; i++) {
            backward.removeInstance(arn("gone" + i));
        }
        PlacementRequest request = randomTask(seed).count(10).build();

        String once = Requests.instances(ENGINE.place(forward, request));

        assertThat(Requests.instances(ENGINE.place(forward, request))).isEqualTo(once);
        assertThat(Requests.instances(ENGINE.place(backward, request))).isEqualTo(once);
    }
}
