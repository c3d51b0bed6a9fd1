package io.berth.scheduler.task;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.SchedulerCommand.StopTask;
import io.berth.events.Shapes.Failure;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskPlacementFailed;
import io.berth.eventstore.EventContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;

/**
 * RunTask, StartTask and StopTask, decided in the caller's transaction: the placement requests from
 * {@link RunTaskRules}, the tasks placed on the index and recorded together, the {@code clientToken}
 * remembered. What the
 * caller answers and records about the command comes back as an {@link Outcome}.
 */
@ApplicationScoped
public class RunTasks {

    private final TaskPlacer placer;
    private final TaskCommandHandler tasks;

    public RunTasks(TaskPlacer placer, TaskCommandHandler tasks) {
        this.placer = placer;
        this.tasks = tasks;
    }

    /**
     * What a command did: the tasks it placed or stopped, the failures to answer, and for each
     * placement request that placed fewer than asked, the explanation to record.
     */
    public record Outcome(List<String> taskArns, List<Failure> failures, List<TaskPlacementFailed> placementFailures) {
    }

    public Outcome place(EventEnvelope command, PlaceTasks place) {
        String requestHash = place.clientToken() == null ? null : hash(place);
        if (place.clientToken() != null) {
            ClientToken known = ClientToken.find(place.clusterArn(), place.clientToken());
            if (known != null) {
                if (!known.requestHash.equals(requestHash)) {
                    throw new EcsException("ConflictException", "The clientToken " + place.clientToken()
                            + " was already used with different parameters.");
                }
                return new Outcome(known.taskArnList(), known.failureList(), List.of());
            }
        }
        List<String> taskArns = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<TaskPlacementFailed> explanations = new ArrayList<>();
        List<TaskPlaced> placed = new ArrayList<>();
        List<TaskAwaitingCapacity> awaiting = new ArrayList<>();
        Instant now = Instant.now();
        List<PlacementRequests.Part> parts = RunTaskRules.plan(place, PlacementRequests.seed(command.eventId()));
        PlacementRequests.Launch launch = RunTaskRules.launch(place);
        FargateRules.Platform platform = RunTaskRules.platform(place);
        for (PlacementRequests.Part part : parts) {
            TaskPlacer.Outcome outcome = placer.place(TaskPlacer.Template.of(place.clusterArn(),
                    place.taskDefinitionArn(), launch, place.startedBy(), part, place.tags(),
                    place.networkConfiguration(), platform), part.request(), now, placed);
            placed.addAll(outcome.placed());
            awaiting.addAll(outcome.awaiting());
            taskArns.addAll(outcome.taskArns());
            if (!outcome.failures().isEmpty()) {
                explanations.add(new TaskPlacementFailed(place.clusterArn(), place.taskDefinitionArn(),
                        part.request().group().orElse(null), outcome.failures().size(), outcome.failures(),
                        outcome.failedDiagnostics()));
                failures.addAll(outcome.failures());
            }
        }
        placer.record(EventContext.causedBy(command), placed, awaiting);
        if (place.clientToken() != null) {
            ClientToken.remember(place.clusterArn(), place.clientToken(), requestHash, taskArns, failures);
        }
        return new Outcome(taskArns, failures, explanations);
    }

    public Outcome stop(EventEnvelope command, StopTask stop) {
        TaskCommand.Stop decided = SpotInterruptions.TERMINATION_NOTICE.equals(stop.stopCode())
                ? SpotInterruptions.interrupt(stop.clusterArn(), stop.taskArn(), capacityProvider(stop),
                        Instant.now())
                : new TaskCommand.Stop(stop.clusterArn(), stop.taskArn(), "UserInitiated",
                        stop.reason() == null || stop.reason().isBlank() ? "Task stopped by user" : stop.reason(),
                        Instant.now());
        tasks.handle(List.of(new TaskCommandHandler.Addressed(decided, EventContext.causedBy(command))),
                new HashMap<>());
        return new Outcome(List.of(stop.taskArn()), List.of(), List.of());
    }

    private static String capacityProvider(StopTask stop) {
        TaskView row = TaskView.findById(stop.taskArn());
        if (row == null || !row.clusterArn.equals(stop.clusterArn())) {
            throw EcsErrors.invalidParameter(TaskDecider.NOT_FOUND);
        }
        return row.capacityProvider;
    }

    /** The parameters of a RunTask, for clientToken replays: everything but the token's own event. */
    static String hash(PlaceTasks place) {
        try {
            byte[] json = EventJson.mapper().writeValueAsBytes(place);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
