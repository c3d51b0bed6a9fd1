package io.berth.eventstore;

import io.berth.events.BerthEvent;
import io.berth.events.EventEnvelope;
import io.berth.events.EventTypes;
import io.berth.eventstore.Position.Stream;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The one skeleton every consumer of another service's events follows: keep the events it wants,
 * record them in the inbox, apply the first deliveries in one transaction, and only after the
 * commit run what they leave to do outside the database (placement indexes, runtimes, wake-ups).
 * A redelivered event changes nothing; a failure rolls the whole batch back and reaches the caller.
 * A channel's {@code @Incoming} method applies its batch through {@link #consumeUntilApplied} (or wraps
 * more than one call in {@link #untilApplied}): the same records are tried again in place, with a
 * growing wait, until they are applied, and the channel never stops on a failure (ADR 0070). A call
 * answered over HTTP uses {@link #consume} and fails fast: its caller tries again.
 *
 * <p>{@link #consume} is the one place where a consumer's batch commits, so what every consumer
 * must record with its effects (the inbox, the positions applied) is written here and nowhere else.
 * It is also where read your writes is kept (ADR 0033): a batch is applied only once the positions
 * its records name are, and its own positions are announced once its effects are visible.
 */
@ApplicationScoped
public class EventConsumer {

    /**
     * The worker pool a service's consumers run on ({@code @Blocking(EventConsumer.WORKERS)} of
     * SmallRye Reactive Messaging, sized by {@code smallrye.messaging.worker.berth-consumers.max-concurrency},
     * at least one thread per channel): never the pool that serves HTTP. A call that waits for its
     * caller's writes (ADR 0033) parks a request worker until a consumer applies them; on one shared
     * pool, enough waiting calls left the consumers no thread, and every wait ran out (issue 21).
     */
    public static final String WORKERS = "berth-consumers";

    /** A handler's answer when its events leave nothing to do after the commit. */
    public static final Runnable NOTHING_LEFT = () -> { };

    private final ConsumerLag lag;
    private final AppliedPositions positions;
    private final AccountResets resets;
    private final ConsumerDelays delays;
    private final ChannelRetries retries;

    public EventConsumer(ConsumerLag lag, AppliedPositions positions, AccountResets resets,
            ConsumerDelays delays, ChannelRetries retries) {
        this.lag = lag;
        this.positions = positions;
        this.resets = resets;
        this.delays = delays;
        this.retries = retries;
    }

    /** What a consumer does with the events it receives for the first time. */
    @FunctionalInterface
    public interface Handler<E extends BerthEvent> {

        /**
         * Applies the first deliveries of a batch, in the order received, in the batch's transaction.
         *
         * @return what to do once the transaction has committed; never run if it rolls back
         */
        Runnable apply(List<Delivery<E>> fresh);
    }

    /**
     * Which events a consumer wants: those of {@code type} that {@code accepted} admits, all of them named in
     * {@code typeNames}. A channel whose deserializer parses only some types ({@code TypeFilteringDeserializer})
     * lists exactly these names in its {@code berth.event-types}; each service's tests check the two agree.
     */
    public record Selection<E extends BerthEvent>(Class<E> type, Set<String> typeNames, Predicate<? super E> accepted) {

        public Selection {
            typeNames = Set.copyOf(typeNames);
        }

        /** The events of {@code type} that {@code accepted} admits, among every event type of {@code type}. */
        public Selection(Class<E> type, Predicate<? super E> accepted) {
            this(type, namesOf(List.of(type)), accepted);
        }

        /** Every event of {@code type}. */
        public static <E extends BerthEvent> Selection<E> of(Class<E> type) {
            return new Selection<>(type, event -> true);
        }

        /** The events of {@code type} that are one of {@code kinds}. */
        @SafeVarargs
        public static <E extends BerthEvent> Selection<E> of(Class<E> type, Class<? extends E>... kinds) {
            Set<Class<? extends E>> wanted = Set.of(kinds);
            return new Selection<>(type, namesOf(wanted),
                    event -> wanted.stream().anyMatch(kind -> kind.isInstance(event)));
        }

        /** The registered type names of every event record that is one of {@code kinds}. */
        private static Set<String> namesOf(Collection<? extends Class<?>> kinds) {
            return EventTypes.all().stream().filter(t -> kinds.stream().anyMatch(k -> k.isAssignableFrom(t)))
                    .map(EventTypes::nameOf).collect(Collectors.toUnmodifiableSet());
        }

        boolean wants(EventEnvelope envelope) {
            return envelope != null && type.isInstance(envelope.payload()) && accepted.test(type.cast(envelope.payload()));
        }
    }

    /**
     * Applies the records {@code consumer} has not processed yet, in one transaction.
     *
     * @param records as the channel delivered them; a record whose value could not be read is null and skipped
     * @throws PositionsNotAppliedException if the positions a record awaits were not applied in time;
     *     nothing is applied then
     */
    public <E extends BerthEvent> void consume(String consumer, Iterable<ConsumerRecord<String, EventEnvelope>> records,
            Selection<E> selection, Handler<E> handler) {
        long taken = System.currentTimeMillis();
        List<Position> awaited = new ArrayList<>();
        Map<Stream, Long> reached = new HashMap<>();
        List<Delivery<E>> wanted = new ArrayList<>();
        // The wait is bounded from the earliest send of a record that awaits something: time spent
        // queued behind other records counts (a record without a timestamp counts from now).
        long sentAt = taken;
        for (ConsumerRecord<String, EventEnvelope> record : records) {
            List<Position> awaits = Position.parse(header(record, Position.KAFKA_AWAIT_HEADER));
            if (!awaits.isEmpty() && record.timestamp() > 0) {
                sentAt = Math.min(sentAt, record.timestamp());
            }
            awaited.addAll(awaits);
            positionOf(record).ifPresent(p -> reached.merge(p.stream(), p.position(), Math::max));
        }
        // What the batch itself applies is no reason to wait: its records are applied in their order.
        awaited.removeIf(p -> reached.getOrDefault(p.stream(), 0L) >= p.position());
        positions.await(awaited, sentAt);
        // Whether an event was forgotten by a reset is read under the lock a reset deletes under (ADR 0034).
        resets.applying(() -> {
            for (ConsumerRecord<String, EventEnvelope> record : records) {
                EventEnvelope envelope = record.value();
                lag.reading(record.topic());
                if (selection.wants(envelope) && !forgotten(record, envelope)) {
                    wanted.add(new Delivery<>(record.topic(), record.partition(), record.offset(), record.key(),
                            envelope, selection.type().cast(envelope.payload())));
                }
            }
            Runnable afterCommit = apply(consumer, wanted, reached, handler);
            // Timed before what the commit leaves to do: that is the consumer's own, not the leg's.
            delays.committed(consumer, records, taken);
            afterCommit.run();
            positions.advance(reached);
            return null;
        });
    }

    /** Applies the batch in its transaction and returns what is left to do after the commit. */
    private <E extends BerthEvent> Runnable apply(String consumer, List<Delivery<E>> wanted,
            Map<Stream, Long> reached, Handler<E> handler) {
        if (wanted.isEmpty() && reached.isEmpty()) {
            return NOTHING_LEFT;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            // Unwanted events are applied too, as nothing: a reader waiting for one must not wait in vain.
            // The positions and the inbox are one statement.
            Set<UUID> fresh = positions.recordWithInbox(reached, consumer,
                    wanted.stream().map(d -> d.envelope().eventId()).toList());
            if (wanted.isEmpty()) {
                return NOTHING_LEFT;
            }
            // remove: an event delivered twice in one batch is applied once.
            List<Delivery<E>> firstTime = wanted.stream().filter(d -> fresh.remove(d.envelope().eventId())).toList();
            return firstTime.isEmpty() ? NOTHING_LEFT : handler.apply(firstTime);
        });
    }

    private boolean forgotten(ConsumerRecord<String, EventEnvelope> record, EventEnvelope envelope) {
        Optional<Position> position = positionOf(record);
        return resets.forgets(envelope.account(), position.map(Position::writer).orElse(null),
                position.map(Position::position).orElse(Long.MAX_VALUE));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The record's position, from its relay's {@code <writer>:<id>} header; none for records from elsewhere. */
    private static Optional<Position> positionOf(ConsumerRecord<String, ?> record) {
        String value = header(record, Position.KAFKA_POSITION_HEADER);
        int colon = value == null ? -1 : value.lastIndexOf(':');
        if (colon <= 0 || record.key() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Position(record.topic(), value.substring(0, colon), record.key(),
                    Long.parseLong(value.substring(colon + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@link #consume} of one record, for channels that deliver one at a time. */
    public <E extends BerthEvent> void consume(String consumer, ConsumerRecord<String, EventEnvelope> record,
            Selection<E> selection, Handler<E> handler) {
        consume(consumer, List.of(record), selection, handler);
    }

    /**
     * {@link #consume} for a channel's {@code @Incoming} method: applied until it is applied, the same
     * records tried again in place after each failure (ADR 0070, {@link ChannelRetries}); gives up only
     * when the application is stopping.
     */
    public <E extends BerthEvent> void consumeUntilApplied(String consumer,
            Iterable<ConsumerRecord<String, EventEnvelope>> records, Selection<E> selection, Handler<E> handler) {
        untilApplied(consumer, () -> consume(consumer, records, selection, handler));
    }

    /** {@link #consumeUntilApplied} of one record, for channels that deliver one at a time. */
    public <E extends BerthEvent> void consumeUntilApplied(String consumer,
            ConsumerRecord<String, EventEnvelope> record, Selection<E> selection, Handler<E> handler) {
        untilApplied(consumer, () -> consume(consumer, record, selection, handler));
    }

    /**
     * Runs {@code batch}, a channel's work on one batch that may call {@link #consume} more than once or
     * keep state beside it (built afresh by each attempt), until it returns (ADR 0070).
     */
    public void untilApplied(String consumer, Runnable batch) {
        retries.untilApplied(consumer, batch);
    }
}
