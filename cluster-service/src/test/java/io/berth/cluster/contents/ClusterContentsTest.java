package io.berth.cluster.contents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.berth.testsupport.EcsCalls;
import io.berth.events.ContainerInstanceEvent.InstanceDeregistered;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.testsupport.TestPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The counters follow the other services' events, through the real broker, once per event. */
@QuarkusTest
class ClusterContentsTest {

    @Inject
    DataSource dataSource;

    EcsCalls ecs = EcsCalls.newAccount();
    TestPublisher publisher = new TestPublisher();

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void registeredInstancesBlockTheDeleteUntilTheyAreDeregistered() {
        String cluster = ecs.arn("cluster/fleet");
        String instance = ecs.arn("container-instance/fleet/0123456789abcdef0123456789abcdef");
        ecs.ok("CreateCluster", "{\"clusterName\":\"fleet\"}");

        EventEnvelope registered = TestPublisher.envelope("container-instance", instance, 1, ecs.account(),
                new InstanceRegistered(cluster, instance, "i-1", null, List.of(), List.of(), null, List.of()));
        publisher.publish(registered);
        publisher.publish(registered);
        awaitCounter("fleet", "registeredContainerInstancesCount", 1);

        ecs.error("DeleteCluster", "{\"cluster\":\"fleet\"}", "ClusterContainsContainerInstancesException");

        publisher.publish(TestPublisher.envelope("container-instance", instance, 2, ecs.account(),
                new InstanceDeregistered(cluster, instance, false)));
        awaitCounter("fleet", "registeredContainerInstancesCount", 0);
        ecs.ok("DeleteCluster", "{\"cluster\":\"fleet\"}").body("cluster.status", equalTo("INACTIVE"));
    }

    @Test
    void taskCountsFollowReportsAndIgnoreStaleOnes() {
        String cluster = ecs.arn("cluster/work");
        String task = ecs.arn("task/work/00112233445566778899aabbccddeeff");
        ecs.ok("CreateCluster", "{\"clusterName\":\"work\"}");

        publisher.publish(report(cluster, task, 1, "PENDING"));
        awaitCounter("work", "pendingTasksCount", 1);
        publisher.publish(report(cluster, task, 2, "RUNNING"));
        awaitCounter("work", "runningTasksCount", 1);
        awaitCounter("work", "pendingTasksCount", 0);
        ecs.error("DeleteCluster", "{\"cluster\":\"work\"}", "ClusterContainsTasksException");

        publisher.publish(report(cluster, task, 1, "PENDING"));
        publisher.publish(report(cluster, task, 3, "STOPPED"));
        awaitCounter("work", "runningTasksCount", 0);
        awaitCounter("work", "pendingTasksCount", 0);
    }

    @Test
    void aPlacedTaskIsPendingBeforeItsAgentReportsAndBlocksTheDelete() {
        String cluster = ecs.arn("cluster/placed");
        String task = ecs.arn("task/placed/ffeeddccbbaa99887766554433221100");
        ecs.ok("CreateCluster", "{\"clusterName\":\"placed\"}");
        EventEnvelope placed = TestPublisher.envelope("task", task, 1, ecs.account(), new TaskPlaced(cluster, task,
                ecs.arn("task-definition/job:1"), ecs.arn("container-instance/placed/0123"), "family:job", null, "EC2",
                null, 0, 128, List.of(), null, null, List.of(), null));

        publisher.publish(placed);
        awaitCounter("placed", "pendingTasksCount", 1);
        ecs.error("DeleteCluster", "{\"cluster\":\"placed\"}", "ClusterContainsTasksException")
                .body("message", equalTo("The Cluster cannot be deleted while Tasks are active."));

        publisher.publish(report(cluster, task, 1, "PENDING"));
        publisher.publish(report(cluster, task, 2, "RUNNING"));
        awaitCounter("placed", "runningTasksCount", 1);
        publisher.publish(placed);
        publisher.publish(report(cluster, task, 3, "STOPPED"));
        awaitCounter("placed", "runningTasksCount", 0);
        awaitCounter("placed", "pendingTasksCount", 0);
        ecs.ok("DeleteCluster", "{\"cluster\":\"placed\"}").body("cluster.status", equalTo("INACTIVE"));
    }

