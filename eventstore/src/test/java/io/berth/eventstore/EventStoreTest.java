package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.ClusterEvent.ClusterSettingsUpdated;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.Shapes.KeyValue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventStoreTest {

    @Inject
    EventStore store;

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Test
    void appendedEventsAreReadBackInOrderWithTheirEnvelope() {
        String arn = Fixtures.newClusterArn();
        UUID correlation = UUID.randomUUID();
        List<EventEnvelope> appended = QuarkusTransaction.requiringNew().call(() -> store.append(
                Fixtures.stream(arn), 0,
                List.of(Fixtures.created(arn), new ClusterSettingsUpdated(arn, List.of(new KeyValue("a", "b")))),
                EventContext.of("123456789012", "eu-west-1", correlation)));

        List<EventEnvelope> read = store.readStream(arn);

        assertThat(read).containsExactlyElementsOf(appended);
        assertThat(read).extracting(EventEnvelope::aggregateVersion).containsExactly(1L, 2L);
        assertThat(read.get(0).type()).isEqualTo("ClusterCreated");
        assertThat(read.get(1).account()).isEqualTo("123456789012");
        assertThat(read.get(1).correlationId()).isEqualTo(correlation);
        assertThat(store.currentVersion(arn)).isEqualTo(2);
    }

    @Test
    void twoConcurrentAppendersToOneStreamExactlyOneWins() throws Exception {
        String arn = Fixtures.newClusterArn();
        CyclicBarrier bothInTransaction = new CyclicBarrier(2);
        Callable<List<EventEnvelope>> appender = () -> QuarkusTransaction.requiringNew().call(() -> {
            assertThat(store.currentVersion(arn)).isZero();
            bothInTransaction.await(10, TimeUnit.SECONDS);
            return store.append(Fixtures.stream(arn), 0, List.of(Fixtures.created(arn)), Fixtures.CONTEXT);
        });

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<EventEnvelope>> first = pool.submit(appender);
            Future<List<EventEnvelope>> second = pool.submit(appender);
            int won = 0;
            int conflicted = 0;
            for (Future<List<EventEnvelope>> result : List.of(first, second)) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                    won++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(StreamVersionConflictException.class);
                    conflicted++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(conflicted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.readStream(arn)).hasSize(1);
    }

    @Test
    void aStaleExpectedVersionIsATypedConflictAndWritesNothing() {
        String arn = Fixtures.newClusterArn();
        QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                List.of(Fixtures.created(arn)), Fixtures.CONTEXT));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                List.of(new ClusterDeleted(arn)), Fixtures.CONTEXT)))
                .isInstanceOf(StreamVersionConflictException.class)
                .hasMessageContaining("no longer at version 0");

        assertThat(store.readStream(arn)).extracting(EventEnvelope::type).containsExactly("ClusterCreated");
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        String arn = Fixtures.newClusterArn();
        assertThatThrownBy(() -> store.append(Fixtures.stream(arn), 0, List.of(Fixtures.created(arn)),
                Fixtures.CONTEXT)).isInstanceOf(jakarta.transaction.TransactionalException.class);
        assertThat(store.readStream(arn)).isEmpty();
    }

    @Test
    void aStreamCanBeReadAsOfAPastInstant() {
        String arn = Fixtures.newClusterArn();
        QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 0,
                List.of(Fixtures.created(arn)), Fixtures.CONTEXT));
        Instant between = store.readStream(arn).get(0).occurredAt();
        org.awaitility.Awaitility.await().until(() -> Instant.now().isAfter(between));
        QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(arn), 1,
                List.of(new ClusterDeleted(arn)), Fixtures.CONTEXT));

        assertThat(store.readStream(arn, between)).extracting(EventEnvelope::type).containsExactly("ClusterCreated");
        assertThat(store.readStream(arn, Instant.now())).hasSize(2);
    }
    @Test
    void appendAllWritesManyStreamsAndChainsRepeatedOnesInOrder() {
        String first = Fixtures.newClusterArn();
        String second = Fixtures.newClusterArn();
        List<EventEnvelope> appended = QuarkusTransaction.requiringNew().call(() -> store.appendAll(List.of(
                new EventStore.Append(Fixtures.stream(first), 0, List.of(Fixtures.created(first)), Fixtures.CONTEXT),
                new EventStore.Append(Fixtures.stream(second), 0, List.of(Fixtures.created(second)), Fixtures.CONTEXT),
                new EventStore.Append(Fixtures.stream(first), 1, List.of(new ClusterDeleted(first)),
                        Fixtures.CONTEXT))));

        assertThat(appended).extracting(EventEnvelope::aggregateId).containsExactly(first, second, first);
        assertThat(store.readStream(first)).extracting(EventEnvelope::type, EventEnvelope::aggregateVersion)
                .containsExactly(tuple("ClusterCreated", 1L), tuple("ClusterDeleted", 2L));
        assertThat(store.currentVersions(List.of(first, second, Fixtures.newClusterArn())))
                .containsExactlyInAnyOrderEntriesOf(Map.of(first, 2L, second, 1L));
    }

    @Test
    void oneStaleStreamFailsAppendAllAndWritesNothing() {
        String existing = Fixtures.newClusterArn();
        String fresh = Fixtures.newClusterArn();
        QuarkusTransaction.requiringNew().run(() -> store.append(Fixtures.stream(existing), 0,
                List.of(Fixtures.created(existing)), Fixtures.CONTEXT));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> store.appendAll(List.of(
                new EventStore.Append(Fixtures.stream(fresh), 0, List.of(Fixtures.created(fresh)), Fixtures.CONTEXT),
                new EventStore.Append(Fixtures.stream(existing), 0, List.of(new ClusterDeleted(existing)),
                        Fixtures.CONTEXT)))))
                .isInstanceOf(StreamVersionConflictException.class)
                .hasMessageContaining(existing);

        assertThat(store.readStream(fresh)).isEmpty();
        assertThat(store.readStream(existing)).hasSize(1);
    }

    @Test
    void theInboxTellsABatchWhichIdsAreNew() {
        UUID seen = UUID.randomUUID();
        UUID unseen = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> assertThat(inbox.firstDelivery("batch-test", seen)).isTrue());

        Set<UUID> fresh = QuarkusTransaction.requiringNew().call(() -> inbox.firstDeliveries("batch-test",
                List.of(seen, unseen)));

        assertThat(fresh).containsExactly(unseen);
        assertThat(QuarkusTransaction.requiringNew().call(() -> inbox.firstDeliveries("batch-test",
                List.of(seen, unseen)))).isEmpty();
    }

    @Test
    void anAppendWritesItsEventsAndTheirOutboxRowsInOrderWithTheirJsonIntact() throws Exception {
        String first = Fixtures.newClusterArn();
        String second = Fixtures.newClusterArn();
        // Quotes, a backslash, a brace and non-ASCII letters travel through the statement's arrays.
        ClusterSettingsUpdated awkward = new ClusterSettingsUpdated(first,
                List.of(new KeyValue("a\"b", "c\\d {e} ünï, \u00e9")));
        List<EventEnvelope> appended = QuarkusTransaction.requiringNew().call(() -> store.appendAll(List.of(
                new EventStore.Append(Fixtures.stream(first), 0, List.of(Fixtures.created(first), awkward),
                        Fixtures.CONTEXT),
                new EventStore.Append(Fixtures.stream(second), 0, List.of(Fixtures.created(second)),
                        EventContext.of(null, null, null)))));

        assertThat(store.readStream(first)).containsExactlyElementsOf(appended.subList(0, 2));
        assertThat(store.readStream(second)).containsExactly(appended.get(2));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select event_id, envelope from es_outbox where message_key = any(?) order by id")) {
            s.setArray(1, c.createArrayOf("text", new Object[] {first, second}));
            List<EventEnvelope> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    EventEnvelope row = EventJson.fromBytes(rs.getBytes(2));
                    assertThat(row.eventId()).isEqualTo(rs.getObject(1, UUID.class));
                    rows.add(row);
                }
            }
            assertThat(rows).containsExactlyElementsOf(appended);
        }
    }

    @Test
    void appendingToTheEndTakesTheVersionsAfterTheLastEvent() {
        String arn = Fixtures.newClusterArn();
        List<EventEnvelope> firstTwo = QuarkusTransaction.requiringNew().call(() -> store.appendToEnd(
                Fixtures.stream(arn), List.of(Fixtures.created(arn), new ClusterSettingsUpdated(arn, List.of())),
                Fixtures.CONTEXT));
        List<EventEnvelope> third = QuarkusTransaction.requiringNew().call(() -> store.appendToEnd(
                Fixtures.stream(arn), List.of(new ClusterDeleted(arn)), Fixtures.CONTEXT));

        assertThat(firstTwo).extracting(EventEnvelope::aggregateVersion).containsExactly(1L, 2L);
        assertThat(third).extracting(EventEnvelope::aggregateVersion).containsExactly(3L);
        assertThat(store.readStream(arn)).containsExactly(firstTwo.get(0), firstTwo.get(1), third.get(0));
    }

    @Test
    void aKeyLockedAgainInItsTransactionStaysLockedUntilTheCommit() {
        String key = Fixtures.newClusterArn();
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.lock(List.of(key));
            outbox.lock(List.of(key, key));
            assertThat(tryLockElsewhere(key)).isFalse();
        });
        assertThat(tryLockElsewhere(key)).isTrue();
    }

    /**
     * Takes and at once releases the key's lock on a session of its own (another thread, outside any
     * transaction); false if another session holds it.
     */
    private boolean tryLockElsewhere(String key) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
                s.setString(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).join();
    }
}
