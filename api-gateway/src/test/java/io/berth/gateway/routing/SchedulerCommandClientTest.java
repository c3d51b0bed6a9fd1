package io.berth.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The HTTP status a refusal of the scheduler is answered with. */
class SchedulerCommandClientTest {

    private static SchedulerCommandAnswered refused(String type, Integer status) {
        return new SchedulerCommandAnswered("arn:aws:ecs:eu-west-1:000000000000:cluster/c", UUID.randomUUID(),
                List.of(), List.of(), type, "m", null, status, null, null);
    }

    @Test
    void theSchedulersStatusIsKeptSoThatARetryableRefusalIsRetried() {
        assertThat(SchedulerCommandClient.statusOf(refused("ServerException", 503))).isEqualTo(503);
        assertThat(SchedulerCommandClient.statusOf(refused("ServerException", 500))).isEqualTo(500);
        assertThat(SchedulerCommandClient.statusOf(refused("InvalidParameterException", 400))).isEqualTo(400);
    }

    @Test
    void anAnswerRecordedBeforeItNamedAStatusIsAServerErrorOrAClientError() {
        assertThat(SchedulerCommandClient.statusOf(refused("ServerException", null))).isEqualTo(500);
        assertThat(SchedulerCommandClient.statusOf(refused("ClusterNotFoundException", null))).isEqualTo(400);
    }
}
