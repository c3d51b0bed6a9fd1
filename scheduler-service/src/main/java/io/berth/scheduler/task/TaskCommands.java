package io.berth.scheduler.task;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.SchedulerCommand;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.SchedulerCommand.StopTask;
import io.berth.events.Shapes.Failure;
import io.berth.events.Shapes.PlacementDiagnostics;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskPlacementFailed;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.Inbox;
import io.berth.eventstore.JsonColumns;
import io.berth.eventstore.StreamId;
import io.berth.placement.ClusterIndex;
import io.berth.placement.PlacementEngine;
import io.berth.placement.PlacementResult;
import io.berth.placement.PlacementResult.Diagnostics;
import io.berth.scheduler.command.PartitionOwnership;
import io.berth.scheduler.placement.ClusterIndexes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Decides the scheduler commands of the clusters whose partitions this instance owns: RunTask and
 * StartTask (place, reserve, record the tasks) and StopTask. Each command is decided once (inbox),
 * under the partition's fencing epoch, and answered with {@link SchedulerCommandAnswered} in the
 * same transaction as its effects; a refused command is answered with its ECS error and changes
 * nothing else.
 */
@ApplicationScoped
public class TaskCommands {

    public static final String TASK_STREAM = "task";
    public static final String COMMAND_STREAM = "scheduler-command";
    static final String CONSUMER = "scheduler-commands";
    private static final Logger LOG = Logger.getLogger(TaskCommands.class);

    private final EventStore store;
    private final Inbox inbox;
    private final ClusterIndexes indexes;
    private final PartitionOwnership ownership;
    private final PlacementEngine engine = new PlacementEngine();

    public TaskCommands(EventStore store, Inbox inbox, ClusterIndexes indexes, PartitionOwnership ownership) {
        this.store = store;
        this.inbox = inbox;
        this.indexes = indexes;
        this.ownership = ownership;
    }

