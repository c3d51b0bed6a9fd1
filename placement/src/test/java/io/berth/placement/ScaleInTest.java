package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.berth.placement.Instances.inZone;
import static org.assertj.core.api.Assertions.assertThat;

class ScaleInTest {

    private static final String WEB = "service:web";

    /** Zone a: a1 (3 tasks), a2 (1); zone b: b1 (1). Each task 256 CPU; a2 has 512 CPU left. */
    private static ClusterIndex cluster() {
        ClusterIndex index = Instances.cluster(
                inZone("a1", "us-east-1a"), inZone("a2", "us-east-1a").remaining(768, 8192), inZone("b1", "us-east-1b"));
        Instances.run(index, "a1", WEB, 3, 256, 512);
        Instances.run(index, "a2", WEB, 1, 256, 512);
        Instances.run(index, "b1", WEB, 1, 256, 512);
        return index;
    }

    private static Map<String, Long> stoppedPerInstance(ClusterIndex index, List<String> tasks) {
        return tasks.stream().collect(Collectors.groupingBy(
                t -> Instances.id(index.task(t).orElseThrow().instanceArn()), Collectors.counting()));
    }

    @ParameterizedTest(name = "{0} {1}, stop {2} → {3}")
    @CsvSource(delimiter = '|', value = {
            "spread  | instanceId                      | 1 | {a1=1}",
            "spread  | instanceId                      | 3 | {a1=2, x=1}",
            "binpack | cpu                             | 1 | {b1=1}",
            "binpack | cpu                             | 4 | {a1=3, b1=1}",
    })
    void takesWhereTheStrategySays(String type, String field, int howMany, String expected) {
        ClusterIndex index = cluster();

        List<String> stopped = ScaleIn.choose(index, WEB, List.of(Strategy.of(type, field)), howMany, 7);

        assertThat(stopped).hasSize(howMany).doesNotHaveDuplicates();
        Map<String, Long> per = stoppedPerInstance(index, stopped);
        if (expected.contains("x=1")) {
            // the third stop ties a1, a2 and b1 at one task each; the seeded pick decides which
            assertThat(per.get("a1")).isBetween(2L, 3L);
            assertThat(per.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        } else {
            assertThat(new java.util.TreeMap<>(per).toString()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "service default takes from the zone with most tasks first, stop {0}")
    @CsvSource({"1, 0", "2, 0", "3, 0"})
    void serviceDefaultKeepsZonesBalanced(int howMany, int fromZoneB) {
        ClusterIndex index = cluster();

        List<String> stopped = ScaleIn.choose(index, WEB, List.of(), howMany, 3);

        long b = stopped.stream().filter(t -> index.task(t).orElseThrow().instanceArn().equals(Instances.arn("b1"))).count();
        assertThat(b).isEqualTo(fromZoneB);
    }

    @ParameterizedTest(name = "spread over zones, stop {0}: all from the fuller zone a")
    @ValueSource(ints = {1, 2, 3})
    void spreadByZoneTakesFromTheFullestZone(int howMany) {
        ClusterIndex index = cluster();

        List<String> stopped = ScaleIn.choose(index, WEB,
                List.of(Strategy.spreadAttribute(InstanceState.AVAILABILITY_ZONE)), howMany, 11);

        assertThat(stopped).hasSize(howMany).allSatisfy(t -> assertThat(
                index.instance(index.task(t).orElseThrow().instanceArn()).orElseThrow()
                        .attribute(InstanceState.AVAILABILITY_ZONE)).contains("us-east-1a"));
    }

    @ParameterizedTest(name = "random is reproducible, seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomIsSeeded(long seed) {
        List<String> first = ScaleIn.choose(cluster(), WEB, List.of(Strategy.random()), 3, seed);

        assertThat(ScaleIn.choose(cluster(), WEB, List.of(Strategy.random()), 3, seed)).isEqualTo(first);
        assertThat(first).hasSize(3).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "asking for {0} of 5 tasks stops {1}")
    @CsvSource({"0, 0", "5, 5", "8, 5"})
    void neverMoreThanTheGroupHas(int howMany, int stopped) {
        assertThat(ScaleIn.choose(cluster(), WEB, List.of(Strategy.random()), howMany, 1)).hasSize(stopped);
    }
}
