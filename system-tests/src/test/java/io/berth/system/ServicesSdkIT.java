package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentRollbackMonitorsStatus;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;
import software.amazon.awssdk.services.ecs.model.TaskSetNotFoundException;

/**
 * Services through the whole stack with the AWS SDK for Java v2 on simulated fleets: a rolling
 * deployment watched so that running tasks never leave the [minimumHealthyPercent, maximumPercent]
 * band, a crashing revision that trips the circuit breaker and rolls back, a DAEMON service that
 * follows instances joining and draining, the SDK's services-stable waiter, and a blue/green deployment
 * of task sets by an outside controller (EXTERNAL).
 */
@ExtendWith(SharedStack.class)
class ServicesSdkIT {

    static final String ACCOUNT = "123456789014";
    static EcsClient ecs;

    @BeforeAll
    static void connect() {
        ecs = EcsSdkIT.client(ACCOUNT, Region.EU_WEST_1);
    }

    @AfterAll
    static void disconnect() {
        ecs.close();
    }

    static void fleet(String cluster, String instanceType, int count) throws Exception {
        ecs.createCluster(r -> r.clusterName(cluster));
        TasksSdkIT.rest(ACCOUNT, "/v1/clusters/" + cluster + "/fleet", "{\"instanceType\":\"" + instanceType
                + "\",\"count\":" + count + "}");
    }

