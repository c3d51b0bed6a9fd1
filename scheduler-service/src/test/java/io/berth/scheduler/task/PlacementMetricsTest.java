package io.berth.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.scheduler.placement.InstanceRecord;
import io.berth.testsupport.Scrape;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The placement engine's decisions as {@code /q/metrics} shows them, for a RunTask through the broker. */
@QuarkusTest
class PlacementMetricsTest {

    SchedulerDriver driver = new SchedulerDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void eachDecisionIsTimedAndItsTasksCountedByOutcome() {
        String instance = driver.instance("m1", 1024, 1024, "eu-west-1a");
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InstanceRecord.findById(instance) != null));
        Scrape before = Scrape.now();

        SchedulerCommandAnswered answer = driver.send(driver.runTask(SchedulerDriver.definition("half", 600, null), 2,
                null, null));

        assertThat(answer.taskArns()).hasSize(1);
        Scrape after = Scrape.now();
        assertThat(after.sum("berth_placement_decisions_seconds_count", Map.of())
                - before.sum("berth_placement_decisions_seconds_count", Map.of())).isEqualTo(1);
        assertThat(after.sum("berth_placement_tasks_total", Map.of("outcome", "placed"))
                - before.sum("berth_placement_tasks_total", Map.of("outcome", "placed"))).isEqualTo(1);
        assertThat(after.sum("berth_placement_tasks_total", Map.of("outcome", "failed"))
                - before.sum("berth_placement_tasks_total", Map.of("outcome", "failed"))).isEqualTo(1);
    }
}
