package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class MemberOfFilterTest {

    private static final String UNSATISFIED = "MemberOf placement constraint unsatisfied.";

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "attribute:ecs.instance-type == m5.xlarge                          | a",
            "attribute:ecs.instance-type == t2.small                           | " + UNSATISFIED,
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]       | a",
            "attribute:ecs.availability-zone in [us-east-1c]                   | " + UNSATISFIED,
            "attribute:rack exists                                             | " + UNSATISFIED,
            "attribute:ecs.instance-type == m5.xlarge and attribute:rack exists | " + UNSATISFIED,
            "task:group == family:db                                           | a",
            "task:group == family:cache                                        | " + UNSATISFIED,
    })
    void onlyInstancesTheQueryMatches(String expression, String expected) {
        ClusterIndex index = cluster(instance("a"));
        Instances.run(index, "a", "family:db", 1);

        PlacementRequest request = task().constraint("memberOf", expression).build();

        assertThat(outcome(index, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "attribute:tier == web                        | w",
            "attribute:tier == db                         | d",
            "attribute:tier == web and attribute:tier == db | " + UNSATISFIED,
    })
    void everyMemberOfConstraintMustHold(String expression, String expected) {
        ClusterIndex index = cluster(instance("w").attribute("tier", "web"), instance("d").attribute("tier", "db"));

        assertThat(outcome(index, task().constraint("memberOf", expression).build())).isEqualTo(expected);
    }
}
