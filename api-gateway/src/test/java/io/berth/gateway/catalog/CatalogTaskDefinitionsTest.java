package io.berth.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.TaskDefinitionRevision;
import io.berth.events.EventJson;
import io.berth.events.Topics;
import io.berth.eventstore.AccountsForgotten;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What the gateway holds of the catalog's task definitions, and when it reads the table instead. */
class CatalogTaskDefinitionsTest {

    private static final String PREFIX = "arn:aws:ecs:eu-west-1:123456789012:task-definition/";
    private static final String WEB = PREFIX + "web";
    private static final String WEB_1 = PREFIX + "web:1";
    private static final String API = PREFIX + "api";
    private static final String OTHER_ACCOUNTS = "arn:aws:ecs:eu-west-1:210987654321:task-definition/web";

    private final CatalogTaskDefinitions definitions = new CatalogTaskDefinitions();
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final AtomicInteger tableReads = new AtomicInteger();

    CatalogTaskDefinitionsTest() {
        consumer.updatePartitions(Topics.TASK_DEFINITION_EVENTS, List.of(partition(0), partition(1)));
    }

    private static PartitionInfo partition(int partition) {
        return new PartitionInfo(Topics.TASK_DEFINITION_EVENTS, partition, null, null, null);
    }

    private void assign(int... partitions) {
        definitions.onPartitionsAssigned(consumer, java.util.Arrays.stream(partitions)
                .mapToObj(p -> new TopicPartition(Topics.TASK_DEFINITION_EVENTS, p)).toList());
    }

    private static TaskDefinitionRevision revision(int revision) {
        ObjectNode definition = EventJson.mapper().createObjectNode().put("revision", revision);
        return new TaskDefinitionRevision(definition, List.of());
    }

    /** The table's row, counted. */
    private Supplier<Optional<TaskDefinitionRevision>> table(int revision) {
        return () -> {
            tableReads.incrementAndGet();
            return Optional.of(revision(revision));
        };
    }

    private int revisionOf(String key, int inTable) {
        return definitions.revision(key, table(inTable)).orElseThrow().definition().path("revision").asInt();
    }

    @Test
    void withEveryPartitionHereALookupReadsTheTableOnceUntilABatchChangesItsFamily() {
        assign(0, 1);

        assertThat(revisionOf(WEB, 1)).isEqualTo(1);
        assertThat(revisionOf(WEB, 2)).isEqualTo(1);
        assertThat(revisionOf(WEB_1, 1)).isEqualTo(1);
        assertThat(revisionOf(API, 7)).isEqualTo(7);
        assertThat(tableReads).hasValue(3);

        // A batch of the family web: its latest and its revisions go, another family stays.
        definitions.changed(Set.of(WEB));
        assertThat(revisionOf(WEB, 2)).isEqualTo(2);
        assertThat(revisionOf(WEB_1, 3)).isEqualTo(3);
        assertThat(revisionOf(API, 8)).isEqualTo(7);
        assertThat(tableReads).hasValue(5);
    }

    @Test
    void withSomePartitionsElsewhereEveryLookupReadsTheTable() {
        assign(1);

        assertThat(revisionOf(WEB, 1)).isEqualTo(1);
        assertThat(revisionOf(WEB, 2)).isEqualTo(2);
        assertThat(tableReads).hasValue(2);
    }

    @Test
    void aRowReadAcrossABatchOfItsFamilyIsAnsweredButNotKept() {
        assign(0, 1);

        assertThat(definitions.revision(WEB, () -> {
            definitions.changed(Set.of(WEB));
            return Optional.of(revision(1));
        })).isPresent();

        assertThat(revisionOf(WEB, 2)).isEqualTo(2);
    }

    @Test
    void aResetDropsTheAccountsTaskDefinitionsOnly() {
        assign(0, 1);
        assertThat(revisionOf(WEB, 1)).isEqualTo(1);
        assertThat(revisionOf(OTHER_ACCOUNTS, 1)).isEqualTo(1);

        definitions.forget(new AccountsForgotten("123456789012"));

        assertThat(revisionOf(WEB, 2)).isEqualTo(2);
        assertThat(revisionOf(OTHER_ACCOUNTS, 2)).as("another account's, still held").isEqualTo(1);
    }

    @Test
    void pastItsCapacityTheOthersAreReadFromTheTableEachTime() {
        assign(0, 1);
        for (int i = 0; i < CatalogTaskDefinitions.CAPACITY; i++) {
            revisionOf(PREFIX + "f" + i, 1);
        }
        tableReads.set(0);

        assertThat(revisionOf(PREFIX + "f0", 2)).as("held").isEqualTo(1);
        assertThat(revisionOf(WEB, 1)).isEqualTo(1);
        assertThat(revisionOf(WEB, 2)).as("not held: the table's").isEqualTo(2);
        assertThat(tableReads).hasValue(2);
    }

    @Test
    void aFamilyIsItsOwnFamilyAndARevisionNamesIts() {
        assertThat(CatalogTaskDefinitions.familyOf(WEB)).isEqualTo(WEB);
        assertThat(CatalogTaskDefinitions.familyOf(WEB_1)).isEqualTo(WEB);
    }
}
