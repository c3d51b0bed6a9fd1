package io.berth.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.ContainerReport;
import io.berth.agent.runtime.DockerRuntime;
import io.berth.agent.runtime.Runtime;
import io.berth.agent.runtime.StopCodes;
import io.berth.agent.runtime.TaskReport;
import io.berth.agent.runtime.TaskSpec;
import io.berth.agent.runtime.UtilizationListener;
import io.berth.agent.fleet.UtilizationRound.Owner;
import io.berth.agent.instance.InstanceView;
import io.berth.agent.awslogs.LogsApi;
import io.berth.agent.taskendpoint.CloudWatchLogsApi;
import io.berth.agent.taskendpoint.TaskLogs;
import io.berth.agent.taskendpoint.TaskLookup;
import io.berth.ecs.Arns;
import io.berth.ecs.EcsException;
import io.berth.events.Shapes.Attribute;
import io.berth.agent.task.HandOffMetrics;
import io.berth.agent.task.InstanceTask;
import io.berth.agent.task.TaskReports;
import io.berth.events.EventJson;
import io.berth.eventstore.AccountsForgotten;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The node agents this service hosts: for each of their container instances, the runtime that runs its tasks
 * (chosen by name from the {@link RuntimeRegistry}). Placements and stop requests for these instances go to the
 * runtime; its reports go out as task state events. At start-up, agents whose tasks outlive this service (docker)
 * take their tasks back before any placement or stop request is acted on.
 */
@ApplicationScoped
public class HostedAgents implements TaskLookup {

    public static final String SIMULATED = SimulatedRuntimeProvider.NAME;
    public static final String PROCESS = ProcessRuntimeProvider.NAME;
    private static final Logger LOG = Logger.getLogger(HostedAgents.class);
    /** The most lines the {@code /v1} logs path shows of one container. */
    static final int MAX_SHOWN_LINES = 100_000;
    static final String RESET_REASON = "Berth was reset";

    private final TaskReports reports;
    private final RuntimeRegistry runtimes;
    private final TaskLogs taskLogs;
    private final CloudWatchLogsApi logsApi;
    private final Map<String, HostedAgent> agents = new ConcurrentHashMap<>();
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();
    /** Tasks placed here whose runtime has not reported yet, with their placement's commit. */
    private final Map<String, Instant> placedAt = new ConcurrentHashMap<>();
    /** Tasks placed here that have not reported RUNNING yet. */
    private final Set<String> startingUp = ConcurrentHashMap.newKeySet();
    private final HandOffMetrics handOffs;
    private final CountDownLatch loaded = new CountDownLatch(1);
    /** The runtime of the serverless pool's tasks (ADR 0031). */
    private final String fargateRuntime;

    public HostedAgents(TaskReports reports, RuntimeRegistry runtimes, TaskLogs taskLogs, CloudWatchLogsApi logsApi,
            @ConfigProperty(name = "berth.agent.fargate.runtime") String fargateRuntime, HandOffMetrics handOffs) {
        this.reports = reports;
        this.handOffs = handOffs;
        this.runtimes = runtimes;
        this.taskLogs = taskLogs;
        this.logsApi = logsApi;
        this.fargateRuntime = fargateRuntime;
    }

    void load(@Observes StartupEvent event) {
        try {
            QuarkusTransaction.requiringNew().run(() -> HostedAgent.<HostedAgent>listAll()
                    .forEach(agent -> agents.put(agent.containerInstanceArn, agent)));
            adoptTasks();
        } finally {
            loaded.countDown();
        }
    }

    void close(@Observes ShutdownEvent event) {
        runtimes.closeAll();
    }

    /** Records a new hosted agent, in the caller's transaction. */
    public void add(HostedAgent agent) {
        agent.persist();
        agents.put(agent.containerInstanceArn, agent);
    }

    public Collection<HostedAgent> all() {
        return agents.values();
    }

    /** Stops hosting the agent of an instance that is gone (its row stays, for the record). */
    public void forget(String containerInstanceArn) {
        agents.remove(containerInstanceArn);
    }

