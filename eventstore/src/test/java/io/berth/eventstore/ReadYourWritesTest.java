package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.events.ClusterEvent;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read your writes (ADR 0033) through the real outbox, broker and database: a committed write is
 * its request's position, the relay puts positions on the records, the consumer skeleton records
 * what it applied and holds back what must wait, and readers wait exactly until then.
 */
@QuarkusTest
class ReadYourWritesTest {

    private static final Selection<ClusterEvent> ALL = Selection.of(ClusterEvent.class);

    @Inject
    EventStore store;
    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    EventConsumer consumer;
    @Inject
    AppliedPositions applied;
    @Inject
    DataSource dataSource;

    TopicProbe probe;

    @BeforeEach
    void openProbe() {
        probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.CLUSTER_EVENTS);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void aCommittedWriteIsItsRequestsPositionAndItsRecordCarriesItAndWhatItAwaits() throws SQLException {
        String arn = Fixtures.newClusterArn();
        Position earlier = new Position(Topics.CLUSTER_EVENTS, "other-service", arn, 42);

        Collection<Position> written = inRequest(() -> {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.awaitBeforeApplying(List.of(earlier));
                store.append(Fixtures.stream(arn), 0, List.of(Fixtures.created(arn)), Fixtures.CONTEXT);
            });
            return Arc.container().instance(WrittenPositions.class).get().latest();
        });

        // Read before the relay publishes the row, which deletes it.
        long id = outboxIdOf(arn);
        assertThat(written).containsExactly(new Position(Topics.CLUSTER_EVENTS, outbox.writer(), arn, id));
        ConsumerRecord<String, EventEnvelope> record = publishedRecordOf(arn);
        assertThat(header(record, Position.KAFKA_POSITION_HEADER)).isEqualTo(outbox.writer() + ":" + id);
        assertThat(Position.parse(header(record, Position.KAFKA_AWAIT_HEADER))).containsExactly(earlier);

        // The command waits for the earlier write, and is applied once that is.
        AtomicInteger appliedEvents = new AtomicInteger();
        assertThatThrownBy(() -> consumer.consume("ryw-test", record, ALL, fresh -> count(appliedEvents, fresh)))
                .isInstanceOf(PositionsNotAppliedException.class);
        assertThat(appliedEvents).hasValue(0);
        consumer.consume("ryw-test", recordAt("other-service", 42, arn), ALL, fresh -> EventConsumer.NOTHING_LEFT);
        consumer.consume("ryw-test", record, ALL, fresh -> count(appliedEvents, fresh));
        assertThat(appliedEvents).hasValue(1);
        applied.await(written);
        assertThat(appliedPositionOf(outbox.writer(), arn)).isEqualTo(id);
    }

    @Test
    void aReaderWaitsUntilTheConsumerHasAppliedThePositionAndItsAfterCommitWorkHasRun() throws Exception {
        String arn = Fixtures.newClusterArn();
        String writer = "writer-" + UUID.randomUUID();
        AtomicInteger afterCommit = new AtomicInteger();

        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            applied.await(List.of(new Position(Topics.CLUSTER_EVENTS, writer, arn, 7)));
            return afterCommit.get();
        });
        consumer.consume("ryw-test", recordAt(writer, 6, arn), ALL, fresh -> EventConsumer.NOTHING_LEFT);
        assertThat(reader).isNotDone();
        consumer.consume("ryw-test", recordAt(writer, 7, arn), ALL, fresh -> afterCommit::incrementAndGet);

        assertThat(reader.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void eventsTheConsumerDoesNotWantAreAppliedPositionsToo() throws SQLException {
        String arn = Fixtures.newClusterArn();
        String writer = "writer-" + UUID.randomUUID();
        Selection<ClusterEvent> none = new Selection<>(ClusterEvent.class, event -> false);

        consumer.consume("ryw-test", recordAt(writer, 3, arn), none, fresh -> EventConsumer.NOTHING_LEFT);

        applied.await(List.of(new Position(Topics.CLUSTER_EVENTS, writer, arn, 3)));
        assertThat(appliedPositionOf(writer, arn)).isEqualTo(3);
    }

    @Test
    void aPositionNotAppliedInTimeIsARetryableRefusalAndOtherTopicsAreNotWaitedFor() {
        String arn = Fixtures.newClusterArn();
        Instant start = Instant.now();

        assertThatThrownBy(() -> applied.await(List.of(new Position(Topics.CLUSTER_EVENTS, "nobody", arn, 1))))
                .isInstanceOf(PositionsNotAppliedException.class).hasMessageContaining("Try again");
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        applied.await(List.of(new Position("berth.topic-this-service-does-not-read", "nobody", arn, 1)));
    }

    @Test
    void positionsKeepAnyKeyThroughTheirTextForm() {
        List<Position> positions = List.of(new Position(Topics.CLUSTER_EVENTS, "cluster-service",
                "arn:aws:ecs:us-east-1:000000000000:cluster/a b,c%d", 12), new Position("t", "w", "/group#1", 3));

        assertThat(Position.parse(Position.format(positions))).isEqualTo(positions);
        assertThat(Position.parse("garbage, t w notanumber k,,")).isEmpty();
    }

    private static Runnable count(AtomicInteger counter, List<?> fresh) {
        counter.addAndGet(fresh.size());
        return EventConsumer.NOTHING_LEFT;
    }

    private static <T> T inRequest(java.util.function.Supplier<T> work) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            return work.get();
        } finally {
            request.terminate();
        }
    }

    private static ConsumerRecord<String, EventEnvelope> recordAt(String writer, long position, String arn) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Position.KAFKA_POSITION_HEADER, (writer + ":" + position).getBytes(StandardCharsets.UTF_8));
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "ClusterCreated", "cluster", arn, position,
                "000000000000", "us-east-1", Instant.now(), null, null, 1, Fixtures.created(arn));
        return new ConsumerRecord<>(Topics.CLUSTER_EVENTS, 0, position, 0L, TimestampType.CREATE_TIME, 0, 0, arn,
                envelope, headers, java.util.Optional.empty());
    }

    private ConsumerRecord<String, EventEnvelope> publishedRecordOf(String arn) {
        Fixtures.drain(relay);
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.poll().stream().filter(r -> arn.equals(r.key())).toList(), r -> r.size() == 1)
                .get(0);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private long outboxIdOf(String arn) throws SQLException {
        return single("select id from es_outbox where message_key = ?", arn);
    }

    private long appliedPositionOf(String writer, String arn) throws SQLException {
        return single("select position from es_applied_position where writer = ? and message_key = ?", writer, arn);
    }

    private long single(String sql, String... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