    /** Decides one command read from {@code partition} while this instance holds it at {@code epoch}. */
    public void handle(EventEnvelope command, int partition, long epoch) {
        SchedulerCommand payload = (SchedulerCommand) command.payload();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (!inbox.firstDelivery(CONSUMER, command.eventId())) {
                    return;
                }
                ownership.requireCurrent(partition, epoch);
                if (payload instanceof PlaceTasks place) {
                    place(command, place);
                } else if (payload instanceof StopTask stop) {
                    stop(command, stop);
                }
            });
        } catch (EcsException e) {
            indexes.drop(payload.clusterArn());
            QuarkusTransaction.requiringNew().run(() -> {
                if (inbox.firstDelivery(CONSUMER, command.eventId())) {
                    ownership.requireCurrent(partition, epoch);
                    answer(command, List.of(), List.of(), e);
                }
            });
        } catch (PartitionOwnership.StaleOwnerException e) {
            indexes.drop(payload.clusterArn());
            LOG.warnf("Not deciding %s: %s", command.eventId(), e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not a refusal: answer so that the caller is not left waiting, then go on
            // with the next command. If even the answer can not be written the database is
            // gone, and the exception stops the channel (readiness goes down).
            indexes.drop(payload.clusterArn());
            LOG.errorf(e, "Deciding %s failed", command.eventId());
            QuarkusTransaction.requiringNew().run(() -> {
                if (inbox.firstDelivery(CONSUMER, command.eventId())) {
                    answer(command, List.of(), List.of(), new EcsException(EcsErrors.SERVER_EXCEPTION,
                            "The scheduler failed to decide this request.", 500));
                }
            });
        }
    }

    private void place(EventEnvelope command, PlaceTasks place) {
        String requestHash = place.clientToken() == null ? null : hash(place);
        if (place.clientToken() != null) {
            ClientToken known = ClientToken.find(place.clusterArn(), place.clientToken());
            if (known != null) {
                if (!known.requestHash.equals(requestHash)) {
                    throw new EcsException("ConflictException", "The clientToken " + place.clientToken()
                            + " was already used with different parameters.");
                }
                answer(command, known.taskArnList(), known.failureList(), null);
                return;
            }
        }
        TaskReservation reservation = TaskReservation.of(place.taskDefinition(), place.overrides());
        long seed = command.eventId().getMostSignificantBits() ^ command.eventId().getLeastSignificantBits();
        String clusterName = place.clusterArn().substring(place.clusterArn().indexOf(":cluster/") + 9);
        String taskPrefix = place.clusterArn().substring(0, place.clusterArn().indexOf(":cluster/")) + ":task/"
                + clusterName + "/";
        List<String> taskArns = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (RunTaskRules.Part part : RunTaskRules.plan(place, reservation, seed)) {
            List<Placed> placed = indexes.decide(place.clusterArn(), index -> decide(index, part, taskPrefix));
            for (Placed p : placed) {
                if (p.placement() == null) {
                    continue;
                }
                record(command, place, part, reservation, p);
                taskArns.add(p.taskArn());
            }
            List<Failure> partFailures = placed.stream().filter(p -> p.placement() == null)
                    .map(p -> new Failure(p.failure().arn(), p.failure().reason(), null)).toList();
            if (!partFailures.isEmpty()) {
                Diagnostics first = placed.stream().filter(p -> p.placement() == null).findFirst()
                        .orElseThrow().diagnostics();
                StreamId stream = commandStream(command);
                store.append(stream, store.currentVersion(stream.id()),
                        List.of(new TaskPlacementFailed(place.clusterArn(), place.taskDefinitionArn(),
                                part.request().group().orElse(null), partFailures.size(), partFailures,
                                diagnostics(first))), EventContext.causedBy(command));
                failures.addAll(partFailures);
            }
        }
        if (place.clientToken() != null) {
            ClientToken.remember(place.clusterArn(), place.clientToken(), requestHash, taskArns, failures);
        }
        answer(command, taskArns, failures, null);
    }

    /** One task of a part: placed (with its new ARN) or failed, and how it was decided. */
    private record Placed(String taskArn, PlacementResult.Placement placement, PlacementResult.Failure failure,
            Diagnostics diagnostics, String availabilityZone) {
    }

    private List<Placed> decide(ClusterIndex index, RunTaskRules.Part part, String taskPrefix) {
        PlacementResult result = engine.place(index, part.request());
        List<Placed> placed = new ArrayList<>();
        for (PlacementResult.Placement placement : result.placements()) {
            String taskArn = taskPrefix + newTaskId();
            index.addTask(placement.toTask(taskArn, part.request()));
            String zone = index.instance(placement.instanceArn())
                    .flatMap(i -> i.attribute("ecs.availability-zone")).orElse(null);
            placed.add(new Placed(taskArn, placement, null, result.diagnostics().get(placement.taskIndex()), zone));
        }
        for (PlacementResult.Failure failure : result.failures()) {
            placed.add(new Placed(null, null, failure, result.diagnostics().get(failure.taskIndex()), null));
        }
        return placed;
    }

    private void record(EventEnvelope command, PlaceTasks place, RunTaskRules.Part part, TaskReservation reservation,
            Placed p) {
        TaskPlaced placed = new TaskPlaced(place.clusterArn(), p.taskArn(), place.taskDefinitionArn(),
                p.placement().instanceArn(), part.request().group().orElse(null), place.startedBy(),
                part.launchType(), part.capacityProvider().orElse(null), reservation.cpu(), reservation.memory(),
                reservation.bindings(p.placement().dynamicPorts()), place.taskDefinition(), place.overrides(),
                place.tags() == null ? List.of() : place.tags(), diagnostics(p.diagnostics()));
        EventEnvelope event = store.append(new StreamId(TASK_STREAM, p.taskArn()), 0, List.of(placed),
                EventContext.causedBy(command)).get(0);
        TaskView view = new TaskView();
        view.taskArn = p.taskArn();
        view.account = command.account();
        view.region = command.region();
        view.clusterArn = place.clusterArn();
        view.containerInstanceArn = placed.containerInstanceArn();
        view.family = place.taskDefinition().path("family").asText();
        view.group = placed.group();
        view.startedBy = place.startedBy();
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

    private void stop(EventEnvelope command, StopTask stop) {
        TaskView view = TaskView.findById(stop.taskArn());
        if (view == null || !view.clusterArn.equals(stop.clusterArn())) {
            throw EcsErrors.invalidParameter("The referenced task was not found.");
        }
        TaskDocument task = view.toDocument();
        if (!"STOPPED".equals(task.desiredStatus())) {
            TaskStopRequested requested = new TaskStopRequested(stop.clusterArn(), stop.taskArn(),
                    view.containerInstanceArn, "UserInitiated",
                    stop.reason() == null || stop.reason().isBlank() ? "Task stopped by user" : stop.reason());
            EventEnvelope event = store.append(new StreamId(TASK_STREAM, stop.taskArn()),
                    store.currentVersion(stop.taskArn()), List.of(requested), EventContext.causedBy(command)).get(0);
            task.stopRequested(requested, event.occurredAt());
            view.store(task);
        }
        answer(command, List.of(stop.taskArn()), List.of(), null);
    }

    private void answer(EventEnvelope command, List<String> taskArns, List<Failure> failures, EcsException error) {
        SchedulerCommand payload = (SchedulerCommand) command.payload();
        StreamId stream = commandStream(command);
        store.append(stream, store.currentVersion(stream.id()), List.of(new SchedulerCommandAnswered(
                payload.clusterArn(), command.eventId(), taskArns, failures, error == null ? null : error.code(),
                error == null ? null : error.getMessage())), EventContext.causedBy(command));
    }

    /**
     * The stream of a command's outcome, named by the gateway request that sent it (the envelope's
     * correlation id, the {@code x-amzn-RequestId} the caller saw), so explanations can be asked by it.
     */
    static StreamId commandStream(EventEnvelope command) {
        UUID id = command.correlationId() != null ? command.correlationId() : command.eventId();
        return new StreamId(COMMAND_STREAM, id.toString());
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
