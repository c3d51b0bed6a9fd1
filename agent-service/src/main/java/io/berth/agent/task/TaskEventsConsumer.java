package io.berth.agent.task;

import io.berth.agent.fleet.HostedAgents;
import io.berth.events.EventEnvelope;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.eventstore.Inbox;
import io.berth.eventstore.JsonColumns;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The scheduler's decisions about tasks on this service's instances: a placement reserves the
 * task's resources on its instance (for DescribeContainerInstances) and, on a hosted agent, starts
 * it; a stop request reaches the hosted agent's runtime. External agents find both through the
 * API. Each event takes effect once; the runtime is only called after the commit.
 */
@ApplicationScoped
public class TaskEventsConsumer {

    static final String CONSUMER = "agent-tasks";

    private final Inbox inbox;
    private final HostedAgents agents;

    public TaskEventsConsumer(Inbox inbox, HostedAgents agents) {
        this.inbox = inbox;
        this.agents = agents;
    }

    /** A batch in one transaction (placements come in bursts); the runtimes are called after the commit. */
    @Incoming("task-events")
    @Blocking
    public void onTaskEvents(List<EventEnvelope> events) {
        List<EventEnvelope> relevant = events.stream().filter(event -> event != null
                && (event.payload() instanceof TaskPlaced || event.payload() instanceof TaskStopRequested)).toList();
        List<EventEnvelope> first = QuarkusTransaction.requiringNew().call(() -> {
            Set<UUID> fresh = inbox.firstDeliveries(CONSUMER, relevant.stream().map(EventEnvelope::eventId).toList());
            List<EventEnvelope> firstTime = relevant.stream().filter(event -> fresh.contains(event.eventId())).toList();
            firstTime.stream().filter(event -> event.payload() instanceof TaskPlaced)
                    .forEach(event -> reserve((TaskPlaced) event.payload()));
            return firstTime;
        });
        for (EventEnvelope event : first) {
            if (event.payload() instanceof TaskPlaced placed) {
                if (agents.hosts(placed.containerInstanceArn())) {
                    agents.start(placed, event.account(), event.region());
                }
            } else if (event.payload() instanceof TaskStopRequested stop) {
                agents.stop(stop.taskArn(), stop.containerInstanceArn(), stop.stopCode(), stop.reason());
            }
        }
    }

    private static void reserve(TaskPlaced placed) {
        InstanceTask task = new InstanceTask();
        task.taskArn = placed.taskArn();
        task.containerInstanceArn = placed.containerInstanceArn();
        task.clusterArn = placed.clusterArn();
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
        task.persist();
    }
}
