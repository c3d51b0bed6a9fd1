package io.berth.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.EventEnvelope;
import io.berth.events.SchedulerCommand;
import io.berth.events.SchedulerCommand.FollowInstanceChanges;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.berth.scheduler.task.SchedulerDriver;
import io.berth.scheduler.task.TaskView;
import io.berth.testsupport.TestPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Container instances' changes stored by a scheduler that does not decide their cluster (ADR 0056), through the
 * real broker and database: the owner is told in a {@link FollowInstanceChanges} command written with them, and
 * the owner that decides one reads the instances into its placement index and tries again what waited for
 * capacity. Two processes are {@code SchedulerFailoverIT}'s; here one process plays both sides in turn.
 */
@QuarkusTest
class InstancesDecidedElsewhereTest {

    SchedulerDriver driver = new SchedulerDriver();

    @Inject
    PartitionOwnership ownership;

    @AfterEach
    void close() {
        driver.close();
    }

    private List<String> wanted() {
        return driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"serviceName\":\"web\"}")
                .extract().jsonPath().getList("taskArns", String.class);
    }

    private static boolean stored(String instanceArn) {
        return QuarkusTransaction.requiringNew().call(() -> InstanceRecord.findById(instanceArn) != null);
    }

    @Test
    void anInstanceRegisteredInAClusterDecidedElsewhereIsToldToTheOwner() {
        String instance = driver.ecs.arn("container-instance/" + driver.clusterName + "/i0");
        List<EventEnvelope> sent = driver.toldTheOwner(ownership, FollowInstanceChanges.class,
                () -> driver.instance("i0", 1024, 256, "eu-west-1a"));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).aggregateType()).isEqualTo(SchedulerCommand.STREAM_TYPE);
        assertThat(((FollowInstanceChanges) sent.get(0).payload()).containerInstanceArns()).containsExactly(instance);
        assertThat(stored(instance)).isTrue();
    }

    @Test
    void theOwnerPlacesOnAnInstanceItIsToldOf() {
        driver.instance("i0", 1024, 256, "eu-west-1a");
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(driver.ecs.arn("container-instance/"
                + driver.clusterName + "/i0")));
        // Room for one of the two tasks.
        assertThat(driver.send(driver.service("CreateService", "{\"serviceName\":\"web\",\"desiredCount\":2,"
                + "\"taskDefinition\":\"web\"}", SchedulerDriver.definition("web", 256, null))).errorType()).isNull();
        await().atMost(Duration.ofSeconds(30)).until(this::wanted, t -> t.size() == 1);

        // A second instance stored as another scheduler stores it: in the projection, not in this one's index.
        String second = driver.ecs.arn("container-instance/" + driver.clusterName + "/i1");
        InstanceRegistered registered = new InstanceRegistered(driver.clusterArn, second, "i-i1", null,
                List.of(new Resource("CPU", "INTEGER", 1024L, null), new Resource("MEMORY", "INTEGER", 256L, null)),
                List.of(new Attribute("ecs.availability-zone", "eu-west-1b", null, null)), null, List.of());
        QuarkusTransaction.requiringNew().run(() -> {
            InstanceRecord record = new InstanceRecord();
            record.containerInstanceArn = second;
            record.registeredAt = Instant.now();
            record.register(registered, 1);
            record.persist();
        });

        try (TestPublisher publisher = new TestPublisher()) {
            publisher.publish(TestPublisher.envelope(SchedulerCommand.STREAM_TYPE, UUID.randomUUID().toString(), 1,
                    driver.ecs.account(), new FollowInstanceChanges(driver.clusterArn, List.of(second))));
        }
        List<String> both = await().atMost(Duration.ofSeconds(30)).until(this::wanted, t -> t.size() == 2);
        assertThat(both.stream().map(task -> QuarkusTransaction.requiringNew()
                .call(() -> TaskView.<TaskView>findById(task)).containerInstanceArn)).contains(second);
    }
}
