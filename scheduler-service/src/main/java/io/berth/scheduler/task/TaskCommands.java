package io.berth.scheduler.task;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.SchedulerCommand;
import io.berth.events.SchedulerCommand.ManageService;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.SchedulerCommand.StopTask;
import io.berth.events.SchedulerCommand.TagResource;
import io.berth.events.Shapes.Failure;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.TaskEvent.TaskPlacementFailed;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.Inbox;
import io.berth.eventstore.StreamId;
import io.berth.scheduler.command.PartitionOwnership;
import io.berth.scheduler.placement.ClusterIndexes;
import io.berth.scheduler.services.ServiceCommands;
import io.berth.scheduler.services.SchedulerTagging;
import io.berth.scheduler.services.ServiceReconciliation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decides the scheduler commands of the clusters whose partitions this instance owns: RunTask and
 * StartTask (place, reserve, record the tasks), StopTask, and the service commands. Each command is decided once (inbox),
 * under the partition's fencing epoch, and answered with {@link SchedulerCommandAnswered} in the
 * same transaction as its effects; a refused command is answered with its ECS error and changes
 * nothing else.
 */
@ApplicationScoped
public class TaskCommands {

    public static final String COMMAND_STREAM = "scheduler-command";
    static final String CONSUMER = "scheduler-commands";
    private static final Logger LOG = Logger.getLogger(TaskCommands.class);

    private final EventStore store;
    private final Inbox inbox;
    private final ClusterIndexes indexes;
    private final PartitionOwnership ownership;
    private final TaskPlacer placer;
    private final ServiceCommands services;
    private final ServiceReconciliation reconciliation;
    private final SchedulerTagging tagging;

    public TaskCommands(EventStore store, Inbox inbox, ClusterIndexes indexes, PartitionOwnership ownership,
            TaskPlacer placer, ServiceCommands services, ServiceReconciliation reconciliation,
            SchedulerTagging tagging) {
        this.store = store;
        this.inbox = inbox;
        this.indexes = indexes;
        this.ownership = ownership;
        this.placer = placer;
        this.services = services;
        this.reconciliation = reconciliation;
        this.tagging = tagging;
    }

    /**
     * Decides the commands read together from {@code partition}, in order, in one transaction: one
     * inbox statement and one commit for them all. If one of them is refused or fails, that
     * transaction is rolled back and each is decided again on its own ({@link #handle}), so that
     * the refusal is answered and the others take effect as if they had come alone.
     */
    public void handleAll(List<EventEnvelope> commands, int partition, long epoch) {
        if (commands.size() == 1) {
            handle(commands.get(0), partition, epoch);
            return;
        }
        List<String> changed;
        try {
            changed = QuarkusTransaction.requiringNew().call(() -> {
                Set<UUID> fresh = inbox.firstDeliveries(CONSUMER, commands.stream().map(EventEnvelope::eventId)
                        .toList());
                ownership.requireCurrent(partition, epoch);
                List<String> serviceArns = new ArrayList<>();
                for (EventEnvelope command : commands) {
                    String serviceArn = fresh.contains(command.eventId()) ? decide(command) : null;
                    if (serviceArn != null) {
                        serviceArns.add(serviceArn);
                    }
                }
                return serviceArns;
            });
        } catch (PartitionOwnership.StaleOwnerException e) {
            commands.forEach(command -> indexes.drop(((SchedulerCommand) command.payload()).clusterArn()));
            LOG.warnf("Not deciding %d commands: %s", commands.size(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            // The placements of the rolled-back decisions are still in the clusters' indexes.
            commands.forEach(command -> indexes.drop(((SchedulerCommand) command.payload()).clusterArn()));
            commands.forEach(command -> handle(command, partition, epoch));
            return;
        }
        changed.forEach(reconciliation::wake);
    }

    /** Decides one command read from {@code partition} while this instance holds it at {@code epoch}. */
    public void handle(EventEnvelope command, int partition, long epoch) {
        SchedulerCommand payload = (SchedulerCommand) command.payload();
        try {
            String serviceArn = QuarkusTransaction.requiringNew().call(() -> {
                if (!inbox.firstDelivery(CONSUMER, command.eventId())) {
                    return null;
                }
                ownership.requireCurrent(partition, epoch);
                return decide(command);
            });
            if (serviceArn != null) {
                reconciliation.wake(serviceArn);
            }
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

    /** The command's effects and its answer, in the caller's transaction; the service it changed, if any. */
    private String decide(EventEnvelope command) {
        SchedulerCommand payload = (SchedulerCommand) command.payload();
        if (payload instanceof PlaceTasks place) {
            place(command, place);
        } else if (payload instanceof StopTask stop) {
            stop(command, stop);
        } else if (payload instanceof TagResource tag) {
            tagging.handle(command, tag);
            answer(command, List.of(), List.of(), null);
        } else if (payload instanceof ManageService manage) {
            String changed = services.handle(command, manage);
            answer(command, List.of(), List.of(), null);
            return changed;
        }
        return null;
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
        List<String> taskArns = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (RunTaskRules.Part part : RunTaskRules.plan(place, reservation, seed)) {
            TaskPlacer.Outcome outcome = placer.place(EventContext.causedBy(command), new TaskPlacer.Template(place.clusterArn(),
                    place.taskDefinitionArn(), place.taskDefinition(), place.startedBy(), part.launchType(),
                    part.capacityProvider(), place.overrides(), place.tags(), reservation), part.request());
            taskArns.addAll(outcome.taskArns());
            if (!outcome.failures().isEmpty()) {
                StreamId stream = commandStream(command);
                store.appendToEnd(stream, List.of(new TaskPlacementFailed(place.clusterArn(), place.taskDefinitionArn(),
                                part.request().group().orElse(null), outcome.failures().size(), outcome.failures(),
                                outcome.failedDiagnostics())), EventContext.causedBy(command));
                failures.addAll(outcome.failures());
            }
        }
        if (place.clientToken() != null) {
            ClientToken.remember(place.clusterArn(), place.clientToken(), requestHash, taskArns, failures);
        }
        answer(command, taskArns, failures, null);
    }

    private void stop(EventEnvelope command, StopTask stop) {
        TaskView view = TaskView.findById(stop.taskArn());
        if (view == null || !view.clusterArn.equals(stop.clusterArn())) {
            throw EcsErrors.invalidParameter("The referenced task was not found.");
        }
        placer.stop(EventContext.causedBy(command), view, "UserInitiated",
                stop.reason() == null || stop.reason().isBlank() ? "Task stopped by user" : stop.reason());
        answer(command, List.of(stop.taskArn()), List.of(), null);
    }

    private void answer(EventEnvelope command, List<String> taskArns, List<Failure> failures, EcsException error) {
        SchedulerCommand payload = (SchedulerCommand) command.payload();
        StreamId stream = commandStream(command);
        store.appendToEnd(stream, List.of(new SchedulerCommandAnswered(
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
