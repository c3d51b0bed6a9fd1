package io.berth.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.fleet.UtilizationRound.Owner;
import io.berth.agent.runtime.UtilizationListener.Sample;
import io.berth.agent.task.TaskReports.Report;
import io.berth.events.TaskStateEvent.InstanceUtilizationReported;
import io.berth.events.TaskStateEvent.TaskUtilization;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UtilizationRoundTest {

    static final String CLUSTER = "arn:aws:ecs:eu-west-1:000000000000:cluster/web";
    static final String INSTANCE = "arn:aws:ecs:eu-west-1:000000000000:container-instance/web/1";
    static final String OTHER_INSTANCE = "arn:aws:ecs:eu-west-1:000000000000:container-instance/web/2";
    static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    static final Instant END = START.plusSeconds(60);

    final Map<String, Owner> owners = new HashMap<>();

    String task(int n, String instance, String group) {
        String arn = "arn:aws:ecs:eu-west-1:000000000000:task/web/" + n;
        owners.put(arn, new Owner("000000000000", "eu-west-1", CLUSTER, instance, group));
        return arn;
    }

    static InstanceUtilizationReported event(Report report) {
        return (InstanceUtilizationReported) report.event();
    }

    @Test
    void theSamplesOfAllTasksOfAnInstanceInOneRoundAreOneEvent() {
        List<Sample> samples = IntStream.range(0, 50).mapToObj(n -> new Sample(task(n, INSTANCE, "service:front"),
                n, 100 - n, START, END)).toList();

        List<Report> reports = UtilizationRound.reports(samples, owners::get);

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.account()).isEqualTo("000000000000");
            assertThat(report.region()).isEqualTo("eu-west-1");
            InstanceUtilizationReported event = event(report);
            assertThat(event.clusterArn()).isEqualTo(CLUSTER);
            assertThat(event.containerInstanceArn()).isEqualTo(INSTANCE);
            assertThat(event.periodStart()).isEqualTo(START);
            assertThat(event.periodEnd()).isEqualTo(END);
            assertThat(event.samples()).hasSize(50).element(7).isEqualTo(new TaskUtilization(
                    "arn:aws:ecs:eu-west-1:000000000000:task/web/7", "service:front", 7, 93));
        });
    }

    @Test
    void eachInstanceAndTheServerlessPoolOfEachClusterHasItsOwnEvent() {
        String first = task(1, INSTANCE, "service:front");
        String second = task(2, OTHER_INSTANCE, "family:batch");
        String fargate = task(3, null, "service:api");
        String lateStarter = task(4, INSTANCE, null);

        List<Report> reports = UtilizationRound.reports(List.of(new Sample(first, 10, 20, START, END),
                new Sample(second, 30, 40, START, END), new Sample(fargate, 50, 60, START, END),
                new Sample(lateStarter, 70, 80, START.plusSeconds(45), END)), owners::get);

        assertThat(reports).extracting(report -> event(report).containerInstanceArn())
                .containsExactly(INSTANCE, OTHER_INSTANCE, null);
        assertThat(event(reports.get(0)).samples()).extracting(TaskUtilization::taskArn)
                .containsExactly(first, lateStarter);
        assertThat(event(reports.get(0)).periodStart()).as("the round's period, from the longest sample")
                .isEqualTo(START);
        assertThat(event(reports.get(2)).clusterArn()).isEqualTo(CLUSTER);
        assertThat(event(reports.get(2)).samples()).containsExactly(new TaskUtilization(fargate, "service:api", 50,
                60));
    }

    @Test
    void aTaskNoAgentRunsAnyMoreIsLeftOut() {
        String known = task(1, INSTANCE, "service:front");

        List<Report> reports = UtilizationRound.reports(List.of(new Sample(known, 10, 20, START, END),
                new Sample("arn:aws:ecs:eu-west-1:000000000000:task/web/gone", 90, 90, START, END)), owners::get);

        assertThat(reports).singleElement().satisfies(report -> assertThat(event(report).samples())
                .extracting(TaskUtilization::taskArn).containsExactly(known));
        assertThat(UtilizationRound.reports(List.of(new Sample("arn:aws:ecs:eu-west-1:000000000000:task/web/gone",
                90, 90, START, END)), owners::get)).isEmpty();
    }
}
