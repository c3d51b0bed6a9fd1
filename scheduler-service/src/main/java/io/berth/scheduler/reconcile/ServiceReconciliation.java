package io.berth.scheduler.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.cql.ClusterQuery;
import io.berth.ecs.Arns;
import io.berth.ecs.EcsException;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamVersionConflictException;
import io.berth.placement.ClusterIndex;
import io.berth.placement.InstanceState;
import io.berth.placement.InstanceStatus;
import io.berth.placement.PlacementRequest;
import io.berth.scheduler.capacity.ManagedProviders;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.berth.scheduler.ownership.PartitionOwnership.PartitionsAssigned;
import io.berth.scheduler.ownership.PartitionOwnership.StaleOwnerException;
import io.berth.scheduler.placement.ClusterIndexes;
import io.berth.scheduler.placement.InstancesChanged;
import io.berth.scheduler.service.Action;
import io.berth.scheduler.service.ClusterView;
import io.berth.scheduler.service.Decision;
import io.berth.scheduler.service.Reconciler;
import io.berth.scheduler.service.ScaleInChooser;
import io.berth.scheduler.service.ServiceChanges;
import io.berth.scheduler.service.ServiceCommands;
import io.berth.scheduler.service.ServiceDecider;
import io.berth.scheduler.service.ServiceMessages;
import io.berth.scheduler.service.ServiceSpec;
import io.berth.scheduler.service.ServiceState;
import io.berth.scheduler.service.ServiceTask;
import io.berth.scheduler.service.ServiceTaskDefinition;
import io.berth.scheduler.service.ServiceView;
import io.berth.scheduler.task.FargateRules;
import io.berth.scheduler.task.PlacementRequests;
import io.berth.scheduler.task.TaskChanged;
import io.berth.scheduler.task.TaskCommand;
import io.berth.scheduler.task.TaskCommandHandler;
import io.berth.scheduler.task.TaskPlacer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the reconciler of each service when something it depends on changed: the service itself
 * (a command), one of its tasks (an agent's report), its cluster's instances (registered,
 * draining, agent lost), or the ownership of its cluster's partition. No service is polled: a
 * service that waits for capacity is woken by the instance or task event that brings it. Only the
 * scheduler that owns the cluster's partition acts, under the partition's fencing epoch, and each
 * decision's tasks, stops, state and events commit together. A report applied by another scheduler
 * reaches the owner as a command ({@link ReportsDecidedElsewhere}), which wakes the services it names.
 */
@ApplicationScoped
public class ServiceReconciliation {

    private static final Logger LOG = Logger.getLogger(ServiceReconciliation.class);
    static final Duration GATHER = Duration.ofMillis(50);

    private final PartitionOwnership ownership;
    private final ClusterIndexes indexes;
    private final ServiceTaskIndexes serviceTasks;
    private final TaskPlacer placer;
    private final TaskCommandHandler taskCommands;
    private final ServiceCommands services;
    private final Duration retention;
    private final int maxStartsPerPass;
    private final Reconciler reconciler;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private Thread worker;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "service-reconciler-timers");
        thread.setDaemon(true);
        return thread;
    });

    public ServiceReconciliation(PartitionOwnership ownership, ClusterIndexes indexes,
            ServiceTaskIndexes serviceTasks, TaskPlacer placer, TaskCommandHandler taskCommands,
            ServiceCommands services,
            @ConfigProperty(name = "berth.scheduler.stopped-task-retention") Duration retention,
            @ConfigProperty(name = "berth.scheduler.max-starts-per-pass") int maxStartsPerPass,
            @ConfigProperty(name = "berth.scheduler.service-task-stable-after") Duration stableAfter) {
        this.reconciler = new Reconciler(ScaleInChooser.fromFullestInstance(), stableAfter);
        this.maxStartsPerPass = maxStartsPerPass;
        this.ownership = ownership;
        this.indexes = indexes;
        this.serviceTasks = serviceTasks;
        this.placer = placer;
        this.taskCommands = taskCommands;
        this.services = services;
        this.retention = retention;
    }

    void start(@Observes StartupEvent event) {
        worker = new Thread(this::work, "service-reconciler");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        worker.interrupt();
        timers.shutdownNow();
    }

    void resume(@ObservesAsync PartitionsAssigned assigned) {
        QuarkusTransaction.requiringNew().call(() -> ServiceView.<ServiceView>list("status <> 'INACTIVE'")).stream()
                .filter(v -> assigned.partitions().contains(PartitionOwnership.partitionOf(v.clusterArn)))
                .forEach(v -> wake(v.serviceArn));
    }

    /**
     * Reconciles the service soon: after a short pause that gathers the other changes of a burst
     * (a thousand tasks reporting RUNNING wake it once or twice, not a thousand times).
     */
    public void wake(String serviceArn) {
        if (queued.add(serviceArn)) {
            timers.schedule(() -> queue.add(serviceArn), GATHER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Reconciles every live service of the cluster soon once its instances changed: that is also
     * how a placement that failed for lack of capacity is tried again.
     */
    void wakeCluster(@Observes InstancesChanged changed) {
        QuarkusTransaction.requiringNew().call(() -> ServiceView.<ServiceView>list(
                "clusterArn = ?1 and status <> 'INACTIVE'", changed.clusterArn())).forEach(v -> wake(v.serviceArn));
    }

    /** Wakes the service a task belongs to, if its group names one. */
    void wakeForTask(@Observes TaskChanged changed) {
        serviceOf(changed.clusterArn(), changed.group()).ifPresent(this::wake);
    }

    /** The service of the cluster whose tasks are in {@code group} ({@code service:<name>}), if it names one. */
    static Optional<String> serviceOf(String clusterArn, String group) {
        return group != null && group.startsWith(PlacementRequest.SERVICE_GROUP_PREFIX)
                ? Optional.of(Arns.inCluster(clusterArn, "service",
                        group.substring(PlacementRequest.SERVICE_GROUP_PREFIX.length())))
                : Optional.empty();
    }

    private void work() {
        while (running) {
            try {
                String serviceArn = queue.poll(1, TimeUnit.SECONDS);
                if (serviceArn == null) {
                    continue;
                }
                queued.remove(serviceArn);
                reconcile(serviceArn);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StaleOwnerException e) {
                LOG.debugf("Not reconciling: %s", e.getMessage());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Reconciling a service failed; it is retried on its next event");
            }
        }
    }

    void reconcile(String serviceArn) {
        String clusterArn = Arns.clusterOf(serviceArn);
        int partition = PartitionOwnership.partitionOf(clusterArn);
        OptionalLong epoch = ownership.epochOf(partition);
        if (epoch.isEmpty()) {
            return;
        }
        Optional<Instant> wakeAt;
        try {
            wakeAt = QuarkusTransaction.requiringNew().call(() -> {
                ownership.requireCurrent(partition, epoch.getAsLong());
                return reconcileInTransaction(serviceArn, clusterArn);
            });
        } catch (StreamVersionConflictException e) {
            // A command or an agent's report changed the service or one of its tasks during the pass,
            // which left nothing: the next pass decides on what they left. The placements it reserved
            // go with the placement index; the service tasks' memory holds only committed changes, the
            // other's among them, so it stays (a reload would cost a read of every task row).
            indexes.drop(clusterArn);
            LOG.debugf("Reconciling %s again: %s", serviceArn, e.getMessage());
            wake(serviceArn);
            return;
        } catch (RuntimeException e) {
            indexes.drop(clusterArn);
            serviceTasks.drop(clusterArn);
            throw e;
        }
        wakeAt.ifPresent(at -> timers.schedule(() -> wake(serviceArn),
                Math.max(0, Duration.between(Instant.now(), at).toMillis()), TimeUnit.MILLISECONDS));
    }

    /** One decision; returns when the service must be looked at again without any event (grace periods). */
    private Optional<Instant> reconcileInTransaction(String serviceArn, String clusterArn) {
        ServiceView view = ServiceView.findById(serviceArn);
        if (view == null || "INACTIVE".equals(view.status)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        ServiceState state = view.toState();
        ServiceSpec spec = state.spec();
        // Stopped tasks past the retention are no longer the service's, even if a rebuild brought their rows back.
        List<ServiceTaskIndex.Entry> entries = serviceTasks.of(clusterArn, spec.group(), now.minus(retention));
        List<ServiceTask> tasks = entries.stream().map(ServiceTaskIndex.Entry::task).toList();
        boolean scales = spec.capacityProviderStrategy() != null && spec.capacityProviderStrategy().stream()
                .anyMatch(item -> ManagedProviders.managed(clusterArn, item.capacityProvider()).isPresent());
        ClusterView cluster = indexes.decide(clusterArn, index -> clusterView(index, spec, scales));
        Decision decision = reconciler.reconcile(state, tasks, cluster, now);
        EventContext context = EventContext.of(view.account, view.region, UUID.randomUUID());
        ServiceState next = decision.next();
        boolean more = false;
        // Tasks that wait for capacity get no agent report to wake the service: it counts them next pass.
        List<String> waitingStarted = new ArrayList<>();
        List<TaskCommandHandler.Addressed> stops = new ArrayList<>();
        for (Action action : decision.actions()) {
            if (action instanceof Action.StopTasks stop) {
                stop.taskArns().forEach(taskArn -> stops.add(new TaskCommandHandler.Addressed(new TaskCommand.Stop(
                        clusterArn, taskArn, stop.stopCode(), stop.reason(), now), context)));
            } else if (action instanceof Action.StartTasks start) {
                // A pass starts at most maxStartsPerPass tasks, so that its transaction stays short
                // whatever the desired count; the service is woken again at once for the rest.
                Action.StartTasks capped = start;
                if (start.count() > maxStartsPerPass) {
                    capped = new Action.StartTasks(start.deploymentId(), start.taskDefinitionArn(), maxStartsPerPass,
                            start.onInstances().isEmpty() ? List.of()
                                    : start.onInstances().subList(0, maxStartsPerPass));
                    more = true;
                }
                int before = waitingStarted.size();
                next = start(context, next, capped, entries, now, waitingStarted);
                more |= waitingStarted.size() > before;
            }
        }
        // Only the stopped tasks' rows are read, to decide their stops on.
        taskCommands.handle(stops, new HashMap<>());
        services.record(context, serviceArn, view, state, ServiceChanges.between(state, next,
                decision.deploymentChanges(), now));
        return more ? Optional.of(now) : nextWake(spec, tasks, now);
    }

    /**
     * The tags a new task of the service starts with: the service's (propagateTags SERVICE) or its
     * task definition revision's as the gateway passed them along (TASK_DEFINITION); none otherwise.
     */
    static List<Tag> propagatedTags(ServiceSpec spec, ObjectNode definition) {
        if ("SERVICE".equals(spec.propagateTags())) {
            return spec.tags();
        }
        if (!"TASK_DEFINITION".equals(spec.propagateTags())) {
            return List.of();
        }
        List<Tag> tags = new ArrayList<>();
        definition.path("tags").forEach(tag -> tags.add(new Tag(tag.path("key").asText(), tag.path("value").asText())));
        return tags;
    }

    /**
     * Places the tasks of a start, split over the service's capacity provider strategy counting the
     * tasks each provider already runs for the service, and records them together; records what was
     * started or why not.
     */
    private ServiceState start(EventContext context, ServiceState state, Action.StartTasks start,
            List<ServiceTaskIndex.Entry> tasks, Instant now, List<String> waitingStarted) {
        // A task set's tasks launch as the set says, placed as the service says (ADR 0046).
        ServiceSpec spec = state.taskSet(start.deploymentId()).map(state.spec()::forTaskSet).orElse(state.spec());
        ObjectNode definition = ServiceTaskDefinition.of(start.taskDefinitionArn());
        if (definition == null) {
            return state.record("(service " + spec.serviceName() + ") can not start tasks: its task definition "
                    + start.taskDefinitionArn() + " is not known to the scheduler.", now);
        }
        PlacementRequests.Launch launch = spec.launch(definition);
        // Seeded by the deployment and how many tasks the service had: deciding again places the same way.
        long seed = PlacementRequests.seed(spec.serviceArn() + "/" + start.deploymentId() + "/" + tasks.size());
        List<PlacementRequests.Part> parts = start.onInstances().isEmpty()
                ? PlacementRequests.plan(launch, start.count(), runningPerProvider(tasks), seed)
                : PlacementRequests.onInstances(launch, start.onInstances(), seed);
        List<Tag> tags = propagatedTags(spec, definition);
        FargateRules.Platform platform = spec.onFargate()
                ? FargateRules.platform(definition, spec.platformVersion()) : null;
        List<TaskPlaced> placed = new ArrayList<>();
        List<TaskAwaitingCapacity> awaiting = new ArrayList<>();
        ServiceState next = state;
        for (PlacementRequests.Part part : parts) {
            TaskPlacer.Template template = TaskPlacer.Template.of(spec.clusterArn(), start.taskDefinitionArn(),
                    launch, start.deploymentId(), part, tags, spec.networkConfiguration(), platform);
            TaskPlacer.Outcome outcome;
            try {
                outcome = placer.place(template, part.request(), now, placed);
            } catch (EcsException e) {
                next = ServiceDecider.placementFailed(next, ServiceMessages.NO_CONTAINER_INSTANCES, null, now);
                break;
            }
            placed.addAll(outcome.placed());
            awaiting.addAll(outcome.awaiting());
            if (!outcome.failures().isEmpty()) {
                next = ServiceDecider.placementFailed(next, outcome.failures().get(0).reason(),
                        outcome.failures().get(0).arn(), now);
                break;
            }
        }
        int room = placer.provisioningRoom(spec.clusterArn());
        if (awaiting.size() > room) {
            // Past the cluster's PROVISIONING quota the rest fail as if the provider could not scale.
            next = ServiceDecider.placementFailed(next, ServiceMessages.PROVISIONING_LIMIT, null, now);
            awaiting = awaiting.subList(0, Math.max(0, room));
        } else if (!awaiting.isEmpty()) {
            next = ServiceDecider.placementFailed(next, ServiceMessages.NO_CAPACITY_PROVIDER_INSTANCES, null, now);
        }
        placer.record(context, placed, awaiting);
        awaiting.forEach(a -> waitingStarted.add(a.taskArn()));
        List<String> started = new ArrayList<>(placed.stream().map(TaskPlaced::taskArn).toList());
        awaiting.forEach(a -> started.add(a.taskArn()));
        return ServiceDecider.tasksStarted(next, started, now);
    }

    /** The service's live tasks per capacity provider, which a strategy's base and weights count in. */
    private static Map<String, Integer> runningPerProvider(List<ServiceTaskIndex.Entry> tasks) {
        return tasks.stream().filter(t -> ServiceTask.RUNNING.equals(t.task().desiredStatus()) && !t.task().stopped()
                        && t.capacityProvider() != null)
                .collect(Collectors.groupingBy(ServiceTaskIndex.Entry::capacityProvider,
                        Collectors.summingInt(t -> 1)));
    }

    /**
     * What the reconciler needs of the cluster: for a DAEMON, the instances its constraints allow.
     *
     * @param scales the service's strategy names a provider with managed scaling, whose tasks wait
     *     for instances rather than fail for want of them
     */
    private static ClusterView clusterView(ClusterIndex index, ServiceSpec spec, boolean scales) {
        List<ClusterQuery> memberOf = new ArrayList<>();
        for (PlacementConstraint constraint : spec.placementConstraints()) {
            if ("memberOf".equals(constraint.type()) && constraint.expression() != null) {
                memberOf.add(ClusterQuery.parse(constraint.expression()));
            }
        }
        Set<String> eligible = new HashSet<>();
        Set<String> draining = new HashSet<>();
        for (InstanceState instance : index.instances()) {
            if (instance.status() == InstanceStatus.DRAINING) {
                draining.add(instance.arn());
            } else if (instance.agentConnected() && memberOf.stream().allMatch(q -> q.matches(instance))
                    && (spec.launchType() == null || spec.launchType().equals(instance.launchType()))) {
                eligible.add(instance.arn());
            }
        }
        // The serverless pool is always there; its shortages show as placement failures.
        return ClusterView.of(eligible, draining, !index.isEmpty() || spec.onFargate() || scales);
    }

    /** The next instant a task's health grace period ends or a task settles its deployment, if any. */
    private Optional<Instant> nextWake(ServiceSpec spec, List<ServiceTask> tasks, Instant now) {
        List<Instant> ahead = new ArrayList<>();
        for (ServiceTask task : tasks) {
            reconciler.settlesAt(task, now).ifPresent(ahead::add);
            if (spec.healthCheckGracePeriodSeconds() > 0 && task.running() && task.startedAt() != null) {
                ahead.add(task.startedAt().plusSeconds(spec.healthCheckGracePeriodSeconds()));
            }
        }
        return ahead.stream().filter(at -> at.isAfter(now)).min(Instant::compareTo);
    }
}
