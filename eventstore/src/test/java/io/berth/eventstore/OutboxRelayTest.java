package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.Shapes.Tag;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox against the real broker. The background relay is off in these tests; each test plays
 * the relay itself, including relays that die at the worst moments.
 */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    EventStore store;
    @Inject
    OutboxRelay relay;
    @Inject
    Inbox inbox;
    @Inject
    DataSource dataSource;
    @Inject
    OutboxConfig config;
    @Inject
    OutboxSignal signal;
    @Inject
    Outbox outbox;
    @Inject
    OutboxMetrics metrics;

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
    void committedEventsArePublishedKeyedByClusterInVersionOrderAndLeaveTheOutbox() {
        String arn = Fixtures.newClusterArn();
        QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                List.of(Fixtures.created(arn), new ClusterDeleted(arn)), Fixtures.CONTEXT));

        Fixtures.drain(relay);

        List<ConsumerRecord<String, EventEnvelope>> records = await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.poll().stream().filter(r -> arn.equals(r.key())).toList(), r -> r.size() == 2);
        assertThat(records).extracting(r -> r.value().type()).containsExactly("ClusterCreated", "ClusterDeleted");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        assertThat(new String(records.get(0).headers().lastHeader(OutboxRelay.TYPE_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("ClusterCreated");
        assertThat(records.get(0).value()).isEqualTo(store.readStream(arn).get(0));
        assertThat(rowsOf(arn)).isZero();
    }

    @Test
    void aBatchTheBrokerRefusesStaysInTheOutboxAndIsSentAgain() {
        String arn = Fixtures.newClusterArn();
        QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                List.of(Fixtures.created(arn)), Fixtures.CONTEXT));
        // Behind it in the same batch, a record above the producer's max.request.size (1 MB): the broker
        // acknowledges the cluster's record, never this one.
        String refused = "refused-" + UUID.randomUUID();
        update("insert into es_outbox (topic, message_key, event_id, event_type, envelope) values (?, ?, ?, ?, ?)",
                Topics.CLUSTER_EVENTS, refused, UUID.randomUUID(), "ClusterCreated", new byte[1_100_000]);
        try {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(relay::publishBatch))
                    .isInstanceOf(EventStoreException.class).hasMessageContaining("did not acknowledge");
            assertThat(unpublishedRowsOf(arn)).isEqualTo(1);
        } finally {
            update("delete from es_outbox where message_key = ?", refused);
        }

        Fixtures.drain(relay);
        List<EventEnvelope> delivered = await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.poll(e -> arn.equals(e.aggregateId())), d -> d.size() == 2);
        assertThat(delivered.get(0).eventId()).isEqualTo(delivered.get(1).eventId());
        assertThat(rowsOf(arn)).isZero();
    }

    @Test
    void aPositiveRetentionKeepsPublishedRowsMarkedAndARelayWithoutOneClearsThem() throws Exception {
        OutboxRelay keeping = relayRetaining(Duration.ofHours(1));
        OutboxRelay deleting = relayRetaining(Duration.ZERO);
        try {
            String arn = Fixtures.newClusterArn();
            QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                    List.of(Fixtures.created(arn)), Fixtures.CONTEXT));

            Fixtures.drain(keeping);
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.poll(e -> arn.equals(e.aggregateId())),
                    d -> d.size() == 1);
            assertThat(unpublishedRowsOf(arn)).isZero();
            assertThat(rowsOf(arn)).isEqualTo(1);

            // A relay whose retention is zero finds the outbox empty and deletes what the other one marked.
            assertThat(QuarkusTransaction.requiringNew().call(deleting::publishBatch)).isZero();
            assertThat(rowsOf(arn)).isZero();
        } finally {
            keeping.stop(null);
            deleting.stop(null);
        }
    }

    @Test
    void theRelaysRecordsReachTheBrokerCompressed() throws Exception {
        String arn = Fixtures.newClusterArn();
        List<Tag> tags = IntStream.range(0, 60).mapToObj(i -> new Tag("team-" + i, "platform-engineering")).toList();
        ClusterCreated created = new ClusterCreated(arn, arn.substring(arn.lastIndexOf('/') + 1), List.of(), List.of(),
                List.of(), tags, null, null);
        QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0, List.of(created),
                Fixtures.CONTEXT));
        long envelope = count("select sum(octet_length(envelope)) from es_outbox where message_key = ?", arn);
        long before = logBytesOf(Topics.CLUSTER_EVENTS);

        Fixtures.drain(relay);

        await().atMost(Duration.ofSeconds(20)).until(() -> probe.poll(e -> arn.equals(e.aggregateId())),
                d -> d.size() == 1);
        // Uncompressed, the log grows by the envelope and the record's key, headers and framing; lz4 shrinks the
        // envelope's repeated tag names below its own size.
        long grown = logBytesOf(Topics.CLUSTER_EVENTS) - before;
        assertThat(grown).isPositive().isLessThan(envelope);
    }

    @Test
    void aRolledBackAppendNeverReachesTheOutbox() {
        String arn = Fixtures.newClusterArn();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            store.append(Fixtures.stream(arn), 0, List.of(Fixtures.created(arn)), Fixtures.CONTEXT);
            throw new IllegalStateException("the caller's projection update failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.readStream(arn)).isEmpty();
        assertThat(rowsOf(arn)).isZero();
    }

    @Test
    void aRelayKilledBetweenCommitAndPublishLosesNothing() {
        String arn = Fixtures.newClusterArn();
        // Committed, and the relay that would have published it is gone.
        QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                List.of(Fixtures.created(arn)), Fixtures.CONTEXT));
        assertThat(unpublishedRowsOf(arn)).isEqualTo(1);

        // A relay that dies after the broker has the records but before its commit deletes them.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            relay.publishBatch();
            throw new IllegalStateException("relay killed before its commit");
        })).hasMessageContaining("relay killed");
        assertThat(unpublishedRowsOf(arn)).isEqualTo(1);

        // The next relay publishes it again; the consumer sees a duplicate and applies it once.
        Fixtures.drain(relay);
        List<EventEnvelope> delivered = await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.poll(e -> arn.equals(e.aggregateId())), d -> d.size() == 2);
        assertThat(delivered.get(0).eventId()).isEqualTo(delivered.get(1).eventId());

        String consumer = "test-consumer-" + UUID.randomUUID();
        for (EventEnvelope event : delivered) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (inbox.firstDelivery(consumer, event.eventId())) {
                    recordEffect(consumer, event.eventId());
                }
            });
        }
        assertThat(effectsOf(consumer)).isEqualTo(1);
        assertThat(rowsOf(arn)).isZero();
    }

    @Test
    void anEffectThatRollsBackLeavesTheEventUnprocessedForTheRedelivery() {
        UUID eventId = UUID.randomUUID();
        String consumer = "test-consumer-" + UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            assertThat(inbox.firstDelivery(consumer, eventId)).isTrue();
            recordEffect(consumer, eventId);
            throw new IllegalStateException("consumer crashed");
        })).isInstanceOf(IllegalStateException.class);

        boolean first = QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(consumer, eventId));
        assertThat(first).isTrue();
        assertThat(effectsOf(consumer)).isZero();
    }

    /** The bytes of every partition of the topic in the broker's log directories. */
    private static long logBytesOf(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().kafkaBootstrapServers()))) {
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(List.of(1)).allDescriptions().get()
                    .values()) {
                for (LogDirDescription dir : dirs.values()) {
                    bytes += dir.replicaInfos().entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                            .mapToLong(e -> e.getValue().size()).sum();
                }
            }
            return bytes;
        }
    }

    /** A relay as the injected one, but for its retention, with its own producer; {@code stop} closes it. */
    private OutboxRelay relayRetaining(Duration retention) {
        OutboxConfig retaining = FixedOutboxConfig.of(config).relaying(false).retaining(retention);
        return new OutboxRelay(dataSource, retaining, signal, outbox,
                SharedInfrastructure.get().kafkaBootstrapServers(), metrics);
    }

    private void update(String sql, Object... parameters) {
        Fixtures.update(dataSource, sql, parameters);
    }

    private long unpublishedRowsOf(String arn) {
        return count("select count(*) from es_outbox where message_key = ? and published_at is null", arn);
    }

    private long rowsOf(String arn) {
        return count("select count(*) from es_outbox where message_key = ?", arn);
    }

    private long effectsOf(String consumer) {
        return count("select count(*) from test_effect where consumer = ?", consumer);
    }

    private void recordEffect(String consumer, UUID eventId) {
        update("insert into test_effect values (?, ?)", eventId, consumer);
    }

    private long count(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
