package io.berth.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.berth.placement.Instances.cluster;
import static io.berth.placement.Instances.instance;
import static io.berth.placement.Requests.outcome;
import static io.berth.placement.Requests.task;
import static org.assertj.core.api.Assertions.assertThat;

class AgentFilterTest {

    @ParameterizedTest(name = "agent connected {0} → {1}")
    @CsvSource({
            "true,  a",
            "false, AGENT",
    })
    void onlyConnectedAgentsTakeTasks(boolean connected, String expected) {
        ClusterIndex index = cluster(instance("a").agentConnected(connected));

        assertThat(outcome(index, task().build())).isEqualTo(expected);
    }
}
