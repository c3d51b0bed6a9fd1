package io.berth.eventstore;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.ContextHolder;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Every channel's commit strategy (ADR 0087): the connector's {@code throttled} one, unchanged, except that the
 * committed offsets it looks up when a partition's first record arrives are read once, when the partition is
 * assigned.
 *
 * <p>Why: {@code throttled} opens a partition's offset store at the first record it receives from it, and asks the
 * consumer for the partition's committed offset first. The consumer is not thread-safe, so the connector runs that
 * question on the channel's polling thread, queued behind the poll in progress; a channel with nothing else to read
 * is inside a poll that lasts its whole {@code poll-timeout}. So the first record of every partition after an
 * assignment waited up to a whole poll before reaching the channel, and a channel's later first records, each asked
 * only once the one before was let through, one poll apart. Here the question is answered at the assignment, on the
 * polling thread in the rebalance callback (one request for all the partitions assigned), and the first record's
 * lookup takes that answer without touching the polling thread.
 *
 * <p>An answer is used once: a partition's store is made from it, and any later lookup (after a revocation and a new
 * assignment, which reads again) goes to the consumer. Between an assignment and the first record nothing commits the
 * partition's offset (only its store does, and it has none yet), so the answer is still the committed offset.
 */
@ApplicationScoped
@Identifier(CommittedAtAssignment.STRATEGY)
public class CommittedAtAssignment implements KafkaCommitHandler.Factory {

    /** The name the channels' {@code commit-strategy} gives (the shared connector settings). */
    public static final String STRATEGY = "berth-throttled";

    /** How long the rebalance callback waits for the committed offsets; past it the first records ask as before. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaCommitHandler.Factory throttled;

    @Inject
    public CommittedAtAssignment(@Identifier("throttled") KafkaCommitHandler.Factory throttled) {
        this.throttled = throttled;
    }

    @Override
    public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KnownCommits<?, ?> known = new KnownCommits<>(consumer);
        return new Handler(vertx, throttled.create(config, vertx, known, reportFailure), known);
    }

    /**
     * The throttled handler, told of each assignment after the committed offsets are read. A {@link ContextHolder}
     * as the throttled handler is, so that the connector hands it the channel's Vert.x context (it does so only to
     * a handler that is one) and it passes it on.
     */
    private static final class Handler extends ContextHolder implements KafkaCommitHandler {

        private final KafkaCommitHandler delegate;
        private final KnownCommits<?, ?> known;

        Handler(Vertx vertx, KafkaCommitHandler delegate, KnownCommits<?, ?> known) {
            super(vertx, delegate instanceof ContextHolder holder ? holder.getTimeoutInMillis() : 0);
            this.delegate = delegate;
            this.known = known;
        }

        @Override
        public void capture(io.vertx.core.Context context) {
            super.capture(context);
            if (delegate instanceof ContextHolder holder) {
                holder.capture(context);
            }
        }

        @Override
        public void capture(io.vertx.mutiny.core.Context context) {
            capture(context.getDelegate());
        }

        @Override
        public <K, V> Multi<IncomingKafkaRecord<K, V>> decorateStream(Multi<IncomingKafkaRecord<K, V>> stream) {
            return delegate.decorateStream(stream);
        }

        @Override
        public <K, V> Uni<IncomingKafkaRecord<K, V>> received(IncomingKafkaRecord<K, V> record) {
            return delegate.received(record);
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            return delegate.handle(record);
        }

        @Override
        public void partitionsAssigned(Collection<TopicPartition> partitions) {
            known.read(partitions);
            delegate.partitionsAssigned(partitions);
        }

        @Override
        public void partitionsRevoked(Collection<TopicPartition> partitions) {
            known.forget(partitions);
            delegate.partitionsRevoked(partitions);
        }

        @Override
        public void terminate(boolean graceful) {
            delegate.terminate(graceful);
        }
    }

    /** The channel's consumer, whose {@code committed} answers from what the last assignment read, once each. */
    static final class KnownCommits<K, V> implements KafkaConsumer<K, V> {

