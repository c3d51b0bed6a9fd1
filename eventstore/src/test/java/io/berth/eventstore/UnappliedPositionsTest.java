package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ClusterEvent;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.eventstore.EventConsumer.Selection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A batch that applies nothing costs no transaction of its own (ADR 0061): its positions are
 * announced at once and written by the next transaction that records positions. The timed
 * recording is held off here (an hour), so that only a consumer's transaction can write them; it
 * is {@link ReadYourWritesTest}'s case with the default.
 */
@QuarkusTest
@TestProfile(UnappliedPositionsTest.RecordedOnlyWithOthers.class)
class UnappliedPositionsTest {

    private static final Selection<ClusterEvent> ALL = Selection.of(ClusterEvent.class);
    private static final Selection<ClusterEvent> NONE = new Selection<>(ClusterEvent.class, event -> false);

    public static class RecordedOnlyWithOthers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("berth.read-your-writes.record-unapplied-within", "1H");
        }
    }

    @Inject
    EventConsumer consumer;
    @Inject
    AppliedPositions applied;
    @Inject
    DataSource dataSource;

    @Test
    void aBatchThatAppliesNothingIsAnnouncedAtOnceAndRecordedWithTheNextTransaction() throws SQLException {
        String ignored = Fixtures.newClusterArn();
        String wanted = Fixtures.newClusterArn();
        String writer = "writer-" + UUID.randomUUID();

        consumer.consume("unapplied-test", recordAt(writer, 4, ignored), NONE, fresh -> EventConsumer.NOTHING_LEFT);

        // Announced: a reader of it does not wait (max-wait is 1 s here; it would throw).
        applied.await(List.of(new Position(Topics.CLUSTER_EVENTS, writer, ignored, 4)));
        assertThat(appliedPositionOf(writer, ignored)).isEmpty();

        consumer.consume("unapplied-test", recordAt(writer, 9, wanted), ALL, fresh -> EventConsumer.NOTHING_LEFT);

        assertThat(appliedPositionOf(writer, wanted)).contains(9L);
        assertThat(appliedPositionOf(writer, ignored)).contains(4L);
    }

    @Test
    void aTransactionThatRollsBackKeepsThePositionsItCarriedForTheNextOne() throws SQLException {
        String ignored = Fixtures.newClusterArn();
        String wanted = Fixtures.newClusterArn();
        String writer = "writer-" + UUID.randomUUID();
        ConsumerRecord<String, EventEnvelope> record = recordAt(writer, 2, wanted);

        consumer.consume("unapplied-test", recordAt(writer, 5, ignored), NONE, fresh -> EventConsumer.NOTHING_LEFT);
        assertThatThrownBy(() -> consumer.consume("unapplied-test", record, ALL, fresh -> {
            throw new IllegalStateException("the effect failed");
        })).hasMessage("the effect failed");
        assertThat(appliedPositionOf(writer, ignored)).isEmpty();
        assertThat(appliedPositionOf(writer, wanted)).isEmpty();

        consumer.consume("unapplied-test", record, ALL, fresh -> EventConsumer.NOTHING_LEFT);

        assertThat(appliedPositionOf(writer, ignored)).contains(5L);
        assertThat(appliedPositionOf(writer, wanted)).contains(2L);
    }

    @Test
    void aLaterBatchThatAppliesNothingIsNotOverwrittenByAnEarlierCarriedPosition() throws SQLException {
        String ignored = Fixtures.newClusterArn();
        String writer = "writer-" + UUID.randomUUID();

        consumer.consume("unapplied-test", recordAt(writer, 3, ignored), NONE, fresh -> EventConsumer.NOTHING_LEFT);
        consumer.consume("unapplied-test", recordAt(writer, 8, ignored), NONE, fresh -> EventConsumer.NOTHING_LEFT);
        consumer.consume("unapplied-test", recordAt(writer, 1, Fixtures.newClusterArn()), ALL,
                fresh -> EventConsumer.NOTHING_LEFT);

        assertThat(appliedPositionOf(writer, ignored)).contains(8L);
    }

    private static ConsumerRecord<String, EventEnvelope> recordAt(String writer, long position, String arn) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Position.KAFKA_POSITION_HEADER, (writer + ":" + position).getBytes(StandardCharsets.UTF_8));
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "ClusterCreated", "cluster", arn, position,
                "000000000000", "us-east-1", Instant.now(), null, null, 1, Fixtures.created(arn));
        return new ConsumerRecord<>(Topics.CLUSTER_EVENTS, 0, position, 0L, TimestampType.CREATE_TIME, 0, 0, arn,
                envelope, headers, Optional.empty());
    }

    private Optional<Long> appliedPositionOf(String writer, String arn) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select position from es_applied_position where writer = ? and message_key = ?")) {
            s.setString(1, writer);
            s.setString(2, arn);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }
}
