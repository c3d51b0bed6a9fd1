package io.berth.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.scheduler.ownership.PartitionOwnership.OwnershipChanged;
import io.berth.scheduler.placement.InstanceRecord;
import io.berth.scheduler.service.ServiceTask;
import io.berth.scheduler.task.SchedulerDriver;
import io.berth.scheduler.task.TaskView;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's tasks a pass decides on come from memory that follows the committed task changes,
 * through the real broker and database: a replacement, a scale-out and a scale-in are decided without
 * reading the task rows again, and what memory holds is what the projection holds.
 */
@QuarkusTest
class ServiceTaskIndexesTest {

    @Inject
    ServiceTaskIndexes indexes;
    @Inject
    MeterRegistry registry;
    @Inject
    Event<OwnershipChanged> ownershipChanged;

    SchedulerDriver driver = new SchedulerDriver();
    Map<String, Long> versions = new HashMap<>();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void passesDecideOnTheCommittedChangesWithoutReadingTheTasksAgain() {
        for (int i = 0; i < 2; i++) {
            String arn = driver.instance("m" + i, 4096, 8192, "eu-west-1a");
            await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> InstanceRecord.findById(arn) != null));
        }
        assertThat(driver.send(driver.service("CreateService", "{\"serviceName\":\"mem\",\"desiredCount\":4,"
                + "\"taskDefinition\":\"mem\"}", SchedulerDriver.definition("mem", 64, null))).errorType()).isNull();
        List<String> first = awaitWanted(4);
        first.forEach(t -> report(t, "RUNNING"));
        awaitRunning(4);
        double loads = loads();

        // A task exits: it is replaced on what its report left in memory.
        report(first.get(0), "STOPPED");
        List<String> replaced = await().atMost(Duration.ofSeconds(30)).until(this::wanted,
                now -> now.size() == 4 && !now.contains(first.get(0)));
        replaced.stream().filter(t -> !first.contains(t)).forEach(t -> report(t, "RUNNING"));
        awaitRunning(4);

        update(7);
        List<String> wider = awaitWanted(7);
        wider.stream().filter(t -> !replaced.contains(t)).forEach(t -> report(t, "RUNNING"));
        awaitRunning(7);

        update(2);
        List<String> left = awaitWanted(2);
        wider.stream().filter(t -> !left.contains(t)).forEach(t -> report(t, "STOPPED"));
        awaitRunning(2);

        assertThat(loads()).as("loads of the service tasks' memory").isEqualTo(loads);
        QuarkusTransaction.requiringNew().run(() -> {
            Instant since = Instant.now().minus(Duration.ofHours(1));
            List<ServiceTaskIndex.Entry> projected = TaskView.<TaskView>list("clusterArn = ?1 and group = ?2",
                    driver.clusterArn, "service:mem").stream().map(row -> new ServiceTaskIndex.Entry(
                            new ServiceTask(row.taskArn, row.startedBy, row.containerInstanceArn, row.lastStatus,
                                    row.desiredStatus, row.startedAt, row.healthStatus, row.stopCode),
                            row.capacityProvider, row.stoppedAt, row.version)).toList();
            assertThat(projected).hasSize(8);
            assertThat(indexes.of(driver.clusterArn, "service:mem", since))
                    .containsExactlyInAnyOrderElementsOf(projected);
        });

        // A rebalance drops the memory (an observer the index inherits); the next pass loads it again.
        ownershipChanged.fire(new OwnershipChanged());
        QuarkusTransaction.requiringNew().run(() -> assertThat(indexes.of(driver.clusterArn, "service:mem",
                Instant.now().minus(Duration.ofHours(1)))).hasSize(8));
        assertThat(loads()).isEqualTo(loads + 1);
    }

    private double loads() {
        return registry.get(ServiceTaskIndexes.LOADS).counter().count();
    }

    private void update(int desiredCount) {
        assertThat(driver.send(driver.service("UpdateService", "{\"service\":\"mem\",\"desiredCount\":"
                + desiredCount + "}", null)).errorType()).isNull();
    }

    private List<String> wanted() {
        return driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"serviceName\":\"mem\"}")
                .extract().jsonPath().getList("taskArns", String.class);
    }

    private List<String> awaitWanted(int count) {
        return await().atMost(Duration.ofSeconds(30)).until(this::wanted, tasks -> tasks.size() == count);
    }

    private void awaitRunning(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.ecs.ok("DescribeServices", "{\"cluster\":\""
                + driver.clusterName + "\",\"services\":[\"mem\"]}").extract().jsonPath()
                .getInt("services[0].runningCount"), running -> running == count);
    }

    /** Plays the agent: reports the task at its next version. */
    private void report(String taskArn, String status) {
        TaskView view = QuarkusTransaction.requiringNew().call(() -> TaskView.<TaskView>findById(taskArn));
        driver.report(taskArn, view.containerInstanceArn, versions.merge(taskArn, 1L, Long::sum), status,
                "STOPPED".equals(status) ? 0 : null);
    }
}