        private final KafkaConsumer<K, V> consumer;
        private final Map<TopicPartition, Optional<OffsetAndMetadata>> known = new ConcurrentHashMap<>();

        KnownCommits(KafkaConsumer<K, V> consumer) {
            this.consumer = consumer;
        }

        /** On the polling thread (the consumer's rebalance callback): reads the partitions' committed offsets. */
        void read(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.unwrap()
                        .committed(new HashSet<>(partitions), LOOKUP_TIMEOUT);
                for (TopicPartition partition : partitions) {
                    known.put(partition, Optional.ofNullable(committed.get(partition)));
                }
            } catch (RuntimeException e) {
                // Not known: each first record asks the consumer, as the throttled strategy does by itself.
                forget(partitions);
            }
        }

        void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(known::remove);
        }

        @Override
        public Uni<Map<TopicPartition, OffsetAndMetadata>> committed(TopicPartition... partitions) {
            if (!known.keySet().containsAll(List.of(partitions))) {
                return consumer.committed(partitions);
            }
            Map<TopicPartition, OffsetAndMetadata> answer = new HashMap<>();
            for (TopicPartition partition : partitions) {
                Optional<OffsetAndMetadata> offset = known.remove(partition);
                answer.put(partition, offset == null ? null : offset.orElse(null));
            }
            return Uni.createFrom().item(answer);
        }

        @Override
        public Map<String, ?> configuration() {
            return consumer.configuration();
        }

        @Override
        public <R> Uni<R> runOnPollingThread(Function<org.apache.kafka.clients.consumer.Consumer<K, V>, R> action) {
            return consumer.runOnPollingThread(action);
        }

        @Override
        public Uni<Void> runOnPollingThread(Consumer<org.apache.kafka.clients.consumer.Consumer<K, V>> action) {
            return consumer.runOnPollingThread(action);
        }

        @Override
        public Uni<Set<TopicPartition>> pause() {
            return consumer.pause();
        }

        @Override
        public Uni<Set<TopicPartition>> paused() {
            return consumer.paused();
        }

        @Override
        public Uni<Void> resume() {
            return consumer.resume();
        }

        @Override
        public org.apache.kafka.clients.consumer.Consumer<K, V> unwrap() {
            return consumer.unwrap();
        }

        @Override
        public Uni<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            return consumer.commit(offsets);
        }

        @Override
        public Uni<Void> commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            return consumer.commitAsync(offsets);
        }

        @Override
        public Uni<Map<TopicPartition, Long>> getPositions() {
            return consumer.getPositions();
        }

        @Override
        public Uni<Set<TopicPartition>> getAssignments() {
            return consumer.getAssignments();
        }

        @Override
        public Uni<Void> seek(TopicPartition partition, long offset) {
            return consumer.seek(partition, offset);
        }

        @Override
        public Uni<Void> seek(TopicPartition partition, OffsetAndMetadata offset) {
            return consumer.seek(partition, offset);
        }

        @Override
        public Uni<Void> seekToBeginning(Collection<TopicPartition> partitions) {
            return consumer.seekToBeginning(partitions);
        }

        @Override
        public Uni<Void> seekToEnd(Collection<TopicPartition> partitions) {
            return consumer.seekToEnd(partitions);
        }

        @Override
        public Uni<ConsumerGroupMetadata> consumerGroupMetadata() {
            return consumer.consumerGroupMetadata();
        }

        @Override
        public Uni<Void> resetToLastCommittedPositions() {
            return consumer.resetToLastCommittedPositions();
        }

        @Override
        public Uni<Map<String, List<PartitionInfo>>> lisTopics() {
            return consumer.lisTopics();
        }

        @Override
        public Uni<Map<String, List<PartitionInfo>>> lisTopics(Duration timeout) {
            return consumer.lisTopics(timeout);
        }

        @Override
        public Uni<List<PartitionInfo>> partitionsFor(String topic) {
            return consumer.partitionsFor(topic);
        }
    }
}
