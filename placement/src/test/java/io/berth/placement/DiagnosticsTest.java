package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class DiagnosticsTest {

    /** 2 draining, 3 disconnected, 4 short of memory, 1 with port 80 taken, 2 that fit. */
    private static ClusterIndex cluster() {
        ClusterIndex index = new ClusterIndex();
        int n = 0;
        for (int i = 0; i < 2; i++) {
            index.upsertInstance(instance("x" + n++).status(InstanceStatus.DRAINING).build());
        }
        for (int i = 0; i < 3; i++) {
            index.upsertInstance(instance("x" + n++).agentConnected(false).build());
        }
        for (int i = 0; i < 4; i++) {
            index.upsertInstance(instance("x" + n++).remaining(4096, 100).build());
        }
        index.upsertInstance(instance("x" + n++).reservedPorts(java.util.Set.of(80), java.util.Set.of()).build());
        index.upsertInstance(instance("fit1").build());
        index.upsertInstance(instance("fit2").remaining(1024, 8192).build());
        return index;
    }

    /**
     * On success only the instances of the narrowest index are examined: here those with at least
     * 512 MiB left, so the four short of memory are never looked at.
     */
    @ParameterizedTest(name = "port {0}: histogram {2}")
    @CsvSource(delimiter = '|', value = {
            "80 | 8 | STATUS=2, AGENT=3, PORTS=1 | 2",
            "81 | 8 | STATUS=2, AGENT=3          | 3",
    })
    void rejectionsAreCountedByFilter(int port, int examined, String histogram, int feasible) {
        PlacementResult result = ENGINE.place(cluster(),
                task().cpu(0).memory(512).tcpPort(port).strategy("spread", "instanceId").build());
        PlacementResult.Diagnostics d = result.diagnostics().get(0);

        assertThat(d.candidateSource()).isEqualTo("remaining memory >= 512");
        assertThat(d.candidatesExamined()).isEqualTo(examined);
        assertThat(d.instancesInCluster()).isEqualTo(12);
        assertThat(d.rejections().toString()).isEqualTo("{" + histogram + "}");
        assertThat(d.feasible()).isEqualTo(feasible);
        assertThat(d.ties()).isEqualTo(feasible);
        assertThat(d.chosenScores()).isEqualTo(result.placements().get(0).scores());
    }

    @ParameterizedTest(name = "failure histogram by reason")
    @CsvSource(delimiter = '|', value = {
            "9000 | INACTIVE=2, AGENT=3, RESOURCE:MEMORY=7",
    })
    void failuresReportTheHistogramByReason(int memory, String histogram) {
        PlacementResult result = ENGINE.place(cluster(), task().memory(memory).build());
        PlacementResult.Diagnostics d = result.diagnostics().get(0);

        assertThat(d.rejectionsByReason().toString()).isEqualTo("{" + histogram + "}");
        assertThat(d.candidatesExamined()).isEqualTo(12);
        assertThat(d.closestRejection()).contains(Filter.MEMORY);
        assertThat(d.chosenScores()).isEmpty();
        assertThat(Map.of("closest", d.closestInstance().orElseThrow()))
                .containsEntry("closest", result.failures().get(0).arn());
    }

    @org.junit.jupiter.api.Test
    void aDecisionWithoutRejectionsHasAnEmptyHistogramByReason() {
        ClusterIndex index = new ClusterIndex();
        index.upsertInstance(instance("only").build());

        PlacementResult.Diagnostics d = ENGINE.place(index, task().memory(128).build()).diagnostics().get(0);

        assertThat(d.rejections()).isEmpty();
        assertThat(d.rejectionsByReason()).isEmpty();
    }
}