    @Test
    void aTaskWaitingForCapacityIsPendingUntilItRunsOrItsWaitEnds() {
        String cluster = ecs.arn("cluster/waiting");
        String placedLater = ecs.arn("task/waiting/0123456789abcdef0123456789abcdef");
        String neverPlaced = ecs.arn("task/waiting/fedcba9876543210fedcba9876543210");
        ecs.ok("CreateCluster", "{\"clusterName\":\"waiting\"}");

        publisher.publish(awaiting(cluster, placedLater));
        publisher.publish(awaiting(cluster, neverPlaced));
        awaitCounter("waiting", "pendingTasksCount", 2);
        ecs.error("DeleteCluster", "{\"cluster\":\"waiting\"}", "ClusterContainsTasksException");

        publisher.publish(TestPublisher.envelope("task", placedLater, 2, ecs.account(), new TaskPlaced(cluster,
                placedLater, ecs.arn("task-definition/job:1"), ecs.arn("container-instance/waiting/0123"),
                "family:job", null, "EC2", "hosts", 0, 128, List.of(), null, null, List.of(), null)));
        publisher.publish(report(cluster, placedLater, 1, "RUNNING"));
        awaitCounter("waiting", "runningTasksCount", 1);
        awaitCounter("waiting", "pendingTasksCount", 1);
        publisher.publish(TestPublisher.envelope("task", neverPlaced, 2, ecs.account(), new TaskStopRequested(
                cluster, neverPlaced, null, "TaskFailedToStart", "TaskFailedToStart: RESOURCE:CPU", Instant.now())));
        awaitCounter("waiting", "pendingTasksCount", 0);
        awaitCounter("waiting", "runningTasksCount", 1);
    }

    @Test
    void aProviderInUseStaysWithItsClusterAndAManagedOneServesOneClusterOnly() {
        String cluster = ecs.arn("cluster/busy");
        String task = ecs.arn("task/busy/00112233445566778899aabbccddeef0");
        ecs.ok("CreateCluster", "{\"clusterName\":\"busy\"}");
        ecs.ok("CreateCluster", "{\"clusterName\":\"other\"}");
        ecs.ok("CreateCapacityProvider", "{\"name\":\"hosts\",\"autoScalingGroupProvider\":{\"autoScalingGroupArn\":"
                + "\"hosts-asg\",\"managedScaling\":{\"status\":\"ENABLED\"},\"managedDraining\":\"DISABLED\"}}")
                .body("capacityProvider.autoScalingGroupProvider.managedDraining", equalTo("DISABLED"));
        ecs.ok("CreateCapacityProvider", "{\"name\":\"spare\",\"autoScalingGroupProvider\":{\"autoScalingGroupArn\":"
                + "\"spare-asg\",\"managedScaling\":{\"status\":\"DISABLED\"}}}")
                .body("capacityProvider.autoScalingGroupProvider.managedDraining", equalTo("ENABLED"));
        String providers = "{\"cluster\":\"%s\",\"capacityProviders\":[%s],\"defaultCapacityProviderStrategy\":[]}";
        ecs.ok("PutClusterCapacityProviders", providers.formatted("busy", "\"hosts\",\"spare\""));

        ecs.error("PutClusterCapacityProviders", providers.formatted("other", "\"hosts\""), "InvalidParameterException")
                .body("message", org.hamcrest.Matchers.containsString("can be associated with one cluster only"));
        ecs.ok("PutClusterCapacityProviders", providers.formatted("other", "\"spare\""));

        publisher.publish(awaiting(cluster, task));
        awaitCounter("busy", "pendingTasksCount", 1);
        ecs.error("PutClusterCapacityProviders", providers.formatted("busy", "\"spare\""), "ResourceInUseException")
                .body("message", equalTo("The specified capacity provider is in use and cannot be removed."));
        ecs.ok("DescribeClusters", "{\"clusters\":[\"busy\"]}").body("clusters[0].capacityProviders",
                org.hamcrest.Matchers.contains("hosts", "spare"));
        ecs.ok("PutClusterCapacityProviders", providers.formatted("busy", "\"hosts\""));

        publisher.publish(TestPublisher.envelope("task", task, 2, ecs.account(), new TaskStopRequested(cluster, task,
                null, "TaskFailedToStart", "TaskFailedToStart: RESOURCE:CPU", Instant.now())));
        awaitCounter("busy", "pendingTasksCount", 0);
        ecs.ok("PutClusterCapacityProviders", providers.formatted("busy", ""));
    }