    /**
     * A reset (ADR 0034): the account's agents stop being hosted and its tasks stop for real (processes,
     * containers); their last reports are not published, since every owner forgot the tasks.
     */
    void forget(@Observes AccountsForgotten forgotten) {
        agents.values().removeIf(agent -> forgotten.includes(agent.account));
        List<String> tasks = owners.entrySet().stream().filter(e -> forgotten.includes(e.getValue().account()))
                .map(Map.Entry::getKey).toList();
        for (String taskArn : tasks) {
            disown(taskArn);
            for (String name : runtimes.names()) {
                runtimes.ifOpen(name).filter(runtime -> runtime.running(taskArn).isPresent())
                        .ifPresent(runtime -> runtime.stop(taskArn, StopCodes.USER_INITIATED, RESET_REASON));
            }
        }
    }

    /**
     * Stops hosting the agent of an instance that was terminated: unlike {@link #forget(String)}, it is not hosted
     * again after a restart.
     */
    public void retire(String containerInstanceArn) {
        agents.remove(containerInstanceArn);
        QuarkusTransaction.requiringNew().run(() -> HostedAgent.deleteById(containerInstanceArn));
    }

    public boolean hosts(String containerInstanceArn) {
        return agents.containsKey(containerInstanceArn);
    }

    /** Whether the instance's agent must be able to take its tasks back after a restart of this service. */
    public boolean adoptsTasks(String containerInstanceArn) {
        HostedAgent agent = agents.get(containerInstanceArn);
        return agent != null && runtimes.provider(agent.runtime).tasksOutliveAgent();
    }

    public List<HostedAgent> ofCluster(String clusterArn) {
        return agents.values().stream().filter(a -> a.clusterArn.equals(clusterArn)).toList();
    }

    /**
     * The task definition the instance's runtime runs for a placement: with the host ports the scheduler reserved
     * written in, unless the runtime chooses dynamic host ports itself.
     */
    public JsonNode placedDefinition(TaskPlaced placed) {
        HostedAgent agent = agents.get(placed.containerInstanceArn());
        if (agent != null && runtimes.provider(agent.runtime).choosesDynamicHostPorts()) {
            return placed.taskDefinition();
        }
        return HostPorts.assign(placed.taskDefinition(), placed.portBindings());
    }

    /** Whether this service runs the placed task: on one of its hosted instances, or on the serverless pool. */
    public boolean runs(TaskPlaced placed) {
        return placed.onFargate() || hosts(placed.containerInstanceArn());
    }

    /**
     * Runs a task placed on one of the hosted instances, or a Fargate task on the pool's runtime. A
     * Fargate task is its own capacity: the runtime keeps its books (ports, containers) under the
     * task's ARN, and its reports name no instance; it goes ACTIVATING before RUNNING, as ECS shows
     * it while it would register the task with its load balancers. {@code committedAt} is when the
     * placement was applied here: the start of the agent's part of the task's way, which is metered.
     */
    public void start(TaskPlaced placed, String account, String region, Instant committedAt) {
        awaitLoaded();
        Owner owner = new Owner(account, region, placed.clusterArn(), placed.containerInstanceArn(), placed.group());
        owners.put(placed.taskArn(), owner);
        placedAt.put(placed.taskArn(), committedAt);
        startingUp.add(placed.taskArn());
        try {
            if (placed.onFargate()) {
                TaskSpec spec = TaskSpec.fromTaskDefinition(placed.taskArn(), placed.clusterArn(), placed.taskArn(),
                        HostPorts.withoutHostPorts(placed.taskDefinition()), placed.overrides());
                runtimes.runtime(fargateRuntime, this::utilization).start(spec, report -> {
                    if ("RUNNING".equals(report.lastStatus())) {
                        publish(owner, new TaskReport(report.taskArn(), report.version(), "ACTIVATING",
                                report.containers(), null, null, report.pullStartedAt(), report.pullStoppedAt(), null,
                                null, report.healthStatus()));
                    }
                    publish(owner, report);
                });
                return;
            }
            HostedAgent agent = agents.get(placed.containerInstanceArn());
            TaskSpec spec = TaskSpec.fromTaskDefinition(placed.taskArn(), placed.clusterArn(),
                    placed.containerInstanceArn(), placedDefinition(placed), placed.overrides());
            runtimeOf(agent).start(spec, report -> publish(owner, report));
        } catch (RuntimeException e) {
            LOG.warnf("Task %s can not start: %s", placed.taskArn(), e.getMessage());
            Instant now = Instant.now();
            reports.enqueue(new TaskReports.Report(account, region, new TaskStateReported(placed.clusterArn(),
                    placed.taskArn(), placed.containerInstanceArn(), 0, "STOPPED", List.of(),
                    StopCodes.TASK_FAILED_TO_START, StopCodes.CANNOT_START_CONTAINER + e.getMessage(), null, null,
                    null, now)));
            disown(placed.taskArn());
        }
    }

