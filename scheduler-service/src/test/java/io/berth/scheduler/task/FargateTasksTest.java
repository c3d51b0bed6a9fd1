package io.berth.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.SchedulerCommand.StopTask;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fargate tasks through the real broker and database: placed on the serverless pool of a cluster
 * without instances, with their network interface, moved along by the pool's reports, interrupted
 * on Spot, held to the account's vCPU quota (8 in tests).
 */
@QuarkusTest
class FargateTasksTest {

    static final List<String> SUBNETS = List.of("subnet-0a1b2c3d", "subnet-4e5f6a7b");

    SchedulerDriver driver = new SchedulerDriver();
    @Inject
    SpotReclaimer reclaimer;
    @Inject
    RunTasks runTasks;

    @AfterEach
    void close() {
        driver.close();
    }

    private JsonPath describe(List<String> tasks) {
        return driver.ecs.ok("DescribeTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"tasks\":["
                + String.join(",", tasks.stream().map(t -> "\"" + t + "\"").toList()) + "]}").extract().jsonPath();
    }

    private static ObjectNode definition(String cpu, String memory) {
        return FargateRulesTest.fargateDefinition().put("status", "ACTIVE").put("revision", 1).put("cpu", cpu)
                .put("memory", memory);
    }

    @Test
    void aFargateTaskNeedsNoInstanceAndGetsItsNetworkInterface() {
        SchedulerCommandAnswered answer = driver.send(driver.runFargate(definition("256", "512"), 3, "FARGATE", null,
                SUBNETS, null));

        assertThat(answer.errorType()).isNull();
        assertThat(answer.taskArns()).hasSize(3);
        JsonPath tasks = describe(answer.taskArns());
        assertThat(tasks.getList("tasks.lastStatus")).containsOnly("PROVISIONING");
        assertThat(tasks.getList("tasks.launchType")).containsOnly("FARGATE");
        assertThat(tasks.getList("tasks.platformVersion")).containsOnly("1.4.0");
        assertThat(tasks.getList("tasks.platformFamily")).containsOnly("Linux");
        assertThat(tasks.getList("tasks.containerInstanceArn")).containsOnlyNulls();
        assertThat(tasks.getList("tasks.capacityProviderName")).containsOnlyNulls();
        assertThat(tasks.getList("tasks.attachments[0].type")).containsOnly("ElasticNetworkInterface");
        assertThat(tasks.getList("tasks.attachments[0].status")).containsOnly("PRECREATED");
        List<Map<String, String>> details = tasks.getList("tasks[0].attachments[0].details");
        assertThat(details).extracting(d -> d.get("name")).containsExactly("subnetId", "networkInterfaceId",
                "macAddress", "privateDnsName", "privateIPv4Address");
        String address = details.get(4).get("value");
        assertThat(SUBNETS).contains(details.get(0).get("value"));
        assertThat(tasks.getString("tasks[0].containers[0].networkInterfaces[0].privateIpv4Address"))
                .isEqualTo(address);
        assertThat(tasks.getString("tasks[0].containers[0].networkInterfaces[0].attachmentId"))
                .isEqualTo(tasks.getString("tasks[0].attachments[0].id"));
        assertThat(tasks.getList("tasks.collect { it.attachments[0].details[4].value }")).hasSize(3)
                .doesNotHaveDuplicates();
        assertThat(tasks.getString("tasks[0].availabilityZone")).matches("[a-z]+-[a-z]+-\\d[abc]");

        String task = answer.taskArns().get(0);
        driver.report(task, null, 1, "PENDING", null);
        driver.report(task, null, 2, "ACTIVATING", null);
        driver.report(task, null, 3, "RUNNING", null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath running = describe(List.of(task));
            assertThat(running.getString("tasks[0].lastStatus")).isEqualTo("RUNNING");
            assertThat(running.getString("tasks[0].attachments[0].status")).isEqualTo("ATTACHED");
        });
        driver.report(task, null, 4, "STOPPED", 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(describe(List.of(task))
                .getString("tasks[0].attachments[0].status")).isEqualTo("DELETED"));
    }

    @Test
    void aSpotTaskInterruptedStopsWithTheTerminationNoticeAndEndsInterrupted() {
        SchedulerCommandAnswered answer = driver.send(driver.runFargate(definition("256", "512"), 2, null,
                List.of(new CapacityProviderStrategyItem("FARGATE", 0, 1),
                        new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0)), SUBNETS, null));
        JsonPath tasks = describe(answer.taskArns());
        assertThat(tasks.getList("tasks.capacityProviderName")).containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT");
        String spot = tasks.getString("tasks.find { it.capacityProviderName == 'FARGATE_SPOT' }.taskArn");
        String onDemand = tasks.getString("tasks.find { it.capacityProviderName == 'FARGATE' }.taskArn");
        driver.ecs.get("/v1/clusters/" + driver.clusterName + "/tasks/" + spot.substring(spot.lastIndexOf('/') + 1)
                + "/placement").statusCode(200)
                .body("capacityProviderName", org.hamcrest.Matchers.equalTo("FARGATE_SPOT"))
                .body("reason", org.hamcrest.Matchers.startsWith("The capacity provider strategy: FARGATE_SPOT"));

        SchedulerCommandAnswered refused = driver.send(new StopTask(driver.clusterArn, onDemand, null,
                "TerminationNotice"));
        assertThat(refused.errorType()).isEqualTo("InvalidParameterException");
        assertThat(refused.errorMessage()).isEqualTo("Only tasks on the FARGATE_SPOT capacity provider can be"
                + " interrupted.");

        driver.report(spot, null, 1, "RUNNING", null);
        assertThat(driver.send(new StopTask(driver.clusterArn, spot, null, "TerminationNotice")).errorType()).isNull();
        JsonPath warned = describe(List.of(spot));
        assertThat(warned.getString("tasks[0].desiredStatus")).isEqualTo("STOPPED");
        assertThat(warned.getString("tasks[0].stopCode")).isEqualTo("TerminationNotice");
        assertThat(warned.getString("tasks[0].stoppedReason")).isEqualTo("Your Spot Task was interrupted.");

        driver.report(spot, null, 2, "STOPPED", 143);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath stopped = describe(List.of(spot));
            assertThat(stopped.getString("tasks[0].lastStatus")).isEqualTo("STOPPED");
            assertThat(stopped.getString("tasks[0].stopCode")).isEqualTo("SpotInterruption");
            assertThat(stopped.getString("tasks[0].stoppedReason")).isEqualTo("Your Spot Task was interrupted.");
        });
    }

    @Test
    void atARateOfOneEveryRunningSpotTaskOfTheClusterIsReclaimedWithTheTwoMinuteWarning() {
        SchedulerCommandAnswered answer = driver.send(driver.runFargate(definition("256", "512"), 3, null,
                List.of(new CapacityProviderStrategyItem("FARGATE", 1, 1),
                        new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0)), SUBNETS, null));
        JsonPath tasks = describe(answer.taskArns());
        List<String> spot = tasks.getList("tasks.findAll { it.capacityProviderName == 'FARGATE_SPOT' }.taskArn");
        assertThat(spot).hasSize(1);
        answer.taskArns().forEach(task -> driver.report(task, null, 1, "RUNNING", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> describe(answer.taskArns()).getList("tasks.lastStatus")
                .stream().allMatch("RUNNING"::equals));

        assertThat(reclaimer.reclaim(driver.clusterArn, 1, new java.util.Random(1))).isEqualTo(spot);

        JsonPath after = describe(answer.taskArns());
        assertThat(after.getList("tasks.findAll { it.desiredStatus == 'STOPPED' }.taskArn")).isEqualTo(spot);
        assertThat(after.getString("tasks.find { it.desiredStatus == 'STOPPED' }.stopCode"))
                .isEqualTo("TerminationNotice");
        assertThat(after.getString("tasks.find { it.desiredStatus == 'STOPPED' }.stoppedReason"))
                .isEqualTo("Your Spot Task was interrupted.");
        // A task already told to stop is not drawn again.
        assertThat(reclaimer.reclaim(driver.clusterArn, 1, new java.util.Random(1))).isEmpty();
    }

    @Test
    void theAccountsVcpuQuotaFailsWhatGoesBeyondIt() {
        ObjectNode twoVcpus = definition("2048", "4096");
        assertThat(driver.send(driver.runFargate(twoVcpus, 3, "FARGATE", null, SUBNETS, null)).taskArns()).hasSize(3);

        SchedulerCommandAnswered beyond = driver.send(driver.runFargate(twoVcpus, 2, "FARGATE", null, SUBNETS, null));
        assertThat(beyond.taskArns()).isEmpty();
        assertThat(beyond.failures()).hasSize(2).allSatisfy(f -> assertThat(f.reason())
                .isEqualTo("You\u2019ve reached the limit on the number of vCPUs you can run concurrently"));

        // Spot has a quota of its own.
        assertThat(driver.send(driver.runFargate(twoVcpus, 2, null,
                List.of(new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0)), SUBNETS, null)).taskArns())
                .hasSize(2);
        assertThat(driver.send(driver.runFargate(twoVcpus, 1, "FARGATE", null, SUBNETS, null)).taskArns())
                .hasSize(1);
    }

    /**
     * Two placements at once (the commands' decisions and the services' reconciler place on threads of their own,
     * replicas in processes of their own), each of which fits alone but not both: the second reads the quota only
     * once the first's transaction has ended, so it counts the first's tasks.
     */
    @Test
    void twoPlacementsAtOnceDoNotBothTakeTheLastVcpus() throws Exception {
        ObjectNode twoVcpus = definition("2048", "4096");
        assertThat(driver.send(driver.runFargate(twoVcpus, 3, "FARGATE", null, SUBNETS, null)).taskArns()).hasSize(3);
        PlaceTasks first = driver.runFargate(twoVcpus, 1, "FARGATE", null, SUBNETS, null);
        PlaceTasks second = driver.runFargate(twoVcpus, 1, "FARGATE", null, SUBNETS, null);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstPlaced = new CountDownLatch(1);
            AtomicLong secondSession = new AtomicLong();
            Future<RunTasks.Outcome> secondOutcome = threads.submit(() -> {
                firstPlaced.await();
                return QuarkusTransaction.requiringNew().call(() -> {
                    secondSession.set(((Number) TaskView.getEntityManager().createNativeQuery(
                            "select pg_backend_pid()").getSingleResult()).longValue());
                    return runTasks.place(driver.envelope(second), second);
                });
            });
            Future<RunTasks.Outcome> firstOutcome = threads.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                RunTasks.Outcome placed = runTasks.place(driver.envelope(first), first);
                firstPlaced.countDown();
                // Commits once the second placement has finished or waits for a lock: never before it could read.
                await().atMost(Duration.ofSeconds(45)).until(() -> secondOutcome.isDone()
                        || waitsForALock(secondSession.get()));
                return placed;
            }));

            assertThat(firstOutcome.get(90, SECONDS).taskArns()).hasSize(1);
            RunTasks.Outcome beyond = secondOutcome.get(90, SECONDS);
            assertThat(beyond.taskArns()).isEmpty();
            assertThat(beyond.failures()).singleElement()
                    .satisfies(f -> assertThat(f.reason()).isEqualTo(FargateCapacity.QUOTA_REACHED));
        } finally {
            threads.shutdownNow();
        }
    }

    private static boolean waitsForALock(long session) {
        return session != 0 && QuarkusTransaction.requiringNew().call(() -> ((Number) TaskView.getEntityManager()
                .createNativeQuery("select count(*) from pg_locks where pid = ?1 and not granted")
                .setParameter(1, session).getSingleResult()).longValue() > 0);
    }

    /**
     * The addresses in use are the database's, not a process's: one that another scheduler instance
     * (or this one before a restart) holds is not handed out again, and a stop frees an address.
     */
    @Test
    void aTaskGetsTheOnlyAddressOfItsSubnetThatNoLiveTaskHoldsWhoeverPlacedThem() {
        String subnet = "subnet-" + driver.ecs.account();
        String[] octets = Enis.allocate("any", List.of(subnet), "us-east-1", (s, a) -> true).privateIpv4Address()
                .split("\\.");
        String prefix = octets[0] + "." + octets[1] + ".";
        String holder = driver.ecs.arn("task/elsewhere/00000000000000000000000000000000");
        QuarkusTransaction.requiringNew().run(() -> TaskView.getEntityManager().createNativeQuery("""
                insert into fargate_address (subnet_id, address, task_arn, account)
                select ?1, ?2 || (h / 256) || '.' || (h % 256), ?3, ?4 from generate_series(4, 65534) h where h <> 1234
                """).setParameter(1, subnet).setParameter(2, prefix).setParameter(3, holder)
                .setParameter(4, driver.ecs.account()).executeUpdate());

        SchedulerCommandAnswered first = driver.send(driver.runFargate(definition("256", "512"), 1, "FARGATE", null,
                List.of(subnet), null));
        String task = first.taskArns().get(0);
        assertThat(describe(first.taskArns()).getString("tasks[0].attachments[0].details.find { it.name =="
                + " 'privateIPv4Address' }.value")).isEqualTo(prefix + "4.210");

        driver.report(task, null, 1, "STOPPED", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                TaskView.getEntityManager().createNativeQuery("select count(*) from fargate_address where task_arn = ?1")
                        .setParameter(1, task).getSingleResult()).equals(0L));
        SchedulerCommandAnswered next = driver.send(driver.runFargate(definition("256", "512"), 1, "FARGATE", null,
                List.of(subnet), null));
        assertThat(describe(next.taskArns()).getString("tasks[0].attachments[0].details.find { it.name =="
                + " 'privateIPv4Address' }.value")).isEqualTo(prefix + "4.210");
    }

    @Test
    void whatFargateRefusesIsRefusedWithEcsErrors() {
        SchedulerCommandAnswered noSubnets = driver.send(driver.runFargate(definition("256", "512"), 1, "FARGATE",
                null, null, null));
        assertThat(noSubnets.errorType()).isEqualTo("InvalidParameterException");
        assertThat(noSubnets.errorMessage()).isEqualTo("Network Configuration must be provided when networkMode"
                + " 'awsvpc' is specified.");

        SchedulerCommandAnswered platform = driver.send(driver.runFargate(definition("256", "512"), 1, "FARGATE",
                null, SUBNETS, "9.9.9"));
        assertThat(platform.errorType()).isEqualTo("PlatformUnknownException");

        SchedulerCommandAnswered managed = driver.send(driver.runFargate(definition("256", "512"), 1,
                "MANAGED_INSTANCES", null, SUBNETS, null));
        assertThat(managed.errorType()).isEqualTo("UnsupportedFeatureException");
    }
}
