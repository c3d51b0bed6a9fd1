package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.events.Shapes.Failure;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementDiagnostics;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.eventstore.EventContext;
import io.berth.placement.ClusterIndex;
import io.berth.placement.PlacementEngine;
import io.berth.placement.PlacementRequest;
import io.berth.placement.PlacementResult;
import io.berth.placement.PlacementResult.Diagnostics;
import io.berth.scheduler.placement.ClusterIndexes;
import io.berth.scheduler.placement.PlacementMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
            TaskReservation reservation, NetworkConfiguration network, FargateRules.Platform platform) {

        boolean onFargate() {
            return FargateRules.FARGATE.equals(launchType);
        }
    }

    /**
     * The tasks placed (not recorded yet) and the ones that could not be.
     *
     * @param failedDiagnostics the decision of the first task that failed, null if none did
     */
    public record Outcome(List<TaskPlaced> placed, List<Failure> failures, PlacementDiagnostics failedDiagnostics) {

        public List<String> taskArns() {
            return placed.stream().map(TaskPlaced::taskArn).toList();
        }
    }

    /**
     * Decides the request's tasks on the index, or on the serverless pool for Fargate; errors (an
     * empty cluster) are the engine's ECS errors.
     *
     * @param pending what the caller placed before and has not recorded yet
     */
    public Outcome place(Template template, PlacementRequest request, Instant at, List<TaskPlaced> pending) {
        if (template.onFargate()) {
            return metrics.decide(() -> fargate.place(template, request.count(), request.group().orElse(null),
                    TaskDecider.millis(at), pending), o -> o.placed().size(), o -> o.failures().size());
        }
        return indexes.decide(template.clusterArn(), index -> decide(index, template, request,
                TaskDecider.millis(at)));
    }

    /** Records placed tasks: their {@code TaskPlaced} events and rows, in one append. */
    public void record(EventContext context, List<TaskPlaced> placed) {
        if (!placed.isEmpty()) {
            tasks.handle(placed.stream().map(p -> new TaskCommandHandler.Addressed(new TaskCommand.Place(p), context))
                    .toList(), new HashMap<>());
        }
    }

    private Outcome decide(ClusterIndex index, Template template, PlacementRequest request, Instant at) {
        PlacementResult result = metrics.decide(() -> engine.place(index, request), r -> r.placements().size(),
                r -> r.failures().size());
        TaskReservation reservation = template.reservation();
        List<TaskPlaced> placed = new ArrayList<>();
        for (PlacementResult.Placement placement : result.placements()) {
            String taskArn = Arns.inCluster(template.clusterArn(), "task", newTaskId());
            List<NetworkBinding> bindings = reservation.bindings(placement.dynamicPorts());
            String zone = index.instance(placement.instanceArn())
                    .flatMap(i -> i.attribute("ecs.availability-zone")).orElse(null);
            TaskPlaced task = new TaskPlaced(template.clusterArn(), taskArn, template.taskDefinitionArn(),
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
