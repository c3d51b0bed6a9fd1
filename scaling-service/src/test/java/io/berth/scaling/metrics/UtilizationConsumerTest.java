package io.berth.scaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.TaskStateEvent.InstanceUtilizationReported;
import io.berth.events.TaskStateEvent.TaskUtilization;
import io.berth.events.TaskStateEvent.TaskUtilizationReported;
import io.berth.testsupport.TestPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fold of utilization reports into per-service datapoints: an instance's report counts as its tasks' samples. */
class UtilizationConsumerTest {

    static final String CLUSTER = "arn:aws:ecs:eu-west-1:000000000000:cluster/web";
    static final String SERVICE = "arn:aws:ecs:eu-west-1:000000000000:service/web/front";
    static final String INSTANCE = "arn:aws:ecs:eu-west-1:000000000000:container-instance/web/4b6d45ea";
    static final Instant MINUTE = Instant.parse("2026-12-05T10:00:00Z");

    static TaskUtilization task(String id, String group, double cpu, double memory) {
        return new TaskUtilization("arn:aws:ecs:eu-west-1:000000000000:task/web/" + id, group, cpu, memory);
    }

    /** Two periods of three service tasks on two instances, and a task of no service, as instances report them. */
    static void reportByInstance(UtilizationConsumer consumer) {
        for (int period = 0; period < 2; period++) {
            Instant end = MINUTE.plusSeconds(60L * period + 30);
            consumer.onTaskStateEvent(TestPublisher.envelope("instance-utilization", "utilization:" + INSTANCE,
                    period + 1, "000000000000", new InstanceUtilizationReported(CLUSTER, INSTANCE,
                            end.minusSeconds(60), end, List.of(task("a", "service:front", 80 + period, 40),
                                    task("b", "service:front", 20, 60), task("job", "family:batch", 100, 100)))));
            consumer.onTaskStateEvent(TestPublisher.envelope("instance-utilization", "utilization:" + INSTANCE + "2",
                    period + 1, "000000000000", new InstanceUtilizationReported(CLUSTER, INSTANCE + "2",
                            end.minusSeconds(60), end, List.of(task("c", "service:front", 50, 20)))));
        }
    }

    @Test
    void anInstancesReportIsOneSampleOfEachOfItsServicesTasks() {
        ServiceMetrics metrics = new ServiceMetrics(Duration.ofSeconds(60));
        reportByInstance(new UtilizationConsumer(metrics));

        Instant now = MINUTE.plusSeconds(120);
        assertThat(metrics.services()).containsExactly(SERVICE);
        assertThat(metrics.datapoints(SERVICE, ServiceMetrics.Metric.CPU, 2, now)).containsExactly(50.0,
                (81 + 20 + 50) / 3.0);
        assertThat(metrics.datapoints(SERVICE, ServiceMetrics.Metric.MEMORY, 2, now)).containsExactly(40.0, 40.0);
    }

    @Test
    void olderLogsOneEventPerTaskFoldToTheSameDatapoints() {
        ServiceMetrics byInstance = new ServiceMetrics(Duration.ofSeconds(60));
        reportByInstance(new UtilizationConsumer(byInstance));
        ServiceMetrics byTask = new ServiceMetrics(Duration.ofSeconds(60));
        UtilizationConsumer consumer = new UtilizationConsumer(byTask);
        for (int period = 0; period < 2; period++) {
            Instant end = MINUTE.plusSeconds(60L * period + 30);
            for (TaskUtilization task : List.of(task("a", "service:front", 80 + period, 40),
                    task("b", "service:front", 20, 60), task("job", "family:batch", 100, 100),
                    task("c", "service:front", 50, 20))) {
                consumer.onTaskStateEvent(TestPublisher.envelope("task-utilization", "utilization:" + task.taskArn(),
                        period + 1, "000000000000", new TaskUtilizationReported(CLUSTER, task.taskArn(), INSTANCE,
                                task.group(), task.cpuUtilization(), task.memoryUtilization(), end.minusSeconds(60),
                                end)));
            }
        }

        Instant now = MINUTE.plusSeconds(120);
        for (ServiceMetrics.Metric metric : ServiceMetrics.Metric.values()) {
            assertThat(byTask.datapoints(SERVICE, metric, 2, now))
                    .isEqualTo(byInstance.datapoints(SERVICE, metric, 2, now));
        }
    }
}