    private EventEnvelope awaiting(String cluster, String task) {
        return TestPublisher.envelope("task", task, 1, ecs.account(), new TaskAwaitingCapacity(cluster, task,
                ecs.arn("task-definition/job:1"), "family:job", null, "hosts", 1024, 128, null, null, List.of(),
                List.of(), List.of(), "RESOURCE:CPU", Instant.now()));
    }

    @Test
    void activeServicesAreCounted() {
        String cluster = ecs.arn("cluster/svc");
        String service = ecs.arn("service/svc/web");
        ecs.ok("CreateCluster", "{\"clusterName\":\"svc\"}");
        publisher.publish(TestPublisher.envelope("service", service, 1, ecs.account(),
                new ServiceCreated(cluster, service, "web", null, 1, "REPLICA", "EC2", null, List.of(), List.of())));
        awaitCounter("svc", "activeServicesCount", 1);
        ecs.error("DeleteCluster", "{\"cluster\":\"svc\"}", "ClusterContainsServicesException");
        publisher.publish(TestPublisher.envelope("service", service, 2, ecs.account(),
                new ServiceDeleted(cluster, service)));
        awaitCounter("svc", "activeServicesCount", 0);
    }

    @Test
    void statisticsSplitTasksAndServicesByLaunchTypeWhicheverComesFirst() {
        String cluster = ecs.arn("cluster/mixed");
        String onInstance = ecs.arn("task/mixed/0000000000000000000000000000000a");
        String onFargate = ecs.arn("task/mixed/0000000000000000000000000000000b");
        String reportedFirst = ecs.arn("task/mixed/0000000000000000000000000000000c");
        ecs.ok("CreateCluster", "{\"clusterName\":\"mixed\"}");

        publisher.publish(placed(cluster, onInstance, ecs.arn("container-instance/mixed/0123"), "EC2"));
        publisher.publish(placed(cluster, onFargate, null, "FARGATE"));
        publisher.publish(report(cluster, reportedFirst, 1, "RUNNING"));
        publisher.publish(report(cluster, onFargate, 1, "ACTIVATING"));
        publisher.publish(TestPublisher.envelope("service", ecs.arn("service/mixed/web"), 1, ecs.account(),
                new ServiceCreated(cluster, ecs.arn("service/mixed/web"), "web", null, 1, "REPLICA", "EC2", null,
                        List.of(), List.of())));
        publisher.publish(TestPublisher.envelope("service", ecs.arn("service/mixed/api"), 1, ecs.account(),
                new ServiceCreated(cluster, ecs.arn("service/mixed/api"), "api", null, 1, "REPLICA", "FARGATE", null,
                        List.of(), List.of())));
        awaitStatistics("mixed", Map.of("runningEC2TasksCount", "1", "runningFargateTasksCount", "0",
                "pendingEC2TasksCount", "1", "pendingFargateTasksCount", "1", "activeEC2ServiceCount", "1",
                "activeFargateServiceCount", "1"));

        // The placement of a task whose agent reported first moves it to Fargate, once.
        EventEnvelope late = placed(cluster, reportedFirst, null, "FARGATE");
        publisher.publish(late);
        publisher.publish(late);
        publisher.publish(report(cluster, onFargate, 2, "RUNNING"));
        awaitStatistics("mixed", Map.of("runningEC2TasksCount", "0", "runningFargateTasksCount", "2",
                "pendingEC2TasksCount", "1", "pendingFargateTasksCount", "0"));
        awaitCounter("mixed", "runningTasksCount", 2);

        publisher.publish(TestPublisher.envelope("service", ecs.arn("service/mixed/api"), 2, ecs.account(),
                new ServiceDeleted(cluster, ecs.arn("service/mixed/api"))));
        awaitStatistics("mixed", Map.of("activeEC2ServiceCount", "1", "activeFargateServiceCount", "0"));
    }

