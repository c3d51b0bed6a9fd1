package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.ClusterEvent;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.eventstore.EventConsumer.Selection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A reset of one account against the real database (ADR 0034): its streams go and no other account's;
 * while it runs the account's events are applied as nothing; afterwards a writer's events up to its
 * fence stay forgotten and its later ones are applied.
 */
@QuarkusTest
class AccountResetsTest {

    private static final String WRITER = "other-service";

    @Inject
    AccountResets resets;

    @Inject
    EventConsumer consumer;

    @Inject
    EventStore store;

    private static String newAccount() {
        return String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000L));
    }

    private static String clusterArn(String account) {
        return "arn:aws:ecs:us-east-1:" + account + ":cluster/reset-" + UUID.randomUUID();
    }

    private static ConsumerRecord<String, EventEnvelope> recordAt(String account, long position) {
        String arn = clusterArn(account);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Position.KAFKA_POSITION_HEADER, (WRITER + ":" + position).getBytes(StandardCharsets.UTF_8));
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "ClusterCreated", "cluster", arn, 1, account,
                "us-east-1", Instant.now(), null, null, 1, Fixtures.created(arn));
        return new ConsumerRecord<>(Topics.CLUSTER_EVENTS, 0, position, 0L, TimestampType.CREATE_TIME, 0, 0, arn,
                envelope, headers, java.util.Optional.empty());
    }

    /** The accounts whose events of {@code records} the consumer skeleton applied. */
    private List<String> applied(List<ConsumerRecord<String, EventEnvelope>> records) {
        List<String> accounts = new ArrayList<>();
        consumer.consume("reset-test", records, Selection.of(ClusterEvent.class), fresh -> {
            fresh.forEach(d -> accounts.add(d.envelope().account()));
            return EventConsumer.NOTHING_LEFT;
        });
        return accounts;
    }

    private String streamOf(String account) {
        String arn = clusterArn(account);
        QuarkusTransaction.requiringNew().run(() -> store.appendToEnd(Fixtures.stream(arn),
                List.of(Fixtures.created(arn)), EventContext.of(account, "us-east-1", UUID.randomUUID())));
        return arn;
    }

    @Test
    void theAccountIsForgottenHeldBackWhileItResetsAndFencedAfter() {
        String reset = newAccount();
        String kept = newAccount();
        String resetStream = streamOf(reset);
        String keptStream = streamOf(kept);

        resets.begin(reset);
        assertThat(store.readStream(resetStream)).isEmpty();
        assertThat(store.readStream(keptStream)).hasSize(1);
        assertThat(applied(List.of(recordAt(reset, 5), recordAt(kept, 6)))).containsExactly(kept);

        resets.finish(reset, List.of(new AccountResets.Mark(WRITER, 10), resets.mark()));
        assertThat(applied(List.of(recordAt(reset, 10)))).as("written before the reset").isEmpty();
        assertThat(applied(List.of(recordAt(reset, 11), recordAt(kept, 7)))).containsExactly(reset, kept);
    }
}
