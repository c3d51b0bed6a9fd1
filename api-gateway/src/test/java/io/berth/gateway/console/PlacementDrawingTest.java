package io.berth.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.EventJson;
import org.junit.jupiter.api.Test;

class PlacementDrawingTest {

    @Test
    void rejectionsAreBarsAsLongAsTheirShareOfTheCandidatesMostFirst() throws Exception {
        ConsoleResource.Placement placement = ConsoleResource.placement(EventJson.mapper().readTree("""
                {"taskArn":"t","containerInstanceArn":"arn:ci/1","diagnostics":{"candidatesSeen":4,
                 "rejectionsByReason":{"ATTRIBUTE":1,"RESOURCE:MEMORY":2},"chosenScores":[0.5,2]}}"""));

        assertThat(placement.known()).isTrue();
        assertThat(placement.chosenInstance()).isEqualTo("arn:ci/1");
        assertThat(placement.scores()).isEqualTo("0.5, 2");
        assertThat(placement.rejections()).extracting(ConsoleResource.Bar::reason)
                .containsExactly("RESOURCE:MEMORY", "ATTRIBUTE");
        assertThat(placement.rejections()).extracting(ConsoleResource.Bar::width).containsExactly(150, 75);
        assertThat(placement.rejections().get(1).y()).isGreaterThan(placement.rejections().get(0).y());
    }

    @Test
    void aTaskWithoutDiagnosticsSaysSo() throws Exception {
        assertThat(ConsoleResource.placement(EventJson.mapper().readTree("{}")).known()).isFalse();
    }
}
