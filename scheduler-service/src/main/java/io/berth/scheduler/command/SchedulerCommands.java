package io.berth.scheduler.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.events.BerthEvent;
import io.berth.events.EventEnvelope;
import io.berth.events.SchedulerCommand;
import io.berth.events.SchedulerCommand.FollowInstanceChanges;
import io.berth.events.SchedulerCommand.FollowTaskReports;
import io.berth.events.SchedulerCommand.ManageService;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.SchedulerCommand.StopTask;
import io.berth.events.SchedulerCommand.TagResource;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.Outbox;
import io.berth.eventstore.Position;
import io.berth.eventstore.PositionsNotAppliedException;
import io.berth.eventstore.StreamId;
import io.berth.eventstore.StreamVersionConflictException;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.berth.scheduler.ownership.PartitionOwnership.StaleOwnerException;
import io.berth.scheduler.placement.ClusterIndexes;
import io.berth.scheduler.placement.InstancesDecidedElsewhere;
import io.berth.scheduler.reconcile.ServiceReconciliation;
import io.berth.scheduler.service.ServiceCommands;
import io.berth.scheduler.service.ServiceQueries;
import io.berth.scheduler.tagging.SchedulerTagging;
import io.berth.scheduler.task.RunTasks;
import io.berth.scheduler.task.RunTasks.Outcome;
import io.berth.scheduler.task.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * The dispatcher of the scheduler commands of the clusters whose partitions this instance owns:
 * each command is decided once (the consumer skeleton's inbox), under the partition's fencing epoch,
 * by the feature it belongs to (tasks, services, tags), and answered with
 * {@link SchedulerCommandAnswered} in the same transaction as its effects. A refused command is
 * answered with its ECS error and changes nothing else. {@link FollowTaskReports} and
 * {@link FollowInstanceChanges}, which another scheduler sends after applying agents' reports or container
 * instances' changes of a cluster decided here, are not answered.
 */
@ApplicationScoped
public class SchedulerCommands {

    static final String CONSUMER = "scheduler-commands";
    private static final Selection<SchedulerCommand> COMMANDS = Selection.of(SchedulerCommand.class);
    private static final Outcome NONE = new Outcome(List.of(), List.of(), List.of());
    private static final Logger LOG = Logger.getLogger(SchedulerCommands.class);
    private static final int ATTEMPTS = 3;

    private final EventConsumer consumer;
    private final EventStore store;
    private final Outbox outbox;
    private final ClusterIndexes indexes;
    private final PartitionOwnership ownership;
    private final RunTasks tasks;
    private final ServiceCommands services;
    private final SchedulerTagging tagging;
    private final ServiceReconciliation reconciliation;
    private final InstancesDecidedElsewhere instances;

    public SchedulerCommands(EventConsumer consumer, EventStore store, Outbox outbox, ClusterIndexes indexes,
            PartitionOwnership ownership, RunTasks tasks, ServiceCommands services, SchedulerTagging tagging,
            ServiceReconciliation reconciliation, InstancesDecidedElsewhere instances) {
        this.consumer = consumer;
        this.store = store;
        this.outbox = outbox;
        this.indexes = indexes;
        this.ownership = ownership;
        this.tasks = tasks;
        this.services = services;
        this.tagging = tagging;
        this.reconciliation = reconciliation;
        this.instances = instances;
    }

    /**
     * Decides the commands read together from {@code partition}, in order, in one transaction: one
     * inbox statement and one commit for them all. If one of them is refused or fails, that
     * transaction is rolled back and each is decided again on its own ({@link #handle}), so that
     * the refusal is answered and the others take effect as if they had come alone.
     */
    public void handleAll(List<ConsumerRecord<String, EventEnvelope>> records, int partition, long epoch) {
        if (records.size() == 1) {
            handle(records.get(0), partition, epoch);
            return;
        }
        try {
            consumer.consume(CONSUMER, records, COMMANDS, fresh -> {
                ownership.requireCurrent(partition, epoch);
                // The poll's clusters are locked together, in order, before the first is decided: a
                // batch of agents' reports writing to several of them can not hold one and wait for another.
                outbox.lock(fresh.stream().map(d -> d.event().partitionKey()).toList());
                List<Runnable> afterCommit = new ArrayList<>();
                for (Delivery<SchedulerCommand> command : fresh) {
                    afterCommit.addAll(decide(command.envelope()));
                }
                return () -> afterCommit.forEach(Runnable::run);
            });
        } catch (StaleOwnerException e) {
            records.forEach(this::dropIndex);
            LOG.warnf("Not deciding %d commands: %s", records.size(), e.getMessage());
        } catch (RuntimeException e) {
            // The placements of the rolled-back decisions are still in the clusters' indexes.
            records.forEach(this::dropIndex);
            records.forEach(record -> handle(record, partition, epoch));
        }
    }

    /** Decides one command read from {@code partition} while this instance holds it at {@code epoch}. */
    public void handle(ConsumerRecord<String, EventEnvelope> record, int partition, long epoch) {
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.consume(CONSUMER, record, COMMANDS, fresh -> {
                    ownership.requireCurrent(partition, epoch);
                    List<Runnable> afterCommit = decide(fresh.get(0).envelope());
                    return () -> afterCommit.forEach(Runnable::run);
                });
                return;
            } catch (EcsException e) {
                dropIndex(record);
                answerAlone(record, partition, epoch, e);
                return;
            } catch (PositionsNotAppliedException e) {
                // Decided on what it would not see yet, the command could place on none of the caller's
                // instances; it is shed as an overloaded ECS sheds one, throttled (400, retried by the SDKs
                // with back-off), having decided nothing (ADR 0033).
                answerAlone(withoutAwaits(record), partition, epoch, EcsErrors.throttled(e.getMessage()));
                return;
            } catch (StaleOwnerException e) {
                dropIndex(record);
                LOG.warnf("Not deciding %s: %s", record.value().eventId(), e.getMessage());
                return;
            } catch (StreamVersionConflictException e) {
                // A reconciliation or an agent's report changed the command's task or service first:
                // decide again on what it left.
                dropIndex(record);
                if (attempt == ATTEMPTS) {
                    // Nothing of it was written: the caller may send it again as it is.
                    answerAlone(record, partition, epoch, new EcsException(EcsErrors.SERVER_EXCEPTION,
                            "The task or service changed while this request was decided. Try again.", 503));
                    return;
                }
            } catch (RuntimeException e) {
                dropIndex(record);
                failed(record, e);
                return;
            }
        }
    }

    /**
     * A bug, not a refusal: answer so that the caller is not left waiting, then go on with the next
     * command. If even the answer can not be written the database is gone: the exception reaches the
     * channel's {@link CommandConsumer}, which decides the partition's commands again until they are
     * (ADR 0070); an HTTP caller gets it at once.
     */
    private void failed(ConsumerRecord<String, EventEnvelope> record, RuntimeException e) {
        LOG.errorf(e, "Deciding %s failed", record.value().eventId());
        answerAlone(record, -1, -1, new EcsException(EcsErrors.SERVER_EXCEPTION,
                "The scheduler failed to decide this request.", 500));
    }

    /** The refusal as the command's only effect; {@code epoch} -1 answers whatever the epoch. */
    private void answerAlone(ConsumerRecord<String, EventEnvelope> record, int partition, long epoch,
            EcsException error) {
        consumer.consume(CONSUMER, record, COMMANDS, fresh -> {
            if (epoch >= 0) {
                ownership.requireCurrent(partition, epoch);
            }
            answer(fresh.get(0).envelope(), NONE, error);
            return EventConsumer.NOTHING_LEFT;
        });
    }

    /** The command's effects and its answer, in the caller's transaction; what to do after its commit. */
    private List<Runnable> decide(EventEnvelope command) {
        SchedulerCommand payload = (SchedulerCommand) command.payload();
        if (payload instanceof PlaceTasks place) {
            answer(command, tasks.place(command, place), null);
        } else if (payload instanceof StopTask stop) {
            answer(command, tasks.stop(command, stop), null);
        } else if (payload instanceof TagResource tag) {
            tagging.handle(command, tag);
            answer(command, NONE, null);
        } else if (payload instanceof ManageService manage) {
            ServiceCommands.Handled changed = services.handle(command, manage);
            // A task set command answers with the task set, the others with the service.
            answer(command, NONE, null, changed.taskSetId() == null ? ServiceQueries.described(changed.serviceArn())
                    : ServiceQueries.describedTaskSet(changed.serviceArn(), changed.taskSetId()));
            return List.of(() -> reconciliation.wake(changed.serviceArn()));
        } else if (payload instanceof FollowTaskReports follow) {
            // The stops are committed already, by the scheduler that applied the reports: the index lets the
            // tasks go now, which is idempotent, whatever becomes of this transaction. Nobody waits for an answer.
            indexes.apply(follow.clusterArn(), index -> follow.stoppedTaskArns().forEach(index::removeTask));
            return follow.serviceArns().stream().<Runnable>map(service -> () -> reconciliation.wake(service)).toList();
        } else if (payload instanceof FollowInstanceChanges follow) {
            return List.of(instances.follow(follow));
        }
        return List.of();
    }

    /**
     * What became of the command, recorded on its stream: the placement failures, then the answer,
     * which carries the tasks or the service as they are committed with it, so the gateway reads
     * nothing back.
     */
    private void answer(EventEnvelope command, Outcome outcome, EcsException error) {
        answer(command, outcome, error, null);
    }

    private void answer(EventEnvelope command, Outcome outcome, EcsException error, ObjectNode service) {
        SchedulerCommand payload = (SchedulerCommand) command.payload();
        List<BerthEvent> events = new ArrayList<>(outcome.placementFailures());
        List<Position> written = outbox.writtenInThisTransaction();
        boolean ofTasks = payload instanceof PlaceTasks || payload instanceof StopTask;
        events.add(new SchedulerCommandAnswered(payload.clusterArn(), command.eventId(), outcome.taskArns(),
                outcome.failures(), error == null ? null : error.code(), error == null ? null : error.getMessage(),
                written.isEmpty() ? null : Position.format(Position.latest(written)),
                error == null ? null : error.status(),
                ofTasks && error == null ? TaskView.described(outcome.taskArns()) : null, service));
        store.appendToEnd(commandStream(command), events, EventContext.causedBy(command));
    }

    /** The record as it would be had its sender nothing pending: its answer waits for nothing. */
    private static ConsumerRecord<String, EventEnvelope> withoutAwaits(ConsumerRecord<String, EventEnvelope> record) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(Position.KAFKA_AWAIT_HEADER);
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
                record.value(), headers, record.leaderEpoch());
    }

    private void dropIndex(ConsumerRecord<String, EventEnvelope> record) {
        if (record.value() != null && record.value().payload() instanceof SchedulerCommand command) {
            indexes.drop(command.clusterArn());
        }
    }

    /**
     * The stream of a command's outcome, named by the gateway request that sent it (the envelope's
     * correlation id, the {@code x-amzn-RequestId} the caller saw), so explanations can be asked by it.
     */
    static StreamId commandStream(EventEnvelope command) {
        UUID id = command.correlationId() != null ? command.correlationId() : command.eventId();
        return new StreamId(SchedulerCommand.STREAM_TYPE, id.toString());
    }
}
