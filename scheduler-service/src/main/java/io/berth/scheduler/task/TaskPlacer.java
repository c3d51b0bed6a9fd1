package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.EcsException;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.Failure;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementDiagnostics;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.eventstore.EventContext;
import io.berth.placement.ClusterIndex;
import io.berth.placement.PlacementEngine;
import io.berth.placement.PlacementRequest;
import io.berth.placement.PlacementResult;
import io.berth.placement.PlacementResult.Diagnostics;
import io.berth.scheduler.capacity.ManagedProviders;
import io.berth.scheduler.placement.ClusterIndexes;
import io.berth.scheduler.placement.PlacementMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Places tasks for RunTask, StartTask and services alike, in two steps: {@link #place} decides a
 * placement request on the cluster's index (each placement reserved before the next), and
 * {@link #record} writes what one or many requests placed, in the caller's transaction, through the
 * {@link TaskCommandHandler}: one append for all of them. A caller whose transaction fails drops the
 * cluster's index, which holds the placements.
 */
@ApplicationScoped
public class TaskPlacer {

    /** ECS's quota of tasks in the PROVISIONING state per cluster (reference autoscaling-groups.md §4.4). */
    public static final int MAX_PROVISIONING = 300;
    public static final String PROVISIONING_LIMIT = "The cluster has reached the limit of " + MAX_PROVISIONING
            + " tasks in the PROVISIONING state.";
    /** The reason of a task that waits because its provider has no instance at all. */
    static final String EMPTY_CAPACITY_PROVIDER = "EMPTY CAPACITY PROVIDER";
    /** The task rows of tasks that wait for capacity (JPQL). */
    public static final String AWAITING = "lastStatus = 'PROVISIONING' and containerInstanceArn is null"
            + " and launchType = 'EC2' and desiredStatus = 'RUNNING'";

    private final ClusterIndexes indexes;
    private final TaskCommandHandler tasks;
    private final FargateCapacity fargate;
    private final PlacementMetrics metrics;
    private final PlacementEngine engine = new PlacementEngine();

    public TaskPlacer(ClusterIndexes indexes, TaskCommandHandler tasks, FargateCapacity fargate,
            PlacementMetrics metrics) {
        this.indexes = indexes;
        this.tasks = tasks;
        this.fargate = fargate;
        this.metrics = metrics;
    }

    /**
     * What every task of one placement request shares.
     *
     * @param network the awsvpc configuration; null when the task definition's mode is not awsvpc
     * @param platform the resolved Fargate platform; null unless the tasks go to Fargate
     */
    public record Template(String clusterArn, String taskDefinitionArn, ObjectNode taskDefinition, String startedBy,
            String launchType, Optional<String> capacityProvider, ObjectNode overrides, List<Tag> tags,
            TaskReservation reservation, NetworkConfiguration network, FargateRules.Platform platform,
            List<PlacementConstraint> constraints, List<PlacementStrategy> strategies) {

        /** What the launch shares with every task of one part of its plan. */
        public static Template of(String clusterArn, String taskDefinitionArn, PlacementRequests.Launch launch,
                String startedBy, PlacementRequests.Part part, List<Tag> tags, NetworkConfiguration network,
                FargateRules.Platform platform) {
            return new Template(clusterArn, taskDefinitionArn, (ObjectNode) launch.taskDefinition(), startedBy,
                    part.launchType(), part.capacityProvider(), (ObjectNode) launch.overrides(), tags,
                    launch.reservation(), network, platform, launch.constraints(), launch.strategies());
        }

        boolean onFargate() {
            return FargateRules.FARGATE.equals(launchType);
        }
    }

    /**
     * The tasks placed (not recorded yet), the ones that wait for capacity (not recorded yet), and
     * the ones that could not be placed.
     *
     * @param failedDiagnostics the decision of the first task that failed, null if none did
     */
    public record Outcome(List<TaskPlaced> placed, List<TaskAwaitingCapacity> awaiting, List<Failure> failures,
            PlacementDiagnostics failedDiagnostics) {

        public Outcome(List<TaskPlaced> placed, List<Failure> failures, PlacementDiagnostics failedDiagnostics) {
            this(placed, List.of(), failures, failedDiagnostics);
        }

        /** The tasks RunTask answers: the placed ones, then the ones waiting in PROVISIONING. */
        public List<String> taskArns() {
            List<String> arns = new ArrayList<>(placed.stream().map(TaskPlaced::taskArn).toList());
            awaiting.forEach(a -> arns.add(a.taskArn()));
            return arns;
        }
    }

    /**
     * Decides the request's tasks on the index, or on the serverless pool for Fargate; errors (an
     * empty cluster) are the engine's ECS errors. Tasks whose capacity provider has managed scaling
     * and that no instance can hold yet wait for capacity instead of failing (ADR 0039).
     *
     * @param pending what the caller placed before and has not recorded yet
     */
    public Outcome place(Template template, PlacementRequest request, Instant at, List<TaskPlaced> pending) {
        if (template.onFargate()) {
            return metrics.decide(() -> fargate.place(template, request.count(), request.group().orElse(null),
                    TaskDecider.millis(at), pending), o -> o.placed().size(), o -> o.failures().size());
        }
        boolean waits = ManagedProviders.managed(template.clusterArn(), template.capacityProvider().orElse(null))
                .isPresent();
        Outcome outcome;
        try {
            outcome = indexes.decide(template.clusterArn(), index -> decide(index, template, request,
                    TaskDecider.millis(at), null));
        } catch (EcsException e) {
            if (!waits) {
                throw e;
            }
            // An empty cluster: the provider's first instances are what the tasks wait for.
            outcome = new Outcome(List.of(), Collections.nCopies(request.count(),
                    new Failure(null, EMPTY_CAPACITY_PROVIDER, null)), null);
        }
        if (!waits || outcome.failures().isEmpty()) {
            return outcome;
        }
        List<TaskAwaitingCapacity> awaiting = new ArrayList<>();
        for (Failure failure : outcome.failures()) {
            awaiting.add(new TaskAwaitingCapacity(template.clusterArn(), Arns.inCluster(template.clusterArn(), "task",
                    newTaskId()), template.taskDefinitionArn(), request.group().orElse(null), template.startedBy(),
                    template.capacityProvider().orElseThrow(), template.reservation().cpu(),
                    template.reservation().memory(), template.taskDefinition(), template.overrides(),
                    template.tags() == null ? List.of() : template.tags(), template.constraints(),
                    template.strategies(), failure.reason(), TaskDecider.millis(at)));
        }
        return new Outcome(outcome.placed(), awaiting, List.of(), null);
    }

    /**
     * Tries again to place a task that waits for capacity, under its own ARN, as its launch asked
     * (its provider, constraints and strategies); seeded by the task, so a replay decides the same.
     */
    public Outcome placeWaiting(TaskAwaitingCapacity waiting, Instant at) {
        PlacementRequests.Launch launch = new PlacementRequests.Launch(waiting.taskDefinition(), waiting.overrides(),
                waiting.group(), null, List.of(new CapacityProviderStrategyItem(waiting.capacityProviderName(), 1, 0)),
                waiting.placementConstraints(), waiting.placementStrategy());
        PlacementRequests.Part part = PlacementRequests.plan(launch, 1, Map.of(),
                PlacementRequests.seed(waiting.taskArn())).get(0);
        Template template = Template.of(waiting.clusterArn(), waiting.taskDefinitionArn(), launch,
                waiting.startedBy(), part, waiting.tags(), null, null);
        try {
            return indexes.decide(waiting.clusterArn(), index -> decide(index, template, part.request(),
                    TaskDecider.millis(at), waiting.taskArn()));
        } catch (EcsException e) {
            return new Outcome(List.of(), List.of(new Failure(null, EMPTY_CAPACITY_PROVIDER, null)), null);
        }
    }

    /** How many more tasks the cluster may hold in PROVISIONING, waiting for capacity. */
    public int provisioningRoom(String clusterArn) {
        return MAX_PROVISIONING - (int) TaskView.count(AWAITING + " and clusterArn = ?1", clusterArn);
    }

    /** Records placed tasks: their {@code TaskPlaced} events and rows, in one append. */
    public void record(EventContext context, List<TaskPlaced> placed) {
        record(context, placed, List.of());
    }

    /**
     * Records placed tasks and tasks that wait for capacity, in one append.
     *
     * @throws EcsException ClientException when the waiting tasks would pass the cluster's limit
     */
    public void record(EventContext context, List<TaskPlaced> placed, List<TaskAwaitingCapacity> awaiting) {
        if (!awaiting.isEmpty() && awaiting.size() > provisioningRoom(awaiting.get(0).clusterArn())) {
            throw new EcsException("ClientException", PROVISIONING_LIMIT
                    + " Wait for tasks to be placed or stopped, and try again.");
        }
        List<TaskCommandHandler.Addressed> commands = new ArrayList<>();
        placed.forEach(p -> commands.add(new TaskCommandHandler.Addressed(new TaskCommand.Place(p), context)));
        awaiting.forEach(a -> commands.add(new TaskCommandHandler.Addressed(new TaskCommand.Await(a), context)));
        if (!commands.isEmpty()) {
            tasks.handle(commands, new HashMap<>());
        }
    }

    /** @param taskArn the ARN of the one task of a request that places a waiting task; null for new tasks */
    private Outcome decide(ClusterIndex index, Template template, PlacementRequest request, Instant at,
            String taskArn) {
        PlacementResult result = metrics.decide(() -> engine.place(index, request), r -> r.placements().size(),
                r -> r.failures().size());
        TaskReservation reservation = template.reservation();
        List<TaskPlaced> placed = new ArrayList<>();
        for (PlacementResult.Placement placement : result.placements()) {
            String arn = taskArn != null ? taskArn : Arns.inCluster(template.clusterArn(), "task", newTaskId());
            List<NetworkBinding> bindings = reservation.bindings(placement.dynamicPorts());
            String zone = index.instance(placement.instanceArn())
                    .flatMap(i -> i.attribute("ecs.availability-zone")).orElse(null);
            TaskPlaced task = new TaskPlaced(template.clusterArn(), arn, template.taskDefinitionArn(),
                    placement.instanceArn(), request.group().orElse(null), template.startedBy(),
                    template.launchType(), template.capacityProvider().orElse(null), reservation.cpu(),
                    reservation.memory(), bindings, template.taskDefinition(), template.overrides(),
                    template.tags() == null ? List.of() : template.tags(),
                    diagnostics(result.diagnostics().get(placement.taskIndex())), zone, at);
            index.addTask(TaskState.reservation(task));
            placed.add(task);
        }
        List<Failure> failures = new ArrayList<>();
        PlacementDiagnostics failed = null;
        for (PlacementResult.Failure failure : result.failures()) {
            failures.add(new Failure(failure.arn(), failure.reason(), null));
            failed = failed == null ? diagnostics(result.diagnostics().get(failure.taskIndex())) : failed;
        }
        return new Outcome(placed, failures, failed);
    }

    static PlacementDiagnostics diagnostics(Diagnostics d) {
        return new PlacementDiagnostics(d.candidatesExamined(), d.rejectionsByReason(),
                d.closestInstance().orElse(null),
                d.chosenScores().stream().map(s -> (double) s.value()).toList());
    }

    static String newTaskId() {
        return new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong()).toString()
                .replace("-", "");
    }
}
