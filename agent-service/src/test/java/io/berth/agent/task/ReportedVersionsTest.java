package io.berth.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportedVersionsTest {

    private final ReportedVersions versions = new ReportedVersions(3);

    @Test
    void knowsOnlyTheStreamsItWasToldOf() {
        versions.reached(Map.of("a", 2L, "b", 5L));

        assertThat(versions.of(List.of("a", "b", "c"))).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 5L));
    }

    @Test
    void aVersionNeverGoesBackWhenTwoWritersReportOutOfOrder() {
        versions.reached(Map.of("a", 4L));
        versions.reached(Map.of("a", 3L));

        assertThat(versions.of(List.of("a"))).containsEntry("a", 4L);
    }

    @Test
    void forgottenAndClearedStreamsAreReadAgain() {
        versions.reached(Map.of("a", 1L, "b", 1L));
        versions.forget(List.of("a"));
        assertThat(versions.of(List.of("a", "b"))).containsOnlyKeys("b");

        versions.clear();
        assertThat(versions.of(List.of("a", "b"))).isEmpty();
    }

    @Test
    void keepsTheMostRecentlyUsedStreamsWithinItsLimit() {
        versions.reached(Map.of("a", 1L));
        versions.reached(Map.of("b", 1L));
        versions.reached(Map.of("c", 1L));
        versions.of(List.of("a"));
        versions.reached(Map.of("d", 1L));

        assertThat(versions.size()).isEqualTo(3);
        assertThat(versions.of(List.of("a", "b", "c", "d"))).containsOnlyKeys("a", "c", "d");
    }
}
