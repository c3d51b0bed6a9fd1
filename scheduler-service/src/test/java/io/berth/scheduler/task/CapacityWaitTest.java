package io.berth.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventEnvelope;
import io.berth.events.TaskEvent.CapacityProviderReservationMeasured;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.Topics;
import io.berth.scheduler.capacity.ClusterProvidersRecord;
import io.berth.scheduler.capacity.ManagedProviders;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tasks that wait for capacity (ADR 0039) through the real broker and database: a capacity provider
 * with managed scaling accepts what no instance can hold in PROVISIONING, measures
 * CapacityProviderReservation, and places the waiting tasks when its instances register; without
 * managed scaling the tasks fail as before; past the limit (20 s in tests) they stop.
 */
@QuarkusTest
class CapacityWaitTest {

    SchedulerDriver driver = new SchedulerDriver();
    TopicProbe taskEvents = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.TASK_EVENTS);
    List<EventEnvelope> seen = new ArrayList<>();

    @AfterEach
    void close() {
        driver.close();
        taskEvents.close();
    }

    private void provider(String name, boolean managed) {
        driver.provider(name, managed);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            ClusterProvidersRecord cluster = ClusterProvidersRecord.findById(driver.clusterArn);
            return cluster != null && ManagedProviders.managed(driver.clusterArn, name).isPresent() == managed
                    && (managed || io.berth.scheduler.capacity.CapacityProviderRecord.count("name", name) > 0);
        }));
    }

    private JsonPath describe(List<String> tasks) {
        return driver.ecs.ok("DescribeTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"tasks\":["
                + String.join(",", tasks.stream().map(t -> "\"" + t + "\"").toList()) + "]}").extract().jsonPath();
    }

    /** The measurements of the cluster's provider published so far, oldest first. */
    private List<CapacityProviderReservationMeasured> measurements(String provider) {
        seen = taskEvents.poll(e -> true);
        return seen.stream().filter(e -> e.payload() instanceof CapacityProviderReservationMeasured m
                && m.clusterArn().equals(driver.clusterArn) && m.capacityProviderName().equals(provider))
                .map(e -> (CapacityProviderReservationMeasured) e.payload()).toList();
    }

    /** The types of the events of a task's stream published so far, in order. */
    private List<String> stream(String taskArn) {
        seen = taskEvents.poll(e -> true);
        return seen.stream().filter(e -> taskArn.equals(e.aggregateId()))
                .map(e -> e.payload().getClass().getSimpleName()).toList();
    }

    @Test
    void tasksWaitInProvisioningAndArePlacedWhenTheProvidersInstancesRegister() {
        provider("asg-web", true);
        ObjectNode web = SchedulerDriver.definition("web", 1024, null);

        SchedulerCommandAnswered answer = driver.send(driver.runOn(web, 3, "asg-web"));

        assertThat(answer.errorType()).isNull();
        assertThat(answer.failures()).isEmpty();
        assertThat(answer.taskArns()).hasSize(3);
        JsonPath waiting = describe(answer.taskArns());
        assertThat(waiting.getList("tasks.lastStatus")).containsOnly("PROVISIONING");
        assertThat(waiting.getList("tasks.desiredStatus")).containsOnly("RUNNING");
        assertThat(waiting.getList("tasks.capacityProviderName")).containsOnly("asg-web");
        assertThat(waiting.getList("tasks.containerInstanceArn")).containsOnlyNulls();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stream(answer.taskArns().get(0)))
                .containsExactly("TaskAwaitingCapacity"));

        // No instance yet: N = 0 and M > 0, ECS's 200.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(measurements("asg-web"))
                .anySatisfy(m -> {
                    assertThat(m.reservation()).isEqualTo(200);
                    assertThat(m.instancesRunning()).isZero();
                    assertThat(m.provisioningTasks()).isEqualTo(3);
                    assertThat(m.autoScalingGroupArn()).endsWith("autoScalingGroupName/asg-web");
                }));

        // Two tasks fit on the first instance (2048 MiB), the third waits for the second.
        String first = driver.instance("a1", 2048, 2048, "eu-west-1a", "asg-web");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(describe(answer.taskArns())
                .getList("tasks.containerInstanceArn")).containsOnly(first, null).filteredOn(a -> a != null)
                .hasSize(2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(measurements("asg-web"))
                .last().satisfies(m -> {
                    assertThat(m.instancesRunning()).isEqualTo(1);
                    assertThat(m.provisioningTasks()).isEqualTo(1);
                    assertThat(m.instancesNeeded()).isEqualTo(2);
                    assertThat(m.reservation()).isEqualTo(200);
                }));

        String second = driver.instance("a2", 2048, 2048, "eu-west-1b", "asg-web");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath placed = describe(answer.taskArns());
            assertThat(placed.getList("tasks.lastStatus")).containsOnly("PENDING");
            assertThat(placed.getList("tasks.containerInstanceArn")).containsOnly(first, second);
        });
        String last = describe(answer.taskArns()).getString("tasks.find { it.containerInstanceArn == '" + second
                + "' }.taskArn");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stream(last))
                .containsExactly("TaskAwaitingCapacity", "TaskPlaced"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(measurements("asg-web"))
                .last().satisfies(m -> {
                    assertThat(m.reservation()).isEqualTo(100);
                    assertThat(m.provisioningTasks()).isZero();
                    assertThat(m.emptyInstances()).isEmpty();
                }));
    }

    @Test
    void withoutManagedScalingTasksThatDoNotFitFail() {
        provider("asg-plain", false);
        driver.instance("p1", 2048, 1024, "eu-west-1a", "asg-plain");
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> io.berth.scheduler.placement.InstanceRecord.count("clusterArn", driver.clusterArn) == 1));

        SchedulerCommandAnswered answer = driver.send(driver.runOn(SchedulerDriver.definition("big", 2048, null), 1,
                "asg-plain"));

        assertThat(answer.taskArns()).isEmpty();
        assertThat(answer.failures()).singleElement().satisfies(f -> assertThat(f.reason())
                .isEqualTo("RESOURCE:MEMORY"));
    }

    @Test
    void aWaitingTaskStopsAtOnceWhenAskedAndTheRestStopPastTheLimit() {
        provider("asg-late", true);
        SchedulerCommandAnswered answer = driver.send(driver.runOn(SchedulerDriver.definition("late", 512, null), 2,
                "asg-late"));
        String stopped = answer.taskArns().get(0);
        String late = answer.taskArns().get(1);

        assertThat(driver.send(driver.stopTask(stopped, "not needed")).errorType()).isNull();
        JsonPath now = describe(List.of(stopped));
        assertThat(now.getString("tasks[0].lastStatus")).isEqualTo("STOPPED");
        assertThat(now.getString("tasks[0].stopCode")).isEqualTo("UserInitiated");
        assertThat(now.getString("tasks[0].stoppedReason")).isEqualTo("not needed");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath timedOut = describe(List.of(late));
            assertThat(timedOut.getString("tasks[0].lastStatus")).isEqualTo("STOPPED");
            assertThat(timedOut.getString("tasks[0].stopCode")).isEqualTo("TaskFailedToStart");
            assertThat(timedOut.getString("tasks[0].stoppedReason")).isEqualTo("TaskFailedToStart: EMPTY CAPACITY"
                    + " PROVIDER (capacity provider asg-late provided no instance that could hold the task within 20"
                    + " seconds)");
        });
    }

    @Test
    void aServicesTasksWaitAndCountAsPending() {
        provider("asg-svc", true);
        ObjectNode api = SchedulerDriver.definition("api", 512, null);
        SchedulerCommandAnswered created = driver.send(driver.service("CreateService", "{\"serviceName\":\"api\","
                + "\"desiredCount\":2,\"taskDefinition\":\"api\",\"capacityProviderStrategy\":[{\"capacityProvider\":"
                + "\"asg-svc\",\"weight\":1}]}", api));
        assertThat(created.errorType()).isNull();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath service = driver.ecs.ok("DescribeServices", "{\"cluster\":\"" + driver.clusterName
                    + "\",\"services\":[\"api\"]}").extract().jsonPath();
            assertThat(service.getInt("services[0].pendingCount")).isEqualTo(2);
            assertThat(service.getInt("services[0].runningCount")).isZero();
            assertThat(service.getList("services[0].events.message", String.class)).contains("(service api) was"
                    + " unable to place a task. Reason: No Container Instances were found in your capacity provider.");
        });
        List<String> tasks = driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName
                + "\",\"serviceName\":\"api\"}").extract().jsonPath().getList("taskArns", String.class);
        assertThat(describe(tasks).getList("tasks.lastStatus")).containsOnly("PROVISIONING");

        String instance = driver.instance("s1", 2048, 4096, "eu-west-1a", "asg-svc");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(describe(tasks)
                .getList("tasks.containerInstanceArn")).containsOnly(instance));
    }
}
