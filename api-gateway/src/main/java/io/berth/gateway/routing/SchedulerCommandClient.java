package io.berth.gateway.routing;

import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.EventTypes;
import io.berth.events.SchedulerCommand;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.Topics;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.Outbox;
import io.berth.eventstore.Position;
import io.berth.eventstore.StreamId;
import io.berth.gateway.GatewayConfig;
import io.berth.gateway.kafka.TopicTail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request-reply with the scheduler over Kafka. A command is appended to the gateway's own event
 * store, so the outbox puts it on the cluster's partition of {@code berth.scheduler.commands};
 * the scheduler that owns the partition answers on {@code berth.task.events} with
 * {@link SchedulerCommandAnswered} naming the command's event id. Every gateway instance reads
 * every partition of the answers from the end (no consumer group), so whichever instance sent a
 * command sees its answer.
 */
@ApplicationScoped
public class SchedulerCommandClient {

    private static final String ANSWER_TYPE = EventTypes.nameOf(SchedulerCommandAnswered.class);

    private final EventStore store;
    private final Outbox outbox;
    private final PendingPositions positions;
    private final Duration timeout;
    private final Map<UUID, CompletableFuture<SchedulerCommandAnswered>> pending = new ConcurrentHashMap<>();
    private final TopicTail answers;

    public SchedulerCommandClient(EventStore store, Outbox outbox, PendingPositions positions, GatewayConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.store = store;
        this.outbox = outbox;
        this.positions = positions;
        this.timeout = config.schedulerTimeout();
        this.answers = TopicTail.ofRecords("scheduler-answers", bootstrapServers, List.of(Topics.TASK_EVENTS),
                this::onAnswer);
    }

    void start(@Observes StartupEvent event) {
        answers.start();
    }

    void stop(@Observes ShutdownEvent event) {
        answers.stop();
    }

    /**
     * Sends {@code command} and waits for the scheduler's answer. Refusals come back as the ECS
     * error the scheduler gave; no answer in time is a {@code ServerException}.
     */
    public SchedulerCommandAnswered send(SchedulerCommand command, Caller caller, UUID requestId) {
        awaitListening();
        UUID streamId = UUID.randomUUID();
        CompletableFuture<SchedulerCommandAnswered> answer = new CompletableFuture<>();
        UUID commandId = QuarkusTransaction.requiringNew().call(() -> {
            // The scheduler that decides the command first applies what the caller wrote before it (ADR 0033).
            outbox.awaitBeforeApplying(positions.of(caller));
            List<EventEnvelope> sent = store.append(new StreamId(SchedulerCommand.STREAM_TYPE, streamId.toString()), 0,
                    List.of(command), new EventContext(caller.account(), caller.region(), requestId, requestId));
            pending.put(sent.get(0).eventId(), answer);
            return sent.get(0).eventId();
        });
        try {
            SchedulerCommandAnswered answered = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            positions.written(caller, Position.parse(answered.written()));
            if (answered.errorType() != null) {
                throw new EcsException(answered.errorType(), answered.errorMessage(), statusOf(answered));
            }
            return answered;
        } catch (TimeoutException e) {
            // Retryable: the SDKs and the CLI retry a 503 ServerException, as ECS's own when it is busy.
            throw new EcsException(EcsErrors.SERVER_EXCEPTION, "The scheduler did not answer within "
                    + timeout.toSeconds() + " seconds. Retry with the same clientToken to get the same tasks.", 503);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcsException(EcsErrors.SERVER_EXCEPTION, "Interrupted while waiting for the scheduler.", 500);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pending.remove(commandId);
        }
    }

    /**
     * The HTTP status of a refusal: the one the scheduler gave, so that a retryable one (503: the
     * caller's earlier writes had not reached it yet) is retried by the SDKs as it should be; for an
     * answer that names none (recorded before it did), 500 for a {@code ServerException}, else 400.
     */
    static int statusOf(SchedulerCommandAnswered answered) {
        if (answered.errorStatus() != null) {
            return answered.errorStatus();
        }
        return EcsErrors.SERVER_EXCEPTION.equals(answered.errorType()) ? 500 : 400;
    }

    private void awaitListening() {
        try {
            if (!answers.awaitReading(timeout)) {
                // Nothing was sent: the caller may retry at once.
                throw new EcsException(EcsErrors.SERVER_EXCEPTION, "The gateway is not connected to Kafka yet.", 503);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcsException(EcsErrors.SERVER_EXCEPTION, "Interrupted while connecting to Kafka.", 500);
        }
    }

    /**
     * Parses only the answers: the topic carries every task event, ten and more per command under
     * load, and the record's type header tells them apart unparsed.
     */
    private void onAnswer(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(Topics.TYPE_HEADER);
        if (type != null && !ANSWER_TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        if (EventJson.fromBytes(record.value()).payload() instanceof SchedulerCommandAnswered answered) {
            CompletableFuture<SchedulerCommandAnswered> waiting = pending.get(answered.commandId());
            if (waiting != null) {
                waiting.complete(answered);
            }
        }
    }
}
