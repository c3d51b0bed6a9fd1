package io.berth.agent.fleet;

import io.berth.agent.runtime.ContainerReport;
import io.berth.agent.runtime.ProcessRuntime;
import io.berth.agent.runtime.Runtime;
import io.berth.agent.runtime.SimulatedRuntime;
import io.berth.agent.runtime.StopCodes;
import io.berth.agent.runtime.TaskReport;
import io.berth.agent.runtime.TaskSpec;
import io.berth.agent.task.TaskReports;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.events.TaskStateEvent.TaskUtilizationReported;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The node agents this service hosts: for each of their container instances, the runtime that
 * runs its tasks (simulated or real processes). Placements and stop requests for these instances
 * go to the runtime; its reports go out as task state events.
 */
@ApplicationScoped
public class HostedAgents {

    public static final String SIMULATED = "simulated";
    public static final String PROCESS = "process";
    private static final Logger LOG = Logger.getLogger(HostedAgents.class);

    /** Who a running task belongs to, for its reports. */
    private record Owner(String account, String region, String clusterArn, String instanceArn, String group) {
    }

    private final TaskReports reports;
    private final Map<String, HostedAgent> agents = new ConcurrentHashMap<>();
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();
    private final Runtime simulated;
    private final Runtime process;

    public HostedAgents(TaskReports reports,
            @ConfigProperty(name = "berth.agent.simulated.start-delay") Duration startDelay,
            @ConfigProperty(name = "berth.agent.simulated.utilization-interval") Duration utilizationInterval,
            @ConfigProperty(name = "berth.agent.process.directory") Path processDirectory) {
        this.reports = reports;
        this.simulated = new SimulatedRuntime(new SimulatedRuntime.Settings(startDelay, utilizationInterval),
                this::utilization);
        this.process = new ProcessRuntime(new ProcessRuntime.Settings(processDirectory));
    }

    void load(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> HostedAgent.<HostedAgent>listAll()
                .forEach(agent -> agents.put(agent.containerInstanceArn, agent)));
    }

    void close(@Observes ShutdownEvent event) {
        simulated.close();
        process.close();
    }

    /** Records a new hosted agent, in the caller's transaction. */
    public void add(HostedAgent agent) {
        agent.persist();
        agents.put(agent.containerInstanceArn, agent);
    }

    public java.util.Collection<HostedAgent> all() {
        return agents.values();
    }

    /** Stops hosting the agent of an instance that is gone (its row stays, for the record). */
    public void forget(String containerInstanceArn) {
        agents.remove(containerInstanceArn);
    }

    public boolean hosts(String containerInstanceArn) {
        return agents.containsKey(containerInstanceArn);
    }

    public List<HostedAgent> ofCluster(String clusterArn) {
        return agents.values().stream().filter(a -> a.clusterArn.equals(clusterArn)).toList();
    }

    /** Runs a task placed on one of the hosted instances. */
    public void start(TaskPlaced placed, String account, String region) {
        HostedAgent agent = agents.get(placed.containerInstanceArn());
        Owner owner = new Owner(account, region, placed.clusterArn(), placed.containerInstanceArn(), placed.group());
        owners.put(placed.taskArn(), owner);
        try {
            TaskSpec spec = TaskSpec.fromTaskDefinition(placed.taskArn(), placed.clusterArn(),
                    placed.containerInstanceArn(), HostPorts.assign(placed.taskDefinition(), placed.portBindings()),
                    placed.overrides());
            runtimeOf(agent).start(spec, report -> publish(owner, report));
        } catch (RuntimeException e) {
            LOG.warnf("Task %s can not start: %s", placed.taskArn(), e.getMessage());
            Instant now = Instant.now();
            reports.enqueue(new TaskReports.Report(account, region, new TaskStateReported(placed.clusterArn(),
                    placed.taskArn(), placed.containerInstanceArn(), 0, "STOPPED", List.of(),
                    StopCodes.TASK_FAILED_TO_START, "CannotStartContainerError: " + e.getMessage(), null, null, null,
                    now)));
            owners.remove(placed.taskArn());
        }
    }

    public void stop(String taskArn, String containerInstanceArn, String stopCode, String reason) {
        HostedAgent agent = agents.get(containerInstanceArn);
        if (agent != null) {
            runtimeOf(agent).stop(taskArn, stopCode, reason);
        }
    }

    /** What a container of a task running on a hosted agent printed, if its runtime keeps output. */
    public Optional<String> logs(String taskArn, String containerName) {
        return process.logs(taskArn, containerName);
    }

    private Runtime runtimeOf(HostedAgent agent) {
        return PROCESS.equals(agent.runtime) ? process : simulated;
    }

    private void publish(Owner owner, TaskReport report) {
        List<ContainerState> containers = report.containers().stream().map(HostedAgents::container).toList();
        reports.enqueue(new TaskReports.Report(owner.account(), owner.region(), new TaskStateReported(
                owner.clusterArn(), report.taskArn(), owner.instanceArn(), report.version(), report.lastStatus(),
                containers, report.stopCode(), report.stoppedReason(), report.pullStartedAt(),
                report.pullStoppedAt(), report.startedAt(), report.executionStoppedAt())));
        if ("STOPPED".equals(report.lastStatus())) {
            owners.remove(report.taskArn());
        }
    }

    private void utilization(String taskArn, double cpu, double memory, Instant from, Instant to) {
        Owner owner = owners.get(taskArn);
        if (owner != null) {
            reports.enqueue(new TaskReports.Report(owner.account(), owner.region(), new TaskUtilizationReported(
                    owner.clusterArn(), taskArn, owner.instanceArn(), owner.group(), cpu, memory, from, to)));
        }
    }

    private static ContainerState container(ContainerReport report) {
        List<NetworkBinding> bindings = report.networkBindings() == null ? List.of()
                : report.networkBindings().stream().map(b -> new NetworkBinding(b.bindIP(), b.containerPort(),
                        b.hostPort(), b.protocol())).toList();
        return new ContainerState(report.name(), report.lastStatus(), report.exitCode(), report.reason(), bindings);
    }
}
