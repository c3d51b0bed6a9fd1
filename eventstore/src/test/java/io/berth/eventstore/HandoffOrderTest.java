package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.eventstore.Position.Stream;
import io.berth.testsupport.TestPublisher;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Which records handed over are applied at once and which are left to their Kafka copies (ADR 0071). */
class HandoffOrderTest {

    private static final String TOPIC = "berth.cluster.events";

    private static Handoff.Received received(String key, long position, long previous) {
        EventEnvelope envelope = TestPublisher.envelope("cluster", key, 2, "000000000000", new ClusterDeleted(key));
        return Handoff.fromBytes(Handoff.toBytes(List.of(new Handoff(TOPIC, key, "agent-service", position, previous,
                envelope.type(), 1_000L, EventJson.toBytes(envelope))))).get(0);
    }

    private static Stream stream(String key) {
        return new Stream(TOPIC, "agent-service", key);
    }

    @Test
    void aRecordRightAfterWhatIsAppliedIsAcceptedAndSoIsItsSuccessorInTheSameRequest() {
        HandoffOrder.Split split = HandoffOrder.split(List.of(received("a", 12, 7), received("a", 15, 12)),
                Map.of(stream("a"), 7L)::get, key -> true);

        assertThat(split.accepted()).extracting(Handoff.Received::position).containsExactly(12L, 15L);
        assertThat(split.ignored()).isZero();
    }

    @Test
    void aRecordWhosePredecessorIsNotAppliedYetIsLeftToKafkaAndSoIsEveryLaterOneOfItsStream() {
        // 9 (after 7) is still on its way: 12 and 15 must wait for it; stream b is not held up.
        HandoffOrder.Split split = HandoffOrder.split(List.of(received("a", 15, 12), received("b", 13, 4),
                received("a", 12, 9)), Map.of(stream("a"), 7L, stream("b"), 4L)::get, key -> true);

        assertThat(split.accepted()).extracting(Handoff.Received::position).containsExactly(13L);
        assertThat(split.ignored()).isEqualTo(2);
    }

    @Test
    void aStreamNothingIsKnownOfAndAKeyThisInstanceDoesNotOwnAreLeftToKafka() {
        HandoffOrder.Split split = HandoffOrder.split(List.of(received("a", 12, 7), received("b", 13, 4)),
                s -> s.key().equals("b") ? 4L : 0L, key -> !key.equals("b"));

        assertThat(split.accepted()).isEmpty();
        assertThat(split.ignored()).isEqualTo(2);
    }

    @Test
    void aRecordCarriesItsPositionAndTypeAsTheRelaysKafkaCopyDoesAndATimestampTheKafkaMetersSkip() {
        Handoff.Received r = received("a", 12, 7);

        assertThat(new String(r.record().headers().lastHeader(Position.KAFKA_POSITION_HEADER).value()))
                .isEqualTo("agent-service:12");
        assertThat(new String(r.record().headers().lastHeader(OutboxRelay.TYPE_HEADER).value()))
                .isEqualTo("ClusterDeleted");
        assertThat(r.record().key()).isEqualTo("a");
        assertThat(r.record().value().payload()).isInstanceOf(ClusterDeleted.class);
        assertThat(r.record().timestampType()).isNotEqualTo(TimestampType.CREATE_TIME);
    }
}
