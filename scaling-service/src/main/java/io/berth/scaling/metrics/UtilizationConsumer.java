package io.berth.scaling.metrics;

import io.berth.ecs.Arns;
import io.berth.events.EventEnvelope;
import io.berth.events.TaskStateEvent.InstanceUtilizationReported;
import io.berth.events.TaskStateEvent.TaskUtilization;
import io.berth.events.TaskStateEvent.TaskUtilizationReported;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@link ServiceMetrics} from the utilization samples of tasks started by a service
 * ({@code group} {@code service:<name>}): each task of an instance's report is one sample of the
 * period the report ends. Older logs hold one event per task sample ({@code TaskUtilizationReported}),
 * folded alike. Samples are not stored: like CloudWatch datapoints they only matter for the alarms'
 * last periods, and a restarted replica waits for new ones.
 */
@ApplicationScoped
public class UtilizationConsumer {

    private static final String SERVICE_GROUP = "service:";

    private final ServiceMetrics metrics;

    public UtilizationConsumer(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Incoming("task-state-events")
    public void onTaskStateEvent(EventEnvelope event) {
        if (event == null) {
            return;
        }
        if (event.payload() instanceof InstanceUtilizationReported report) {
            for (TaskUtilization task : report.samples()) {
                record(report.clusterArn(), task.group(), task.cpuUtilization(), task.memoryUtilization(),
                        report.periodEnd());
            }
        } else if (event.payload() instanceof TaskUtilizationReported sample) {
            record(sample.clusterArn(), sample.group(), sample.cpuUtilization(), sample.memoryUtilization(),
                    sample.periodEnd());
        }
    }

    private void record(String clusterArn, String group, double cpu, double memory, Instant periodEnd) {
        if (group != null && group.startsWith(SERVICE_GROUP)) {
            metrics.record(Arns.inCluster(clusterArn, "service", group.substring(SERVICE_GROUP.length())), cpu,
                    memory, periodEnd);
        }
    }
}
