package io.berth.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.berth.events.EventJson;
import io.berth.events.Topics;
import io.berth.eventstore.AccountsForgotten;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What the gateway holds of the catalog's clusters, and when it reads the table instead. */
class CatalogClustersTest {

    private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:cluster/web";
    private static final String OTHER_ACCOUNTS = "arn:aws:ecs:eu-west-1:210987654321:cluster/web";

    private final CatalogClusters clusters = new CatalogClusters();
    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final AtomicInteger tableReads = new AtomicInteger();

    CatalogClustersTest() {
        consumer.updatePartitions(Topics.CLUSTER_EVENTS, List.of(partition(0), partition(1), partition(2)));
    }

    private static PartitionInfo partition(int partition) {
        return new PartitionInfo(Topics.CLUSTER_EVENTS, partition, null, null, null);
    }

    private static CatalogClusters.Cluster cluster(String status) {
        ArrayNode none = EventJson.mapper().createArrayNode();
        return new CatalogClusters.Cluster(status, none, none);
    }

    /** The table's row, counted. */
    private Supplier<Optional<CatalogClusters.Cluster>> table(String status) {
        return () -> {
            tableReads.incrementAndGet();
            return Optional.of(cluster(status));
        };
    }

    private void assign(int... partitions) {
        clusters.onPartitionsAssigned(consumer, Arrays.stream(partitions)
                .mapToObj(p -> new TopicPartition(Topics.CLUSTER_EVENTS, p)).toList());
    }

    private String status(String arn, String inTable) {
        return clusters.cluster(arn, table(inTable)).orElseThrow().status();
    }

    @Test
    void withEveryPartitionHereAClusterIsReadFromTheTableOnceAndThenFollowsWhatThisInstanceApplies() {
        assign(0, 1, 2);

        assertThat(status(ARN, "ACTIVE")).isEqualTo("ACTIVE");
        assertThat(status(ARN, "ACTIVE")).isEqualTo("ACTIVE");
        assertThat(tableReads).hasValue(1);

        clusters.applied(Map.of(ARN, cluster("INACTIVE")), Set.of(ARN));
        assertThat(status(ARN, "ACTIVE")).isEqualTo("INACTIVE");
        assertThat(tableReads).hasValue(1);
    }

    @Test
    void withSomePartitionsElsewhereEveryCheckReadsTheTable() {
        assign(0, 2);

        assertThat(status(ARN, "ACTIVE")).isEqualTo("ACTIVE");
        clusters.applied(Map.of(ARN, cluster("ACTIVE")), Set.of(ARN));
        // Another gateway applied the deletion to the shared table.
        assertThat(status(ARN, "INACTIVE")).isEqualTo("INACTIVE");
        assertThat(tableReads).hasValue(2);
    }

    @Test
    void aChangeOfTheAssignmentDropsWhatIsHeld() {
        assign(0, 1, 2);
        assertThat(status(ARN, "ACTIVE")).isEqualTo("ACTIVE");

        clusters.onPartitionsRevoked(consumer, List.of(new TopicPartition(Topics.CLUSTER_EVENTS, 1)));
        assertThat(status(ARN, "INACTIVE")).isEqualTo("INACTIVE");
        assign(1);
        assertThat(status(ARN, "INACTIVE")).isEqualTo("INACTIVE");
        assertThat(status(ARN, "ACTIVE")).as("held again once every partition is here").isEqualTo("INACTIVE");
        assertThat(tableReads).hasValue(3);
    }

    @Test
    void aRecordThisInstanceDidNotChangeAnythingForDropsItsCluster() {
        assign(0, 1, 2);
        assertThat(status(ARN, "ACTIVE")).isEqualTo("ACTIVE");

        // Its event was applied to the table before, elsewhere: the inbox saw it as a redelivery.
        clusters.applied(Map.of(), Set.of(ARN));

        assertThat(status(ARN, "INACTIVE")).isEqualTo("INACTIVE");
    }

    @Test
    void aResetDropsTheAccountsClustersAndARowReadAcrossItIsNotKept() {
        assign(0, 1, 2);
        assertThat(status(ARN, "ACTIVE")).isEqualTo("ACTIVE");
        assertThat(status(OTHER_ACCOUNTS, "ACTIVE")).isEqualTo("ACTIVE");

        clusters.forget(new AccountsForgotten("123456789012"));
        assertThat(status(OTHER_ACCOUNTS, "INACTIVE")).as("another account's, still held").isEqualTo("ACTIVE");

        // The row was read before the reset's deletions and is answered, but not kept after it.
        assertThat(clusters.cluster(ARN, () -> {
            clusters.forget(new AccountsForgotten(null));
            return Optional.of(cluster("ACTIVE"));
        })).isPresent();
        assertThat(clusters.cluster(ARN, Optional::empty)).isEmpty();
    }
}