    /** Stops a task of a hosted instance, or of the serverless pool when it names no instance. */
    public void stop(String taskArn, String containerInstanceArn, String stopCode, String reason) {
        awaitLoaded();
        if (containerInstanceArn == null) {
            runtimes.ifOpen(fargateRuntime).ifPresent(runtime -> runtime.stop(taskArn, stopCode, reason));
            return;
        }
        HostedAgent agent = agents.get(containerInstanceArn);
        if (agent != null) {
            runtimeOf(agent).stop(taskArn, stopCode, reason);
        }
    }

    @Override
    public Optional<HostedTask> hosted(String taskArn) {
        for (String name : runtimes.names()) {
            Optional<Runtime.RunningTask> running = runtimes.ifOpen(name).flatMap(runtime -> runtime.running(taskArn));
            if (running.isPresent()) {
                Owner owner = owners.get(taskArn);
                return Optional.of(new HostedTask(running.get(), availabilityZone(running.get().spec()
                        .containerInstanceArn()), owner == null ? null : owner.group()));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<JsonNode> stats(String taskArn, String containerName) {
        for (String name : runtimes.names()) {
            Optional<JsonNode> stats = runtimes.ifOpen(name).flatMap(runtime -> runtime.stats(taskArn, containerName));
            if (stats.isPresent()) {
                return stats;
            }
        }
        return Optional.empty();
    }

    private static String availabilityZone(String containerInstanceArn) {
        InstanceView view = QuarkusTransaction.requiringNew().call(() -> InstanceView.findById(containerInstanceArn));
        return view == null ? null : view.toState().attributes().stream()
                .filter(a -> "ecs.availability-zone".equals(a.name())).map(Attribute::value).findFirst().orElse(null);
    }

    /**
     * What a container of a task of a hosted agent printed: from the log store when it logs through awslogs (its
     * lines, oldest first), else from its runtime, if that keeps output.
     */
    public Optional<String> logs(String taskArn, String containerName) {
        Optional<TaskLogs.Location> shipped = taskLogs.location(taskArn, containerName);
        if (shipped.isPresent()) {
            TaskLogs.Location at = shipped.get();
            try {
                return Optional.of(logsApi.read(Arns.parse(taskArn).orElseThrow().account(), at.region(), at.group(),
                        at.stream(), MAX_SHOWN_LINES));
            } catch (LogsApi.LogsApiException e) {
                throw new EcsException(e.code(), "Reading " + at.stream() + " of " + at.group() + " failed: "
                        + e.getMessage(), e.retryable() ? 503 : 400);
            }
        }
        for (String name : List.of(DockerRuntimeProvider.NAME, PROCESS)) {
            Optional<String> logs = runtimes.ifOpen(name).flatMap(runtime -> runtime.logs(taskArn, containerName));
            if (logs.isPresent()) {
                return logs;
            }
        }
        return Optional.empty();
    }

    private Runtime runtimeOf(HostedAgent agent) {
        return runtimes.runtime(agent.runtime, this::utilization);
    }

    /**
     * Takes back the tasks of agents whose tasks outlive this service, from what their placements kept: a task
     * whose containers the engine still has goes on where it was; one that never got that far starts now; one
     * whose containers are gone is reported stopped.
     */
    private void adoptTasks() {
        List<InstanceTask> tasks = QuarkusTransaction.requiringNew().call(() -> InstanceTask
                .<InstanceTask>list("taskDefinition is not null"));
        for (HostedAgent agent : agents.values()) {
            if (runtimes.provider(agent.runtime).tasksOutliveAgent()
                    && runtimeOf(agent) instanceof DockerRuntime docker) {
                Set<String> known = tasks.stream()
                        .filter(t -> t.containerInstanceArn.equals(agent.containerInstanceArn))
                        .map(t -> t.taskArn).collect(Collectors.toSet());
                try {
                    int removed = docker.removeOrphans(agent.containerInstanceArn, known);
                    if (removed > 0) {
                        LOG.infof("Removed %d containers of stopped tasks from %s", removed,
                                agent.containerInstanceArn);
                    }
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Looking for orphaned containers of %s failed", agent.containerInstanceArn);
                }
            }
        }
        for (InstanceTask task : tasks) {
            HostedAgent agent = agents.get(task.containerInstanceArn);
            if (agent == null || !(runtimeOf(agent) instanceof DockerRuntime docker)) {
                continue;
            }
            Owner owner = new Owner(task.account, task.region, task.clusterArn, task.containerInstanceArn, null);
            owners.put(task.taskArn, owner);
            try {
                TaskSpec spec = TaskSpec.fromTaskDefinition(task.taskArn, task.clusterArn, task.containerInstanceArn,
                        EventJson.mapper().readTree(task.taskDefinition),
                        task.overrides == null ? null : EventJson.mapper().readTree(task.overrides));
                long lastVersion = reports.lastVersion(task.taskArn);
                if (docker.adopt(spec, report -> publish(owner, report), lastVersion)) {
                    LOG.infof("Adopted task %s on %s", task.taskArn, task.containerInstanceArn);
                } else if ("PENDING".equals(task.lastStatus)) {
                    docker.start(spec, report -> publish(owner, report));
                } else {
                    reports.enqueue(new TaskReports.Report(task.account, task.region, new TaskStateReported(
                            task.clusterArn, task.taskArn, task.containerInstanceArn, 0, "STOPPED", List.of(),
                            StopCodes.ESSENTIAL_CONTAINER_EXITED, "Task containers were gone from the instance when"
                                    + " its agent restarted", null, null, null, Instant.now())));
                    owners.remove(task.taskArn);
                }
            } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                LOG.errorf(e, "Task %s on %s could not be taken back", task.taskArn, task.containerInstanceArn);
            }
        }
    }

    private void awaitLoaded() {
        try {
            loaded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the hosted agents load", e);
        }
    }

    private void publish(Owner owner, TaskReport report) {
        if (owners.get(report.taskArn()) != owner) {
            return;
        }
        Instant placed = placedAt.remove(report.taskArn());
        if (placed != null && report.pullStartedAt() != null) {
            handOffs.toRuntime(placed, report.pullStartedAt());
        }
        boolean nowRunning = "RUNNING".equals(report.lastStatus()) && startingUp.remove(report.taskArn());
        List<ContainerState> containers = report.containers().stream().map(HostedAgents::container).toList();
        reports.enqueue(new TaskReports.Report(owner.account(), owner.region(), new TaskStateReported(
                owner.clusterArn(), report.taskArn(), owner.instanceArn(), report.version(), report.lastStatus(),
                containers, report.stopCode(), report.stoppedReason(), report.pullStartedAt(),
                report.pullStoppedAt(), report.startedAt(), report.executionStoppedAt(), report.healthStatus()),
                nowRunning ? report.startedAt() : null));
        if ("STOPPED".equals(report.lastStatus())) {
            disown(report.taskArn());
        }
    }

    /** The task's reports are no longer this service's to publish, nor its way to meter. */
    private void disown(String taskArn) {
        owners.remove(taskArn);
        placedAt.remove(taskArn);
        startingUp.remove(taskArn);
    }

    private void utilization(List<UtilizationListener.Sample> samples) {
        UtilizationRound.reports(samples, owners::get).forEach(reports::enqueue);
    }

    private static ContainerState container(ContainerReport report) {
        List<NetworkBinding> bindings = report.networkBindings() == null ? List.of()
                : report.networkBindings().stream().map(b -> new NetworkBinding(b.bindIP(), b.containerPort(),
                        b.hostPort(), b.protocol())).toList();
        return new ContainerState(report.name(), report.lastStatus(), report.exitCode(), report.reason(), bindings,
                report.healthStatus(), report.runtimeId());
    }
}
