package io.berth.agent.fleet;

import io.berth.agent.task.InstanceTask;
import io.berth.events.EventEnvelope;
import io.berth.events.TaskEvent;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.JsonColumns;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The scheduler's decisions about tasks on this service's instances and its serverless pool: a
 * placement reserves the task's resources on its instance (for DescribeContainerInstances) and, on a
 * hosted agent or the pool, starts it; a stop request reaches the runtime that runs the task. External agents find both through the
 * API. Each event takes effect once; the runtime is only called after the commit.
 */
@ApplicationScoped
public class TaskEventsConsumer {

    static final String CONSUMER = "agent-tasks";
    static final Selection<TaskEvent> PLACED_OR_STOPPED = Selection.of(TaskEvent.class, TaskPlaced.class,
            TaskStopRequested.class);

    private final EventConsumer consumer;
    private final HostedAgents agents;

    public TaskEventsConsumer(EventConsumer consumer, HostedAgents agents) {
        this.consumer = consumer;
        this.agents = agents;
    }

    /** A batch in one transaction (placements come in bursts); the runtimes are called after the commit. */
    @Incoming("task-events")
    @Blocking(EventConsumer.WORKERS)
    public void onTaskEvents(ConsumerRecords<String, EventEnvelope> records) {
        consumer.consumeUntilApplied(CONSUMER, records, PLACED_OR_STOPPED, fresh -> {
            // Fargate tasks hold nothing on an instance.
            fresh.stream().filter(d -> d.event() instanceof TaskPlaced placed && !placed.onFargate())
                    .forEach(d -> reserve(d.envelope(), (TaskPlaced) d.event()));
            return () -> {
                Instant committedAt = Instant.now();
                fresh.forEach(d -> carryOut(d, committedAt));
            };
        });
    }

    private void carryOut(Delivery<TaskEvent> delivery, Instant committedAt) {
        if (delivery.event() instanceof TaskPlaced placed) {
            if (agents.runs(placed)) {
                agents.start(placed, delivery.envelope().account(), delivery.envelope().region(), committedAt);
            }
        } else if (delivery.event() instanceof TaskStopRequested stop) {
            agents.stop(stop.taskArn(), stop.containerInstanceArn(), stop.stopCode(), stop.reason());
        }
    }

    private void reserve(EventEnvelope event, TaskPlaced placed) {
        InstanceTask task = new InstanceTask();
        task.taskArn = placed.taskArn();
        task.containerInstanceArn = placed.containerInstanceArn();
        task.clusterArn = placed.clusterArn();
        task.taskGroup = placed.group();
        task.cpu = placed.cpu();
        task.memory = placed.memory();
        TreeSet<Integer> tcp = new TreeSet<>();
        TreeSet<Integer> udp = new TreeSet<>();
        if (placed.portBindings() != null) {
            placed.portBindings().forEach(b -> ("udp".equals(b.protocol()) ? udp : tcp).add(b.hostPort()));
        }
        task.tcpPorts = JsonColumns.write(tcp);
        task.udpPorts = JsonColumns.write(udp);
        task.lastStatus = "PENDING";
        if (agents.adoptsTasks(placed.containerInstanceArn())) {
            task.taskDefinition = agents.placedDefinition(placed).toString();
            task.overrides = placed.overrides() == null ? null : placed.overrides().toString();
            task.account = event.account();
            task.region = event.region();
        }
        task.persist();
    }
}