    static String register(String family, Map<String, String> labels) {
        return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(ContainerDefinition.builder()
                .name("main").image("busybox").memory(256).cpu(128).dockerLabels(labels).build()))
                .taskDefinition().taskDefinitionArn();
    }

    static Service service(String cluster, String name) {
        return ecs.describeServices(r -> r.cluster(cluster).services(name)).services().get(0);
    }

    @Test
    void aRollingDeploymentKeepsRunningTasksWithinTheBand() throws Exception {
        fleet("roll", "m5.large", 5);
        TasksSdkIT.awaitCapacity(ACCOUNT, "roll", 5);
        register("roll-web", Map.of());
        Service created = ecs.createService(r -> r.cluster("roll").serviceName("web").taskDefinition("roll-web")
                .desiredCount(10)).service();
        assertThat(created.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
        assertThat(created.deploymentConfiguration().maximumPercent()).isEqualTo(200);
        ecs.waiter().waitUntilServicesStable(r -> r.cluster("roll").services("web"));
        assertThat(service("roll", "web").runningCount()).isEqualTo(10);

        String v2 = register("roll-web", Map.of("version", "2"));
        ecs.updateService(r -> r.cluster("roll").service("web").taskDefinition(v2));
        List<Integer> running = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String> live = ecs.listTasks(r -> r.cluster("roll").serviceName("web")).taskArns();
            long runningNow = runningAmong("roll", live);
            // A listed task may stop before it is described, once its replacement, started after the listing,
            // runs: the tasks listed again now and not then count too (RollingBoundsIT's lower bound).
            List<String> late = new ArrayList<>(ecs.listTasks(r -> r.cluster("roll").serviceName("web")).taskArns());
            late.removeAll(live);
            runningNow += runningAmong("roll", late);
            running.add((int) runningNow);
            assertThat(runningNow).as("running tasks during the roll").isGreaterThanOrEqualTo(10);
            assertThat(live.size()).as("tasks during the roll").isLessThanOrEqualTo(20);
            Service now = service("roll", "web");
            return now.deployments().size() == 1 && now.deployments().get(0).taskDefinition().equals(v2)
                    && now.deployments().get(0).rolloutState() == DeploymentRolloutState.COMPLETED;
        });
        assertThat(running).isNotEmpty();
        assertThat(service("roll", "web").events()).anyMatch(e -> e.message().endsWith("has reached a steady state."));
    }

    /** How many of these tasks are RUNNING, as one DescribeTasks shows them. */
    private static long runningAmong(String cluster, List<String> arns) {
        return arns.isEmpty() ? 0 : ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus())).count();
    }

    @Test
    void aCrashingRevisionTripsTheCircuitBreakerAndRollsBack() throws Exception {
        fleet("breaker", "m5.large", 3);
        TasksSdkIT.awaitCapacity(ACCOUNT, "breaker", 3);
        String good = register("breaker-web", Map.of());
        ecs.createService(r -> r.cluster("breaker").serviceName("web").taskDefinition(good).desiredCount(3)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));
        ecs.waiter().waitUntilServicesStable(r -> r.cluster("breaker").services("web"));

        String crashing = register("breaker-web", Map.of("berth.simulate.fail-to-start", "image not found"));
        ecs.updateService(r -> r.cluster("breaker").service("web").taskDefinition(crashing));

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            Service now = service("breaker", "web");
            assertThat(now.events()).anyMatch(e -> e.message().contains("deployment failed"));
            assertThat(now.deployments()).singleElement().satisfies(d -> {
                assertThat(d.taskDefinition()).isEqualTo(good);
                assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
            });
            assertThat(now.runningCount()).isEqualTo(3);
        });

        // Berth's history: the breaker's decision is in the service's events; just before it the service
        // was rolling out the crashing revision, and from then on it rolls back to the good one. (The
        // failed deployment stays in the list beside the rollback until the rollback completes.)
        JsonNode events = TasksSdkIT.get(ACCOUNT,
                "/v1/clusters/breaker/services/web/events").path("events");
        JsonNode failed = null;
        for (JsonNode event : events) {
            if ("DeploymentFailed".equals(event.path("type").asText())) {
                failed = event;
            }
        }
        assertThat(failed).as("a DeploymentFailed in %s", events).isNotNull();
        Instant failedAt = Instant.parse(failed.path("occurredAt").asText());
        JsonNode before = TasksSdkIT.get(ACCOUNT,
                "/v1/clusters/breaker/services/web?asOf=" + failedAt.minusMillis(1));
        assertThat(before.path("deployments").path(0).path("id").asText())
                .isEqualTo(failed.path("payload").path("deploymentId").asText());
        assertThat(before.path("deployments").path(0).path("taskDefinition").asText()).isEqualTo(crashing);
        assertThat(before.path("deployments").path(0).path("rolloutState").asText()).isEqualTo("IN_PROGRESS");
        JsonNode then = TasksSdkIT.get(ACCOUNT, "/v1/clusters/breaker/services/web?asOf=" + failedAt);
        assertThat(then.path("deployments").path(0).path("id").asText())
                .isEqualTo(failed.path("payload").path("rollbackDeploymentId").asText());
        assertThat(then.path("deployments").path(0).path("taskDefinition").asText()).isEqualTo(good);
        assertThat(then.path("deployments").path(0).path("rolloutStateReason").asText())
                .startsWith("ECS deployment circuit breaker: rolling back to deploymentId");
    }

    /**
     * A service {@code web} of 2 tasks on a fleet of its own, its first deployment COMPLETED (past the
     * scheduler's stability window); the revision it runs.
     */
    private static String completedService(String cluster, boolean breaker) throws Exception {
        fleet(cluster, "m5.large", 2);
        TasksSdkIT.awaitCapacity(ACCOUNT, cluster, 2);
        String good = register(cluster + "-web", Map.of());
        ecs.createService(r -> r.cluster(cluster).serviceName("web").taskDefinition(good).desiredCount(2)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(breaker).rollback(breaker))));
        await().atMost(Duration.ofMinutes(1)).until(() -> service(cluster, "web").deployments().get(0)
                .rolloutState() == DeploymentRolloutState.COMPLETED);
        return good;
    }

    /** The service {@code web} has one deployment, COMPLETED on {@code revision}, and its 2 tasks run it. */
    private static void assertRunsOnly(String cluster, String revision) {
        assertThat(service(cluster, "web").deployments()).singleElement().satisfies(d -> {
            assertThat(d.taskDefinition()).isEqualTo(revision);
            assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
            assertThat(d.runningCount()).isEqualTo(2);
        });
        List<String> live = ecs.listTasks(r -> r.cluster(cluster).serviceName("web")).taskArns();
        assertThat(live).hasSize(2);
        assertThat(ecs.describeTasks(r -> r.cluster(cluster).tasks(live)).tasks())
                .allMatch(t -> t.taskDefinitionArn().equals(revision) && "RUNNING".equals(t.lastStatus()));
    }

    /**
     * Issue 14 item 5: tasks that reach RUNNING and exit at once never settle their deployment (the
     * scheduler's stability window, 5 s by default), so they count as failures: on a service of 2
     * the third trips the breaker, and the FAILED deployment is shown beside the rollback until the
     * rollback completes.
     */
    @Test
    void tasksThatRunAndExitAtOnceTripTheBreakerAndTheFailedDeploymentShowsBesideTheRollback() throws Exception {
        String good = completedService("exits", true);

        String exiting = register("exits-web", Map.of("berth.simulate.run-for", "0.1",
                "berth.simulate.exit-code", "1"));
        Instant updated = Instant.now();
        ecs.updateService(r -> r.cluster("exits").service("web").taskDefinition(exiting));
        String failing = service("exits", "web").deployments().get(0).id();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Service now = service("exits", "web");
            assertThat(now.deployments()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(now.deployments().get(0)).satisfies(d -> {
                assertThat(d.status()).isEqualTo("PRIMARY");
                assertThat(d.taskDefinition()).isEqualTo(good);
                assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
                assertThat(d.rolloutStateReason())
                        .startsWith("ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/");
            });
            assertThat(now.deployments()).filteredOn(d -> d.id().equals(failing)).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo("ACTIVE");
                assertThat(d.taskDefinition()).isEqualTo(exiting);
                assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.FAILED);
                assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
                assertThat(d.failedTasks()).isGreaterThanOrEqualTo(3);
            });
        });
        assertThat(Duration.between(updated, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(service("exits", "web").events()).anyMatch(e -> e.message().equals(
                "(service web) (deployment " + failing + ") deployment failed: tasks failed to start."));

        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertRunsOnly("exits", good));
        theDeploymentHistoryShowsTheRollback(failing, updated, good, exiting);
    }

    /**
     * Issue 14 item 9 on the service above: its history from the event log through the service
     * deployments API. (The AWS CLI v2 of Debian 12, 2.9.19, predates these operations.)
     */
    private static void theDeploymentHistoryShowsTheRollback(String failing, Instant updated, String good,
            String exiting) {
        String prefix = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":";
        List<ServiceDeploymentBrief> history = ecs.listServiceDeployments(r -> r.cluster("exits").service("web"))
                .serviceDeployments();
        assertThat(history).extracting(ServiceDeploymentBrief::status).containsExactly(
                ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL, ServiceDeploymentStatus.SUCCESSFUL);
        String failedArn = history.get(0).serviceDeploymentArn();
        assertThat(failedArn).isEqualTo(prefix + "service-deployment/exits/web/" + failing.substring(8));
        assertThat(history.get(0).clusterArn()).isEqualTo(prefix + "cluster/exits");
        assertThat(history.get(0).statusReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");

        ServiceDeployment described = ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(failedArn,
                prefix + "service-deployment/exits/web/1")).serviceDeployments().get(0);
        assertThat(described.deploymentCircuitBreaker().status())
                .isEqualTo(ServiceDeploymentRollbackMonitorsStatus.TRIGGERED);
        assertThat(described.deploymentCircuitBreaker().failureCount()).isGreaterThanOrEqualTo(3);
        assertThat(described.deploymentCircuitBreaker().threshold()).isEqualTo(3);
        assertThat(described.rollback().serviceRevisionArn()).isEqualTo(history.get(1).targetServiceRevisionArn());
        assertThat(described.rollback().reason())
                .startsWith("ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/");
        assertThat(described.finishedAt()).isAfter(updated);
        assertThat(ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(failedArn,
                prefix + "service-deployment/exits/web/1")).failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
        assertThat(ecs.describeServiceRevisions(r -> r.serviceRevisionArns(described.targetServiceRevision().arn(),
                described.rollback().serviceRevisionArn())).serviceRevisions())
                .extracting(ServiceRevision::taskDefinition).containsExactly(exiting, good);

        assertThat(ecs.listServiceDeployments(r -> r.cluster("exits").service("web")
                .status(ServiceDeploymentStatus.SUCCESSFUL)).serviceDeployments()).hasSize(1);
        assertThat(ecs.listServiceDeployments(r -> r.cluster("exits").service("web")
                .createdAt(c -> c.after(updated.minusSeconds(1)))).serviceDeployments())
                .extracting(ServiceDeploymentBrief::serviceDeploymentArn).containsExactly(failedArn);
        // The SDK has no paginator for it (botocore lists none): pages by hand.
        ListServiceDeploymentsResponse first = ecs.listServiceDeployments(r -> r.cluster("exits").service("web")
                .maxResults(1));
        ListServiceDeploymentsResponse second = ecs.listServiceDeployments(r -> r.cluster("exits").service("web")
                .maxResults(1).nextToken(first.nextToken()));
        assertThat(first.serviceDeployments()).extracting(ServiceDeploymentBrief::serviceDeploymentArn)
                .containsExactly(failedArn);
        assertThat(second.serviceDeployments()).extracting(ServiceDeploymentBrief::serviceDeploymentArn)
                .containsExactly(history.get(1).serviceDeploymentArn());
        assertThat(second.nextToken()).isNull();
        assertThatThrownBy(() -> ecs.listServiceDeployments(r -> r.cluster("exits").service("ghost")))
                .isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> ecs.listServiceDeployments(r -> r.cluster("ghost").service("web")))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(List.of())))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.listServiceDeployments(r -> r.cluster("exits").service("web")
                .statusWithStrings("DONE"))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("status must be one of");
    }

    /** Issue 14 item 9: StopServiceDeployment rolls a deployment in progress back to the last completed one. */
    @Test
    void stopServiceDeploymentRollsBackADeploymentInProgress() throws Exception {
        String good = completedService("stops", false);
        String stuck = register("stops-web", Map.of("berth.simulate.fail-to-start", "image not found"));
        ecs.updateService(r -> r.cluster("stops").service("web").taskDefinition(stuck));
        String inProgress = ecs.listServiceDeployments(r -> r.cluster("stops").service("web")
                .status(ServiceDeploymentStatus.IN_PROGRESS)).serviceDeployments().get(0).serviceDeploymentArn();

        assertThat(ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(inProgress)
                .stopType(StopServiceDeploymentStopType.ROLLBACK)).serviceDeploymentArn()).isEqualTo(inProgress);

        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(inProgress)).serviceDeployments())
                    .singleElement().satisfies(d -> {
                        assertThat(d.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
                        assertThat(d.deploymentCircuitBreaker().status())
                                .isEqualTo(ServiceDeploymentRollbackMonitorsStatus.DISABLED);
                    });
            assertRunsOnly("stops", good);
        });
        String prefix = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":service-deployment/stops/web/";
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(prefix + "1")))
                .isInstanceOf(ServiceDeploymentNotFoundException.class);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(inProgress)
                .stopType(StopServiceDeploymentStopType.ABORT))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("stopType");

        // A service of the ECS controller has deployments, not task sets.
        assertThat(service("stops", "web").deploymentController().type()).isEqualTo(DeploymentControllerType.ECS);
        assertThatThrownBy(() -> ecs.createTaskSet(r -> r.cluster("stops").service("web").taskDefinition(good)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Amazon ECS only supports task set"
                        + " management on services configured to use external deployment controllers.");
    }

    /**
     * The seed's blue/green by an outside controller: an EXTERNAL service, a blue task set at 100 % and a
     * green one at 0 %, green scaled to 100 % and made primary, blue scaled to 0 and deleted; real tasks
     * of each set RUNNING at every step.
     */
    @Test
    void anOutsideControllerDeploysBlueGreenWithTaskSets() throws Exception {
        fleet("bluegreen", "m5.large", 3);
        TasksSdkIT.awaitCapacity(ACCOUNT, "bluegreen", 3);
        String blue = register("bluegreen-web", Map.of());
        String green = register("bluegreen-web", Map.of("version", "2"));
        Service created = ecs.createService(r -> r.cluster("bluegreen").serviceName("web").desiredCount(2)
                .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL))).service();
        assertThat(created.deploymentController().type()).isEqualTo(DeploymentControllerType.EXTERNAL);
        assertThat(created.taskDefinition()).isNull();
        assertThat(created.deployments()).isEmpty();
        assertThat(created.taskSets()).isEmpty();

        TaskSet blueSet = ecs.createTaskSet(r -> r.cluster("bluegreen").service("web").taskDefinition(blue)
                .externalId("blue").scale(s -> s.value(100.0).unit(ScaleUnit.PERCENT))
                .tags(Tag.builder().key("color").value("blue").build())).taskSet();
        assertThat(blueSet.id()).matches("ecs-svc/[0-9]{19}");
        assertThat(blueSet.taskSetArn()).isEqualTo("arn:aws:ecs:eu-west-1:" + ACCOUNT + ":task-set/bluegreen/web/"
                + blueSet.id());
        assertThat(blueSet.status()).isEqualTo("ACTIVE");
        assertThat(blueSet.computedDesiredCount()).isEqualTo(2);
        assertThat(ecs.updateServicePrimaryTaskSet(r -> r.cluster("bluegreen").service("web")
                .primaryTaskSet(blueSet.taskSetArn())).taskSet().status()).isEqualTo("PRIMARY");
        TaskSet greenSet = ecs.createTaskSet(r -> r.cluster("bluegreen").service("web").taskDefinition(green)
                .externalId("green").scale(s -> s.value(0.0).unit(ScaleUnit.PERCENT))).taskSet();
        assertThat(greenSet.computedDesiredCount()).isZero();
        awaitRunningPerSet(Map.of(blueSet.id(), 2L));
        await().atMost(Duration.ofMinutes(1)).until(() -> taskSets().stream()
                .allMatch(t -> t.stabilityStatus() == StabilityStatus.STEADY_STATE));

        assertThat(ecs.updateTaskSet(r -> r.cluster("bluegreen").service("web").taskSet(greenSet.id())
                .scale(s -> s.value(100.0).unit(ScaleUnit.PERCENT))).taskSet().computedDesiredCount()).isEqualTo(2);
        awaitRunningPerSet(Map.of(blueSet.id(), 2L, greenSet.id(), 2L));

        ecs.updateServicePrimaryTaskSet(r -> r.cluster("bluegreen").service("web").primaryTaskSet(greenSet.id()));
        Service switched = service("bluegreen", "web");
        assertThat(switched.taskDefinition()).isEqualTo(green);
        assertThat(switched.taskSets()).extracting(TaskSet::id, TaskSet::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(blueSet.id(), "ACTIVE"),
                org.assertj.core.groups.Tuple.tuple(greenSet.id(), "PRIMARY"));
        assertThatThrownBy(() -> ecs.deleteTaskSet(r -> r.cluster("bluegreen").service("web").taskSet(blueSet.id())))
                .as("blue still has its scale").isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("force");

        ecs.updateTaskSet(r -> r.cluster("bluegreen").service("web").taskSet(blueSet.taskSetArn())
                .scale(s -> s.value(0.0).unit(ScaleUnit.PERCENT)));
        awaitRunningPerSet(Map.of(greenSet.id(), 2L));
        assertThat(ecs.deleteTaskSet(r -> r.cluster("bluegreen").service("web").taskSet(blueSet.id())).taskSet()
                .status()).isEqualTo("DRAINING");
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            DescribeTaskSetsResponse described = ecs.describeTaskSets(r -> r.cluster("bluegreen").service("web")
                    .taskSets(blueSet.id(), greenSet.taskSetArn()).include(TaskSetField.TAGS));
            assertThat(described.taskSets()).extracting(TaskSet::id).containsExactly(greenSet.id());
            assertThat(described.failures()).singleElement().satisfies(f -> {
                assertThat(f.arn()).isEqualTo(blueSet.id());
                assertThat(f.reason()).isEqualTo("MISSING");
            });
        });
        assertThat(service("bluegreen", "web").events()).anyMatch(e -> e.message().equals("(service web, taskSet "
                + greenSet.id() + ") has reached a steady state."));
        List<String> types = new ArrayList<>();
        TasksSdkIT.get(ACCOUNT, "/v1/clusters/bluegreen/services/web/events").path("events")
                .forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("TaskSetCreated", "TaskSetScaled", "TaskSetMadePrimary", "TaskSetDeleted",
                "TaskSetRemoved", "TaskSetStabilityChanged");

        assertThatThrownBy(() -> ecs.updateTaskSet(r -> r.cluster("bluegreen").service("web")
                .taskSet("ecs-svc/1234567890123456789").scale(s -> s.value(50.0).unit(ScaleUnit.PERCENT))))
                .isInstanceOf(TaskSetNotFoundException.class);
        assertThatThrownBy(() -> ecs.createTaskSet(r -> r.cluster("bluegreen").service("ghost").taskDefinition(blue)))
                .isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster("bluegreen").service("web").taskDefinition(blue)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("EXTERNAL deployment controller");
        ecs.deleteService(r -> r.cluster("bluegreen").service("web").force(true));
        assertThatThrownBy(() -> ecs.describeTaskSets(r -> r.cluster("bluegreen").service("web")))
                .isInstanceOf(ServiceNotActiveException.class);
    }

    private static List<TaskSet> taskSets() {
        return ecs.describeTaskSets(r -> r.cluster("bluegreen").service("web")).taskSets();
    }

    /** Waits until the service's RUNNING tasks are exactly these many per task set (by their startedBy). */
    private static void awaitRunningPerSet(Map<String, Long> expected) {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            List<String> arns = ecs.listTasks(r -> r.cluster("bluegreen").serviceName("web")).taskArns();
            Map<String, Long> running = arns.isEmpty() ? Map.of() : ecs.describeTasks(r -> r.cluster("bluegreen")
                    .tasks(arns)).tasks().stream().filter(t -> "RUNNING".equals(t.lastStatus())
                            && "RUNNING".equals(t.desiredStatus()))
                    .collect(Collectors.groupingBy(Task::startedBy, Collectors.counting()));
            assertThat(running).isEqualTo(expected);
            assertThat(arns).hasSize(expected.values().stream().mapToInt(Long::intValue).sum());
        });
    }

    @Test
    void aDaemonServiceFollowsInstancesJoiningAndDraining() throws Exception {
        fleet("daemons", "t3.medium", 2);
        TasksSdkIT.awaitCapacity(ACCOUNT, "daemons", 2);
        register("daemons-agent", Map.of());
        Service created = ecs.createService(r -> r.cluster("daemons").serviceName("agent")
                .taskDefinition("daemons-agent").schedulingStrategy(SchedulingStrategy.DAEMON)).service();
        assertThat(created.deploymentConfiguration().minimumHealthyPercent()).isZero();
        assertThat(created.deploymentConfiguration().maximumPercent()).isEqualTo(100);
        await().atMost(Duration.ofMinutes(1)).until(() -> service("daemons", "agent").runningCount() == 2);

        TasksSdkIT.rest(ACCOUNT, "/v1/clusters/daemons/fleet", "{\"instanceType\":\"t3.medium\",\"count\":1}");
        await().atMost(Duration.ofMinutes(1)).until(() -> service("daemons", "agent").runningCount() == 3);

        String drained = ecs.listContainerInstances(r -> r.cluster("daemons")).containerInstanceArns().get(0);
        ecs.updateContainerInstancesState(r -> r.cluster("daemons").containerInstances(drained)
                .status(ContainerInstanceStatus.DRAINING));
        await().atMost(Duration.ofMinutes(1)).until(() -> service("daemons", "agent").runningCount() == 2);
        assertThat(ecs.listTasks(r -> r.cluster("daemons").containerInstance(drained)).taskArns()).isEmpty();
    }

    @Test
    void servicesAnswerAsEcsAndDeleteThroughDraining() throws Exception {
        fleet("svc", "t3.medium", 1);
        TasksSdkIT.awaitCapacity(ACCOUNT, "svc", 1);
        register("svc-app", Map.of());
        ecs.createService(r -> r.cluster("svc").serviceName("app").taskDefinition("svc-app").desiredCount(1));
        assertThatThrownBy(() -> ecs.createService(r -> r.cluster("svc").serviceName("app")
                .taskDefinition("svc-app").desiredCount(1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Creation of service was not idempotent.");
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster("svc").service("ghost").desiredCount(1)))
                .isInstanceOf(ServiceNotFoundException.class);
        assertThat(ecs.listServicesPaginator(r -> r.cluster("svc").maxResults(1)).serviceArns().stream().toList())
                .containsExactly("arn:aws:ecs:eu-west-1:" + ACCOUNT + ":service/svc/app");

        String service = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":service/svc/app";
        ecs.tagResource(r -> r.resourceArn(service).tags(software.amazon.awssdk.services.ecs.model.Tag.builder()
                .key("owner").value("sdk").build()));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(service)).tags()).hasSize(1);
        ecs.waiter().waitUntilServicesStable(r -> r.cluster("svc").services("app"));
        assertThat(ecs.deleteService(r -> r.cluster("svc").service("app").force(true)).service().status())
                .isEqualTo("DRAINING");
        ecs.waiter().waitUntilServicesInactive(r -> r.cluster("svc").services("app"));
        assertThat(ecs.listServices(r -> r.cluster("svc")).serviceArns()).isEmpty();
    }
}
