package io.berth.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.EventEnvelope;
import io.berth.events.SchedulerCommand;
import io.berth.events.SchedulerCommand.FollowTaskReports;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.eventstore.EventContext;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.berth.scheduler.placement.InstanceRecord;
import io.berth.scheduler.task.SchedulerDriver;
import io.berth.scheduler.task.TaskCommand;
import io.berth.scheduler.task.TaskCommandHandler;
import io.berth.scheduler.task.TaskView;
import io.berth.testsupport.TestPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reports applied by a scheduler that does not decide their cluster (ADR 0056), through the real broker
 * and database: the owner is told in a {@link FollowTaskReports} command written with the reports, and the
 * owner that decides one lets the stopped tasks go and reconciles the services it names. Two processes are
 * {@code SchedulerFailoverIT}'s; here one process plays both sides in turn.
 */
@QuarkusTest
class ReportsDecidedElsewhereTest {

    SchedulerDriver driver = new SchedulerDriver();

    @Inject
    PartitionOwnership ownership;

    @Inject
    TaskCommandHandler tasks;

    @AfterEach
    void close() {
        driver.close();
    }

    /** A service of one task on an instance with room for one; the task it started. */
    private String serviceOfOneTask() {
        String instance = driver.instance("i0", 1024, 256, "eu-west-1a");
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InstanceRecord.findById(instance) != null));
        assertThat(driver.send(driver.service("CreateService", "{\"serviceName\":\"web\",\"desiredCount\":1,"
                + "\"taskDefinition\":\"web\"}", SchedulerDriver.definition("web", 256, null))).errorType()).isNull();
        return await().atMost(Duration.ofSeconds(30)).until(this::wanted, t -> t.size() == 1).get(0);
    }

    /** The service's tasks the scheduler wants running, as ListTasks shows them. */
    private List<String> wanted() {
        return driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"serviceName\":\"web\"}")
                .extract().jsonPath().getList("taskArns", String.class);
    }

    private String serviceArn() {
        return driver.ecs.arn("service/" + driver.clusterName + "/web");
    }

    private static String instanceOf(String taskArn) {
        return QuarkusTransaction.requiringNew().call(() -> TaskView.<TaskView>findById(taskArn)).containerInstanceArn;
    }

    private TaskStateReported stopped(String taskArn) {
        Instant now = Instant.now();
        return new TaskStateReported(driver.clusterArn, taskArn, instanceOf(taskArn), 1, "STOPPED",
                List.of(new ContainerState("app", "STOPPED", 1, null, List.of())), "EssentialContainerExited",
                "Essential container in task exited", now, now, null, now);
    }

    private long followCommandsWritten() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) TaskView.getEntityManager().createNativeQuery(
                "select count(*) from es_event where event_type = 'FollowTaskReports'"
                        + " and payload ->> 'clusterArn' = ?1").setParameter(1, driver.clusterArn)
                .getSingleResult()).longValue());
    }

    @Test
    void aReportOfAClusterDecidedElsewhereTellsTheOwnerWhichServiceAndWhichStoppedTask() {
        String task = serviceOfOneTask();
        List<EventEnvelope> sent = driver.toldTheOwner(ownership, FollowTaskReports.class,
                () -> driver.report(task, instanceOf(task), 1, "STOPPED", 1));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).aggregateType()).isEqualTo(SchedulerCommand.STREAM_TYPE);
        FollowTaskReports follow = (FollowTaskReports) sent.get(0).payload();
        assertThat(follow.serviceArns()).containsExactly(serviceArn());
        assertThat(follow.stoppedTaskArns()).containsExactly(task);
    }

    @Test
    void theOwnerLetsTheStoppedTaskGoAndReplacesItWhenTold() {
        String task = serviceOfOneTask();
        // The report applied as another scheduler would apply it: no wake-up here, the index keeps the task.
        QuarkusTransaction.requiringNew().run(() -> tasks.handle(List.of(new TaskCommandHandler.Addressed(
                new TaskCommand.Report(stopped(task), Instant.now()),
                EventContext.of(driver.ecs.account(), "eu-west-1", UUID.randomUUID()))), new HashMap<>()));
        // Applied where the cluster is decided, a report tells no one: nothing was written with it.
        assertThat(followCommandsWritten()).isZero();

        try (TestPublisher publisher = new TestPublisher()) {
            publisher.publish(TestPublisher.envelope(SchedulerCommand.STREAM_TYPE, UUID.randomUUID().toString(), 1,
                    driver.ecs.account(), new FollowTaskReports(driver.clusterArn, List.of(serviceArn()),
                            List.of(task))));
        }
        // The instance has room for one task: the replacement is placed only once the stopped one is let go.
        List<String> replaced = await().atMost(Duration.ofSeconds(30)).until(this::wanted,
                now -> now.size() == 1 && !now.contains(task));
        assertThat(replaced).doesNotContain(task);
    }
}
