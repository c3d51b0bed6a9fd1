package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.events.EventEnvelope;
import io.berth.events.Shapes.Failure;
import io.berth.events.Shapes.PlacementDiagnostics;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.JsonColumns;
import io.berth.eventstore.StreamId;
import io.berth.placement.ClusterIndex;
import io.berth.placement.PlacementEngine;
import io.berth.placement.PlacementRequest;
import io.berth.placement.PlacementResult;
import io.berth.placement.PlacementResult.Diagnostics;
import io.berth.scheduler.placement.ClusterIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Places tasks and asks for them to stop, for RunTask/StartTask/StopTask and for services alike:
 * the decision on the cluster's index (each placement reserved before the next), then, in the
 * caller's transaction, {@code TaskPlaced} or {@code TaskStopRequested} and the projection row.
 */
@ApplicationScoped
public class TaskPlacer {

    public static final String TASK_STREAM = "task";

    private final EventStore store;
    private final ClusterIndexes indexes;
    private final PlacementEngine engine = new PlacementEngine();

    public TaskPlacer(EventStore store, ClusterIndexes indexes) {
        this.store = store;
        this.indexes = indexes;
    }

    /** What every task of one placement request shares. */
    public record Template(String clusterArn, String taskDefinitionArn, ObjectNode taskDefinition, String startedBy,
            String launchType, Optional<String> capacityProvider, ObjectNode overrides, List<Tag> tags,
            TaskReservation reservation) {
    }

    /**
     * The tasks placed and the ones that could not be; {@code firstFailure} explains the latter.
     *
     * @param failedDiagnostics the decision of the first task that failed, null if none did
     */
    public record Outcome(List<String> taskArns, List<Failure> failures, PlacementDiagnostics failedDiagnostics) {
    }

    /** One task of a request: placed (with its new ARN) or failed, and how it was decided. */
    private record Placed(String taskArn, PlacementResult.Placement placement, PlacementResult.Failure failure,
            Diagnostics diagnostics, String availabilityZone) {
    }

    /** Places and records the request's tasks; errors (an empty cluster) are the engine's ECS errors. */
    public Outcome place(EventContext context, Template template, PlacementRequest request) {
        String clusterArn = template.clusterArn();
        List<Placed> placed = indexes.decide(clusterArn, index -> decide(index, request, clusterArn));
        List<String> taskArns = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<Placed> successes = new ArrayList<>();
        PlacementDiagnostics failed = null;
        for (Placed p : placed) {
            if (p.placement() == null) {
                failures.add(new Failure(p.failure().arn(), p.failure().reason(), null));
                failed = failed == null ? diagnostics(p.diagnostics()) : failed;
                continue;
            }
            successes.add(p);
            taskArns.add(p.taskArn());
        }
        record(context, template, request, successes);
        return new Outcome(taskArns, failures, failed);
    }

    /**
     * Asks the agent to stop the task: desired STOPPED with the code and reason; false if it was
     * already asked to.
     */
    public boolean stop(EventContext context, TaskView view, String stopCode, String reason) {
        TaskDocument task = view.toDocument();
        if ("STOPPED".equals(task.desiredStatus())) {
            return false;
        }
        TaskStopRequested requested = new TaskStopRequested(view.clusterArn, view.taskArn, view.containerInstanceArn,
                stopCode, reason);
        EventEnvelope event = store.appendToEnd(new StreamId(TASK_STREAM, view.taskArn), List.of(requested), context).get(0);
        task.stopRequested(requested, event.occurredAt());
        view.store(task);
        return true;
    }

    private List<Placed> decide(ClusterIndex index, PlacementRequest request, String clusterArn) {
        PlacementResult result = engine.place(index, request);
        List<Placed> placed = new ArrayList<>();
        for (PlacementResult.Placement placement : result.placements()) {
            String taskArn = Arns.inCluster(clusterArn, "task", newTaskId());
            index.addTask(placement.toTask(taskArn, request));
            String zone = index.instance(placement.instanceArn())
                    .flatMap(i -> i.attribute("ecs.availability-zone")).orElse(null);
            placed.add(new Placed(taskArn, placement, null, result.diagnostics().get(placement.taskIndex()), zone));
        }
        for (PlacementResult.Failure failure : result.failures()) {
            placed.add(new Placed(null, null, failure, result.diagnostics().get(failure.taskIndex()), null));
        }
        return placed;
    }

    /** The placed tasks' {@code TaskPlaced} events, appended together, and their projection rows. */
    private void record(EventContext context, Template template, PlacementRequest request, List<Placed> tasks) {
        TaskReservation reservation = template.reservation();
        List<EventStore.Append> appends = new ArrayList<>(tasks.size());
        for (Placed p : tasks) {
            appends.add(new EventStore.Append(new StreamId(TASK_STREAM, p.taskArn()), 0, List.of(new TaskPlaced(
                    template.clusterArn(), p.taskArn(), template.taskDefinitionArn(), p.placement().instanceArn(),
                    request.group().orElse(null), template.startedBy(), template.launchType(),
                    template.capacityProvider().orElse(null), reservation.cpu(), reservation.memory(),
                    reservation.bindings(p.placement().dynamicPorts()), template.taskDefinition(),
                    template.overrides(), template.tags() == null ? List.of() : template.tags(),
                    diagnostics(p.diagnostics()))), context));
        }
        List<EventEnvelope> events = store.appendAll(appends);
        for (int i = 0; i < tasks.size(); i++) {
            Placed p = tasks.get(i);
            EventEnvelope event = events.get(i);
            TaskPlaced placed = (TaskPlaced) event.payload();
            TaskView view = new TaskView();
            view.taskArn = p.taskArn();
            view.account = context.account();
            view.region = context.region();
            view.clusterArn = template.clusterArn();
            view.containerInstanceArn = placed.containerInstanceArn();
            view.family = template.taskDefinition().path("family").asText();
            view.group = placed.group();
            view.startedBy = template.startedBy();
            view.launchType = placed.launchType();
            view.createdAt = event.occurredAt();
            view.cpu = placed.cpu();
            view.memory = placed.memory();
            view.tcpPorts = JsonColumns.write(p.placement().tcpPorts());
            view.udpPorts = JsonColumns.write(p.placement().udpPorts());
            view.tags = JsonColumns.write(placed.tags());
            view.placement = JsonColumns.write(placed.diagnostics());
            view.store(TaskDocument.placed(placed, event.occurredAt(), p.availabilityZone()));
            view.persist();
        }
    }

    static PlacementDiagnostics diagnostics(Diagnostics d) {
        return new PlacementDiagnostics(d.candidatesExamined(), d.rejectionsByReason(),
                d.closestInstance().orElse(null),
                d.chosenScores().stream().map(s -> (double) s.value()).toList());
    }

    private static String newTaskId() {
        return new UUID(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong()).toString()
                .replace("-", "");
    }
}
