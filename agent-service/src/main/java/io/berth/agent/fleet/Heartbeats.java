package io.berth.agent.fleet;

import io.berth.agent.instance.InstanceService;
import io.berth.ecs.EcsException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The heartbeats of the hosted agents. Every interval each agent that is alive beats; an agent
 * whose last beat is older than the timeout is marked disconnected ({@code AgentConnectionChanged},
 * {@code agentConnected=false}, and placement stops choosing its instance), and connected again
 * when it beats again. An agent can be silenced through the fleet API to play a lost node.
 * External agents have no heartbeat here: they count as connected until they deregister.
 */
@ApplicationScoped
public class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class);

    private final HostedAgents agents;
    private final InstanceService instances;
    private final Duration interval;
    private final Duration timeout;
    private final Map<String, Instant> lastBeat = new ConcurrentHashMap<>();
    private final Map<String, Boolean> connected = new ConcurrentHashMap<>();
    private final Set<String> silenced = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;

    public Heartbeats(HostedAgents agents, InstanceService instances,
            @ConfigProperty(name = "berth.agent.heartbeat-interval") Duration interval,
            @ConfigProperty(name = "berth.agent.heartbeat-timeout") Duration timeout) {
        this.agents = agents;
        this.instances = instances;
        this.interval = interval;
        this.timeout = timeout;
    }

    void start(@Observes StartupEvent event) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "agent-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    /** Stops ({@code false}) or resumes the heartbeats of a hosted agent. */
    public void setBeating(String containerInstanceArn, boolean beating) {
        if (beating) {
            silenced.remove(containerInstanceArn);
        } else {
            silenced.add(containerInstanceArn);
        }
    }

    /** One round; nothing it throws may end the schedule, which would silence every agent. */
    private void beat() {
        try {
            tick();
        } catch (Throwable e) {
            LOG.errorf(e, "A heartbeat round failed");
        }
    }

    void tick() {
        Instant now = Instant.now();
        for (HostedAgent agent : agents.all()) {
            String arn = agent.containerInstanceArn;
            // An agent first seen counts as having just beaten, silenced or not.
            lastBeat.putIfAbsent(arn, now);
            if (!silenced.contains(arn)) {
                lastBeat.put(arn, now);
            }
            boolean alive = lastBeat.get(arn).isAfter(now.minus(timeout));
            if (connected.getOrDefault(arn, true) != alive) {
                try {
                    instances.agentConnected(arn, alive, agent.account, agent.region);
                    connected.put(arn, alive);
                    LOG.infof("Agent of %s %s", arn, alive ? "reconnected" : "missed its heartbeats: disconnected");
                } catch (EcsException e) {
                    // Deregistered meanwhile: nothing to watch any more.
                    LOG.infof("No longer watching the agent of %s: %s", arn, e.getMessage());
                    agents.forget(arn);
                    connected.remove(arn);
                    lastBeat.remove(arn);
                } catch (RuntimeException e) {
                    LOG.warnf("Recording the connection of %s failed, retrying next beat: %s", arn, e.getMessage());
                }
            }
        }
    }
}
