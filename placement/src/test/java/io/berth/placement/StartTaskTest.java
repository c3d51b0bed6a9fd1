package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.arn;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.ENGINE;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

/** StartTask: one task per listed instance, no choice, failures per instance. */
class StartTaskTest {

    private static ClusterIndex cluster() {
        return Instances.cluster(instance("ok"), instance("full").remaining(0, 0),
                instance("draining").status(InstanceStatus.DRAINING), instance("gone").agentConnected(false));
    }

    @ParameterizedTest(name = "{0} → placed on {1}, failures {2}")
    @CsvSource(delimiter = '|', value = {
            "ok            | ok    | ''",
            "ok,ok         | ok,ok | ''",
            "full          | ''    | full=RESOURCE:CPU",
            "ok,missing    | ok    | missing=MISSING",
            "draining,gone | ''    | draining=INACTIVE;gone=AGENT",
    })
    void onePerListedInstance(String listed, String placed, String failures) {
        PlacementRequest.Builder b = task();
        for (String id : listed.split(",")) {
            b.instance(arn(id));
        }

        PlacementResult result = ENGINE.place(cluster(), b.build());

        assertThat(Requests.instances(result)).isEqualTo(placed);
        assertThat(String.join(";", result.failures().stream()
                .map(f -> Instances.id(f.arn()) + "=" + f.reason()).toList())).isEqualTo(failures);
    }
}
