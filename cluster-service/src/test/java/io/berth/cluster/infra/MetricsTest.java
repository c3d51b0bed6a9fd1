package io.berth.cluster.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.Topics;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.Scrape;
import io.berth.testsupport.TestPublisher;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service's meters as Prometheus reads them from {@code /q/metrics}: its API operations by
 * name, what its outbox published, and the lag and delays of its consumers per topic.
 */
@QuarkusTest
class MetricsTest {

    private static final String CALLS = "berth_api_requests_seconds_count";

    EcsCalls ecs = EcsCalls.newAccount();

    @Test
    void countsEachOperationByNameStatusAndError() {
        Map<String, String> created = Map.of("api", "ecs", "operation", "CreateCluster", "status", "200",
                "error", "none");
        Map<String, String> refused = Map.of("api", "ecs", "operation", "CreateCluster", "status", "400",
                "error", "InvalidParameterException");
        Scrape before = Scrape.now();

        ecs.ok("CreateCluster", "{\"clusterName\":\"metered\"}");
        ecs.ok("CreateCluster", "{\"clusterName\":\"metered-too\"}");
        ecs.error("CreateCluster", "{\"clusterName\":\"no spaces\"}", "InvalidParameterException");

        Scrape after = Scrape.now();
        assertThat(after.sum(CALLS, created) - before.sum(CALLS, created)).isEqualTo(2);
        assertThat(after.sum(CALLS, refused) - before.sum(CALLS, refused)).isEqualTo(1);
        assertThat(after.sum("berth_api_requests_seconds_bucket", Map.of("operation", "CreateCluster", "le", "+Inf")))
                .isEqualTo(after.sum(CALLS, Map.of("operation", "CreateCluster")));
        assertThat(after.samples(CALLS, Map.of())).allSatisfy(s -> assertThat(s.labels().get("operation"))
                .doesNotContain("/"));
    }

    @Test
    void theOutboxReportsWhatItPublishedAndWhatIsLeft() {
        double published = Scrape.now().sum("berth_outbox_published_total", Map.of());

        ecs.ok("CreateCluster", "{\"clusterName\":\"published\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape after = Scrape.now();
            assertThat(after.sum("berth_outbox_published_total", Map.of())).isGreaterThan(published);
            assertThat(after.sum("berth_outbox_delay_seconds_count", Map.of())).isGreaterThan(0);
            assertThat(after.samples("berth_outbox_pending", Map.of())).hasSize(1);
        });
    }

    @Test
    void eachConsumedTopicHasItsLagAndItsConsumersDelaysOnceItsEventsArrive() {
        String cluster = ecs.arn("cluster/lagging");
        String instance = ecs.arn("container-instance/lagging/0123456789abcdef0123456789abcdef");
        ecs.ok("CreateCluster", "{\"clusterName\":\"lagging\"}");

        try (TestPublisher publisher = new TestPublisher()) {
            publisher.publish(TestPublisher.envelope("container-instance", instance, 1, ecs.account(),
                    new InstanceRegistered(cluster, instance, "i-1", null, List.of(), List.of(), null, List.of())));
        }

        // Read up to the event just published: the topic's lag is there, and nothing is left.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ecs.ok("DescribeClusters", "{\"clusters\":[\"lagging\"]}")
                    .body("clusters[0].registeredContainerInstancesCount", equalTo(1));
            Scrape scrape = Scrape.now();
            assertThat(scrape.samples("berth_consumer_lag", Map.of("topic", Topics.CONTAINER_INSTANCE_EVENTS)))
                    .singleElement().satisfies(s -> assertThat(s.value()).isZero());
            // The event's way here, from its send to the consumer's code and to its commit.
            Map<String, String> leg = Map.of("topic", Topics.CONTAINER_INSTANCE_EVENTS, "consumer", "cluster-contents");
            assertThat(scrape.sum("berth_consumer_received_seconds_count", leg)).isGreaterThanOrEqualTo(1);
            assertThat(scrape.sum("berth_consumer_applied_seconds_count", leg)).isGreaterThanOrEqualTo(1);
            assertThat(scrape.sum("berth_consumer_applied_seconds_sum", leg))
                    .isGreaterThanOrEqualTo(scrape.sum("berth_consumer_received_seconds_sum", leg));
        });
    }
}
