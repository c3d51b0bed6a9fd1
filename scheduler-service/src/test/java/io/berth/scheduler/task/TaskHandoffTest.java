package io.berth.scheduler.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.Topics;
import io.berth.eventstore.AppliedPositions;
import io.berth.eventstore.Handoff;
import io.berth.eventstore.HandoffMetrics;
import io.berth.eventstore.Position.Stream;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.berth.scheduler.ownership.ReportPartitions;
import io.berth.scheduler.placement.InstanceRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agents' reports handed over directly (ADR 0071), through the real path: {@code /internal/handoff} over
 * HTTP, the consumer's own apply and inbox, the real broker and database. The test plays the agent-service's
 * relay (its rows' positions chosen here, the direct copy sent as the relay's {@code HandoffSender} sends it,
 * the Kafka copy with the relay's headers) so that it decides which copy comes first.
 */
@QuarkusTest
class TaskHandoffTest {

    private static final String WRITER = "agent-service";

    SchedulerDriver driver = new SchedulerDriver();

    @Inject
    AppliedPositions positions;
    @Inject
    ReportPartitions partitions;
    @Inject
    MeterRegistry registry;

    @AfterEach
    void close() {
        driver.close();
    }

    private String runningTask() {
        String instance = driver.instance("a1", 1024, 1024, "eu-west-1a");
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InstanceRecord.findById(instance) != null));
        String task = driver.send(driver.runTask(SchedulerDriver.definition("job", 512, null), 1, null, null))
                .taskArns().get(0);
        // The stream's first record comes through Kafka: before it, nothing of the stream is known here.
        driver.publishAt(driver.reportOf(task, instance, 1, "RUNNING", null), WRITER, 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied() == 100);
        assertThat(describe(task).getString("tasks[0].lastStatus")).isEqualTo("RUNNING");
        return task;
    }

    private String instanceOf(String task) {
        return describe(task).getString("tasks[0].containerInstanceArn");
    }

    private long applied() {
        return positions.appliedUpTo(new Stream(Topics.TASK_STATE_EVENTS, WRITER, driver.clusterArn));
    }

    private JsonPath describe(String task) {
        return JsonPath.from(driver.ecs.ok("DescribeTasks", "{\"cluster\":\"" + driver.clusterName
                + "\",\"tasks\":[\"" + task + "\"]}").extract().asString());
    }

    private JsonPath handOver(EventEnvelope report, long position, long previous) {
        byte[] body = Handoff.toBytes(List.of(new Handoff(Topics.TASK_STATE_EVENTS, driver.clusterArn, WRITER, position,
                previous, report.type(), System.currentTimeMillis(), EventJson.toBytes(report))));
        return JsonPath.from(given().contentType("application/json").body(body).post("/internal/handoff")
                .then().statusCode(200).extract().asString());
    }

    private double handoffs(String outcome) {
        Counter counter = registry.find(HandoffMetrics.RECORDS)
                .tags("topic", Topics.TASK_STATE_EVENTS, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aReportHandedOverRightAfterWhatIsAppliedIsAppliedAtOnceAndItsKafkaCopyChangesNothing() {
        String task = runningTask();
        EventEnvelope stopped = driver.reportOf(task, instanceOf(task), 2, "STOPPED", 3);
        double applied = handoffs("applied");

        JsonPath outcome = handOver(stopped, 200, 100);

        assertThat(outcome.getInt("applied")).isEqualTo(1);
        assertThat(handoffs("applied")).isEqualTo(applied + 1);
        // Applied when the answer comes, its position marked as the Kafka copy's would be (ADR 0033).
        JsonPath now = describe(task);
        assertThat(now.getString("tasks[0].lastStatus")).isEqualTo("STOPPED");
        assertThat(now.getInt("tasks[0].containers[0].exitCode")).isEqualTo(3);
        int version = now.getInt("tasks[0].version");
        assertThat(applied()).isEqualTo(200);

        // The Kafka copy, then a record after it: once that is applied, the copy was consumed.
        driver.publishAt(stopped, WRITER, 200);
        driver.publishAt(driver.reportOf(task, instanceOf(task), 1, "RUNNING", null), WRITER, 300);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied() == 300);
        JsonPath after = describe(task);
        assertThat(after.getInt("tasks[0].version")).isEqualTo(version);
        assertThat(after.getString("tasks[0].lastStatus")).isEqualTo("STOPPED");
        assertThat(inboxRows(stopped)).isEqualTo(1);
    }

    @Test
    void aReportHandedOverBeforeAnEarlierOneOfItsClusterIsLeftToKafkaWhichAppliesBothInOrder() {
        String task = runningTask();
        String instance = instanceOf(task);
        // 200 (a report of the same cluster) is still on its way through Kafka when 300 arrives directly.
        EventEnvelope between = driver.reportOf(task, instance, 1, "RUNNING", null);
        EventEnvelope stopped = driver.reportOf(task, instance, 2, "STOPPED", 0);

        JsonPath outcome = handOver(stopped, 300, 200);

        assertThat(outcome.getInt("applied")).isZero();
        assertThat(outcome.getInt("ignored")).isEqualTo(1);
        assertThat(describe(task).getString("tasks[0].lastStatus")).isEqualTo("RUNNING");
        assertThat(applied()).isEqualTo(100);

        driver.publishAt(between, WRITER, 200);
        driver.publishAt(stopped, WRITER, 300);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied() == 300);
        assertThat(describe(task).getString("tasks[0].lastStatus")).isEqualTo("STOPPED");
        assertThat(inboxRows(stopped)).isEqualTo(1);
    }

    @Test
    void aReportOfAClusterWhoseReportsThisInstanceDoesNotApplyIsLeftToKafka() {
        String task = runningTask();
        EventEnvelope stopped = driver.reportOf(task, instanceOf(task), 2, "STOPPED", 0);
        TopicPartition partition = new TopicPartition(Topics.TASK_STATE_EVENTS,
                PartitionOwnership.partitionOf(driver.clusterArn));

        partitions.onPartitionsRevoked(null, List.of(partition));
        try {
            assertThat(handOver(stopped, 200, 100).getInt("ignored")).isEqualTo(1);
            assertThat(describe(task).getString("tasks[0].lastStatus")).isEqualTo("RUNNING");
        } finally {
            partitions.onPartitionsAssigned(null, List.of(partition));
        }
        driver.publishAt(stopped, WRITER, 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "STOPPED".equals(describe(task)
                .getString("tasks[0].lastStatus")));
    }

    private long inboxRows(EventEnvelope event) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("select count(*) from es_inbox where event_id = ?1")
                .setParameter(1, event.eventId()).getSingleResult()).longValue());
    }
}
