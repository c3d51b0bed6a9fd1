package io.berth.scaling.metrics;

import io.berth.ecs.Arns;
import io.berth.events.EventEnvelope;
import io.berth.events.TaskStateEvent.TaskUtilizationReported;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds {@link ServiceMetrics} from the utilization samples of tasks started by a service
 * ({@code group} {@code service:<name>}). Samples are not stored: like CloudWatch datapoints they
 * only matter for the alarms' last periods, and a restarted replica waits for new ones.
 */
@ApplicationScoped
public class UtilizationConsumer {

    private final ServiceMetrics metrics;

    public UtilizationConsumer(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Incoming("task-state-events")
    public void onTaskStateEvent(EventEnvelope event) {
        if (event == null || !(event.payload() instanceof TaskUtilizationReported sample)
                || sample.group() == null || !sample.group().startsWith("service:")) {
            return;
        }
        metrics.record(Arns.inCluster(sample.clusterArn(), "service", sample.group().substring("service:".length())),
                sample.cpuUtilization(), sample.memoryUtilization(), sample.periodEnd());
    }
}
