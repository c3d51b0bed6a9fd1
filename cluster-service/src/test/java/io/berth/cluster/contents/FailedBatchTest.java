package io.berth.cluster.contents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.Topics;
import io.berth.eventstore.ChannelRetries;
import io.berth.eventstore.Position;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.TestPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A channel survives a batch that failed (ADR 0070), through the real broker and database: a service's
 * creation that awaits an instance's registration not yet applied fails once its wait (5 s, the
 * default {@code berth.read-your-writes.max-wait}) runs out, and is applied once the registration is;
 * the channel then applies what follows. With SmallRye's {@code fail} strategy alone the first failure
 * stopped the channel for good.
 */
@QuarkusTest
class FailedBatchTest {

    @Inject
    MeterRegistry registry;

    EcsCalls ecs = EcsCalls.newAccount();
    TestPublisher publisher = new TestPublisher();

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void aRecordWhoseAwaitedPositionArrivesLateIsAppliedAndTheChannelGoesOn() {
        ecs.ok("CreateCluster", "{\"clusterName\":\"late\"}");
        String cluster = ecs.arn("cluster/late");
        String instance = ecs.arn("container-instance/late/0123456789abcdef0123456789abcdef");
        String agentService = "agent-service-" + UUID.randomUUID();
        Position registration = new Position(Topics.CONTAINER_INSTANCE_EVENTS, agentService, cluster, 1);
        double failedBefore = failedAttempts();

        publisher.publish(created(cluster, "web"),
                Map.of(Position.KAFKA_AWAIT_HEADER, Position.format(List.of(registration))));
        await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts() > failedBefore);
        assertThat(counter("late", "activeServicesCount")).isZero();

        publisher.publish(TestPublisher.envelope("container-instance", instance, 1, ecs.account(),
                new InstanceRegistered(cluster, instance, "i-1", null, List.of(), List.of(), null, List.of())),
                Map.of(Position.KAFKA_POSITION_HEADER, agentService + ":1"));
        awaitCounter("late", "registeredContainerInstancesCount", 1);
        awaitCounter("late", "activeServicesCount", 1);

        publisher.publish(created(cluster, "api"));
        awaitCounter("late", "activeServicesCount", 2);
    }

    private EventEnvelope created(String cluster, String name) {
        String service = ecs.arn("service/late/" + name);
        return TestPublisher.envelope("service", service, 1, ecs.account(),
                new ServiceCreated(cluster, service, name, null, 1, "REPLICA", "EC2", null, List.of(), List.of()));
    }

    private double failedAttempts() {
        Counter counter = registry.find(ChannelRetries.RETRIES).tag("consumer", ClusterContentsConsumer.CONSUMER)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private int counter(String cluster, String counter) {
        return ecs.ok("DescribeClusters", "{\"clusters\":[\"" + cluster + "\"]}").extract().jsonPath()
                .getInt("clusters[0]." + counter);
    }

    private void awaitCounter(String cluster, String counter, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> counter(cluster, counter) == expected);
    }
}