    /**
     * A task's placement and its agent's first report come on two topics, and their two channels apply them at the
     * same time: each batch reads the tasks' known statuses and writes them back with the counters, so a batch that
     * read before the other committed would write back a status without the other's part (the report's status or
     * the placement's launch type) and count the task a second time. Many tasks, each placed and reported back to
     * back, make the two channels' batches overlap. Once every task's status holds both parts, both events are
     * applied and the counters, written in the same transactions, are final.
     */
    @Test
    void aTaskPlacedAndReportedAtOnceIsCountedOnce() throws Exception {
        String cluster = ecs.arn("cluster/together");
        ecs.ok("CreateCluster", "{\"clusterName\":\"together\"}");
        int tasks = 40;
        for (int i = 0; i < tasks; i++) {
            String task = ecs.arn("task/together/%032x".formatted(i));
            publisher.publish(placed(cluster, task, null, "FARGATE"));
            publisher.publish(report(cluster, task, 1, "ACTIVATING"));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> statuses(cluster),
                equalTo(Map.of("ACTIVATING FARGATE", tasks)));
        assertThat(statistics("together")).containsEntry("pendingFargateTasksCount", String.valueOf(tasks))
                .containsEntry("pendingEC2TasksCount", "0");
        assertThat(ecs.ok("DescribeClusters", "{\"clusters\":[\"together\"]}").extract().jsonPath()
                .getInt("clusters[0].pendingTasksCount")).isEqualTo(tasks);
    }

    /** How many of the cluster's tasks have each status and launch type (a dash for none), as the consumer keeps. */
    private Map<String, Integer> statuses(String cluster) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select last_status"
                + " || ' ' || coalesce(launch_type, '-'), count(*) from cluster_task_status where cluster_arn = ?"
                + " group by 1")) {
            s.setString(1, cluster);
            try (ResultSet rs = s.executeQuery()) {
                Map<String, Integer> counts = new HashMap<>();
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
                return counts;
            }
        }
    }

    private EventEnvelope placed(String cluster, String task, String instance, String launchType) {
        return TestPublisher.envelope("task", task, 1, ecs.account(), new TaskPlaced(cluster, task,
                ecs.arn("task-definition/job:1"), instance, "family:job", null, launchType, null, 256, 512, List.of(),
                null, null, List.of(), null));
    }

    private void awaitStatistics(String cluster, Map<String, String> expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> statistics(cluster).entrySet()
                .containsAll(expected.entrySet()));
    }

    private Map<String, String> statistics(String cluster) {
        List<Map<String, String>> statistics = ecs.ok("DescribeClusters", "{\"clusters\":[\"" + cluster
                + "\"],\"include\":[\"STATISTICS\"]}").extract().jsonPath().getList("clusters[0].statistics");
        Map<String, String> byName = new HashMap<>();
        statistics.forEach(s -> byName.put(s.get("name"), s.get("value")));
        return byName;
    }

    private EventEnvelope report(String cluster, String task, long version, String status) {
        return TestPublisher.envelope("task", task, version, ecs.account(), new TaskStateReported(cluster, task, null,
                version, status, List.of(), null, null, null, null, null, null));
    }

    private void awaitCounter(String cluster, String counter, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath clusters = ecs.ok("DescribeClusters", "{\"clusters\":[\"" + cluster + "\"]}")
                    .extract().jsonPath();
            return clusters.getInt("clusters[0]." + counter) == expected;
        });
    }
}
