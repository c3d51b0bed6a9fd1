package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The web console in a real browser (Debian's Chromium, driven by Selenium through chromedriver)
 * against the whole stack: a simulated fleet with a draining instance, a service whose crashing
 * revision tripped the circuit breaker, a service stuck mid-rollout for want of CPU, and one scaled
 * by a target tracking policy. Each test asserts what the page shows against what the API says, and
 * saves a screenshot into {@code docs/console/}.
 */
@ExtendWith(SharedStack.class)
class ConsoleIT {

    /** The browser does not sign: it is the default account, in the default region. */
    static final String ACCOUNT = "000000000000";
    static final String OTHER_ACCOUNT = "123456789099";
    static final String CLUSTER = "console";
    static final String BASE = "http://localhost:8080";
    static EcsClient ecs;
    static ApplicationAutoScalingClient aas;
    static ChromeDriver browser;
    static String goodWeb;
    static String crashingWeb;
    static Instant tripped;

    @BeforeAll
    static void fleetAndServices() throws Exception {
        browser = browser();
        ecs = EcsSdkIT.client(ACCOUNT, Region.US_EAST_1);
        aas = ApplicationAutoScalingClient.builder().endpointOverride(java.net.URI.create(BASE))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();

        ecs.createCluster(r -> r.clusterName(CLUSTER));
        rest("/v1/clusters/" + CLUSTER + "/fleet", "{\"instanceType\":\"m5.large\",\"count\":3,"
                + "\"availabilityZones\":[\"us-east-1a\",\"us-east-1b\",\"us-east-1c\"]}");
        TasksSdkIT.awaitCapacityAs(TasksSdkIT.authorization(ACCOUNT, "us-east-1"), CLUSTER, 3);
        String drained = ecs.listContainerInstances(r -> r.cluster(CLUSTER)).containerInstanceArns().get(2);
        ecs.updateContainerInstancesState(r -> r.cluster(CLUSTER).containerInstances(drained)
                .status(ContainerInstanceStatus.DRAINING));

        // worker: busy tasks that a CPU target tracking policy scales out.
        String worker = register("console-worker", 256, 256, Map.of("berth.simulate.cpu", "90"));
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("worker").taskDefinition(worker).desiredCount(1));
        aas.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId("service/" + CLUSTER
                + "/worker").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1)
                .maxCapacity(3));
        aas.putScalingPolicy(r -> r.policyName("cpu50").serviceNamespace(ServiceNamespace.ECS)
                .resourceId("service/" + CLUSTER + "/worker")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0).scaleOutCooldown(0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(
                                MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));

        // web: logs through awslogs; its next revision cannot start, and the circuit breaker rolls it back.
        goodWeb = register("console-web", 256, 512, Map.of("berth.simulate.log-rate", "4"));
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("web").taskDefinition(goodWeb).desiredCount(2)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(50).maximumPercent(150)
                        .deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));
        ecs.waiter().waitUntilServicesStable(r -> r.cluster(CLUSTER).services("web"));
        crashingWeb = register("console-web", 256, 512, Map.of("berth.simulate.fail-to-start",
                "CannotPullContainerError: image not found"));
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(crashingWeb));
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(service("web").deployments())
                .singleElement().satisfies(d -> {
                    assertThat(d.taskDefinition()).isEqualTo(goodWeb);
                    assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
                }));
        for (JsonNode event : get("/v1/clusters/" + CLUSTER + "/services/web/events").path("events")) {
            if ("DeploymentFailed".equals(event.path("type").asText())) {
                tripped = Instant.parse(event.path("occurredAt").asText());
            }
        }
        assertThat(tripped).as("the circuit breaker tripped").isNotNull();

        // api: each task of its next revision reserves more than half an instance's memory, so the two
        // active instances take one each and the third never fits: the rollout stays in progress,
        // old and new tasks side by side within the band.
        String small = register("console-api", 256, 512, Map.of());
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("api").taskDefinition(small).desiredCount(3)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(100).maximumPercent(200)));
        ecs.waiter().waitUntilServicesStable(r -> r.cluster(CLUSTER).services("api"));
        String large = register("console-api", 256, 4500, Map.of());
        ecs.updateService(r -> r.cluster(CLUSTER).service("api").taskDefinition(large));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(service("api").deployments())
                .hasSize(2).anySatisfy(d -> {
                    assertThat(d.taskDefinition()).isEqualTo(large);
                    assertThat(d.runningCount()).isEqualTo(2);
                    assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
                }));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        if (ecs != null) {
            ecs.close();
            aas.close();
        }
    }

    @Test
    void theMainPageListsTheAccountsClustersAndTheRootOpensIt() throws Exception {
        browser.get(BASE + "/");

        assertThat(browser.getCurrentUrl()).isEqualTo(BASE + "/console");
        // The cluster's counters are the cluster-service's, folded from the others' events: they follow shortly.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            browser.navigate().refresh();
            List<WebElement> cells = browser.findElement(By.cssSelector("#clusters tr[data-cluster='" + CLUSTER
                    + "']")).findElements(By.tagName("td"));
            assertThat(cells.get(1).getText()).isEqualTo("ACTIVE");
            assertThat(cells.get(2).getText()).isEqualTo("3");
            assertThat(cells.get(3).getText()).isEqualTo("3");
        });
        screenshot("clusters");
    }

    @Test
    void theClusterMapShowsEachInstanceFilledByItsTasksAndFollowsEventsLive() throws Exception {
        String fargate = runFargateTask(512, 1024);
        browser.get(BASE + "/console/clusters/" + CLUSTER);

        List<WebElement> instances = browser.findElements(By.cssSelector("#instance-map g.instance"));
        assertThat(instances).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#instance-map g.instance.draining")))
                .singleElement().satisfies(g -> assertThat(g.getAttribute("data-status")).isEqualTo("DRAINING"));
        List<String> running = ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns().stream()
                .map(a -> a.substring(a.lastIndexOf('/') + 1)).toList();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.findElements(
                By.cssSelector("#instance-map rect.task"))).extracting(e -> e.getAttribute("data-task"))
                .containsAll(running));
        // Each service has one colour on the map, its own.
        List<String> apiFills = browser.findElements(By.cssSelector("#instance-map rect.task[data-service='api']"))
                .stream().map(e -> e.getAttribute("fill")).distinct().toList();
        List<String> webFills = browser.findElements(By.cssSelector("#instance-map rect.task[data-service='web']"))
                .stream().map(e -> e.getAttribute("fill")).distinct().toList();
        assertThat(apiFills).hasSize(1);
        assertThat(webFills).hasSize(1).doesNotContainAnyElementsOf(apiFills);
        assertThat(browser.findElements(By.cssSelector("#services tr[data-service]")))
                .extracting(e -> e.getAttribute("data-service")).containsExactly("api", "web", "worker");
        assertFargateBox(fargate, 512, 1024);
        screenshot("cluster");
        ecs.stopTask(r -> r.cluster(CLUSTER).task(fargate));

        // A task started now appears on the map without a reload: the page follows /v1/events.
        String oneOff = register("console-once", 128, 128, Map.of());
        String arn = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(oneOff)).tasks().get(0).taskArn();
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.cssSelector(
                "#instance-map rect.task[data-task='" + id + "']")).isEmpty());
        ecs.stopTask(r -> r.cluster(CLUSTER).task(arn));
    }

    @Test
    void theClusterHistorySliderShowsItsServicesAsTheyWere() throws Exception {
        browser.get(BASE + "/console/clusters/" + CLUSTER);

        // When the circuit breaker tripped, web existed and api was not created yet.
        slide(tripped.toEpochMilli());

        assertThat(browser.findElement(By.id("as-of-status")).getText()).isEqualTo("ACTIVE");
        assertThat(browser.findElement(By.cssSelector(".as-of-services tr[data-service='api']")).getText())
                .contains("not created yet");
        assertThat(browser.findElement(By.cssSelector(".as-of-services tr[data-service='web']")).getText())
                .contains("ACTIVE");
        // The map as it was then: the three instances, the drained one already draining, web's tasks, and
        // none of api's, whose tasks ran only later.
        assertThat(browser.findElements(By.cssSelector("#as-of-map g.instance"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#as-of-map g.instance.draining"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#as-of-map rect.task[data-service='web']"))).isNotEmpty();
        List<String> apiTasks = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("api")).taskArns().stream()
                .map(a -> a.substring(a.lastIndexOf('/') + 1)).toList();
        assertThat(apiTasks).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#as-of-map rect.task"))).extracting(e -> e.getAttribute(
                "data-task")).doesNotContainAnyElementsOf(apiTasks);

        // At the moment the page was opened, api's tasks are on the map of the past too.
        slide(Long.parseLong(browser.findElement(By.id("as-of-slider")).getAttribute("max")));
        assertThat(browser.findElements(By.cssSelector("#as-of-map rect.task"))).extracting(e -> e.getAttribute(
                "data-task")).containsAll(apiTasks);
    }

    @Test
    void aTaskShowsItsLifecycleContainersAndWhyItWasPlacedWhereItWas() throws Exception {
        String arn = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("web")).taskArns().get(0);
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        JsonNode explanation = get("/v1/clusters/" + CLUSTER + "/tasks/" + id + "/placement");

        browser.get(BASE + "/console/clusters/" + CLUSTER + "/tasks/" + id);

        assertThat(browser.findElement(By.id("task-status")).getText()).startsWith("RUNNING");
        List<String> steps = browser.findElements(By.cssSelector("#lifecycle g.step")).stream()
                .map(e -> e.getAttribute("data-step")).toList();
        assertThat(steps).contains("placed").anyMatch(step -> step.startsWith("running"));
        assertThat(browser.findElement(By.cssSelector("#containers tr[data-container='main'] td:nth-child(2)"))
                .getText()).isEqualTo("RUNNING");
        JsonNode diagnostics = explanation.path("diagnostics");
        assertThat(browser.findElement(By.id("candidates")).getText())
                .isEqualTo(diagnostics.path("candidatesSeen").asText());
        List<WebElement> bars = browser.findElements(By.cssSelector("#rejections g.rejection"));
        assertThat(bars).hasSize(diagnostics.path("rejectionsByReason").size());
        for (WebElement bar : bars) {
            assertThat(bar.getAttribute("data-count")).isEqualTo(diagnostics.path("rejectionsByReason")
                    .path(bar.getAttribute("data-reason")).asText());
        }
        screenshot("task");
    }

    @Test
    void aStoppedTaskShowsItsContainersExitCode() throws Exception {
        String exiting = register("console-exit", 128, 128, Map.of("berth.simulate.run-for", "PT1S",
                "berth.simulate.exit-code", "3"));
        String arn = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(exiting)).tasks().get(0).taskArn();
        ecs.waiter().waitUntilTasksStopped(r -> r.cluster(CLUSTER).tasks(arn));

        browser.get(BASE + "/console/clusters/" + CLUSTER + "/tasks/" + arn.substring(arn.lastIndexOf('/') + 1));

        assertThat(browser.findElement(By.id("task-status")).getText()).startsWith("STOPPED");
        assertThat(browser.findElement(By.cssSelector("#containers tr[data-container='main'] td.exit")).getText())
                .isEqualTo("3");
        assertThat(browser.findElements(By.cssSelector("#lifecycle g.step"))).extracting(e -> e.getAttribute(
                "data-step")).contains("placed", "stopped");
    }

    @Test
    void aServiceMidRolloutShowsOldAndNewTasksAgainstItsBand() throws Exception {
        browser.get(BASE + "/console/clusters/" + CLUSTER + "/services/api");

        List<WebElement> deployments = browser.findElements(By.cssSelector("#deployments tr[data-deployment]"));
        assertThat(deployments).hasSize(2);
        assertThat(deployments).extracting(e -> e.getAttribute("data-status")).containsExactlyInAnyOrder("PRIMARY",
                "ACTIVE");
        assertThat(browser.findElements(By.cssSelector("#rollout polyline.series")))
                .extracting(e -> e.getAttribute("data-series")).containsExactly("maximum (200%)",
                        "minimum healthy (100%)", "old deployments running", "newest deployment running");
        assertThat(browser.findElement(By.cssSelector("#rollout polyline[data-series='newest deployment running']"))
                .getAttribute("points")).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#rollout figcaption")).getText())
                .contains("maximum (200%) 6", "minimum healthy (100%) 3", "newest deployment running 2");
        screenshot("service-rollout");
    }

    @Test
    void aTrippedCircuitBreakerIsMarkedAndTheHistorySliderShowsTheServiceBeforeIt() throws Exception {
        browser.get(BASE + "/console/clusters/" + CLUSTER + "/services/web");

        assertThat(browser.findElements(By.cssSelector("#trips li.trip"))).singleElement()
                .satisfies(t -> assertThat(t.getText()).contains("circuit breaker", "Rolled back to"));
        assertThat(browser.findElements(By.cssSelector("#rollout line.rule"))).hasSize(1);
        assertThat(browser.findElement(By.id("events")).getText()).contains("deployment failed");

        slide(tripped.toEpochMilli() - 1);
        String family = crashingWeb.substring(crashingWeb.lastIndexOf('/') + 1);
        assertThat(browser.findElement(By.cssSelector(".as-of-deployments")).getText()).contains(family);
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("history")));
        screenshot("service-history");
    }

    @Test
    void scalingShowsUtilizationAgainstTheTargetAndTheActivities() throws Exception {
        await().atMost(Duration.ofMinutes(2)).until(() -> service("worker").desiredCount() > 1);

        browser.get(BASE + "/console/clusters/" + CLUSTER + "/services/worker");

        assertThat(browser.findElement(By.id("capacity-range")).getText()).isEqualTo("1–3");
        assertThat(browser.findElement(By.cssSelector(".policy[data-policy='cpu50'] .target")).getText())
                .isEqualTo("50.0");
        assertThat(browser.findElement(By.cssSelector("#utilization polyline[data-series='CPU utilization %']"))
                .getAttribute("points")).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#utilization polyline[data-series='target cpu50']"))
                .getAttribute("points")).isNotEmpty();
        assertThat(browser.findElement(By.id("activities")).getText()).contains("Setting desired count to 2.");
        assertThat(browser.findElements(By.cssSelector("#counts polyline.series"))).hasSize(2);
        screenshot("scaling");
    }

    /**
     * A group of one t3.medium behind a capacity provider with managed scaling on a cluster of its own: a task that
     * takes the whole instance's CPU, then, with the page open, a second one, which waits, so that
     * CapacityProviderReservation rises to 200 and managed scaling asks for a second instance. The open page
     * follows /v1/events: it draws the scale-out and the second instance without a reload, the reservation
     * against the target and the group's instances, with the scale-out marked.
     */
    @Test
    void clusterAutoScalingShowsTheReservationAgainstTheTargetAndTheGroupsInstances() throws Exception {
        ClusterAutoScalingEndToEndIT.Setup setup = new ClusterAutoScalingEndToEndIT.Setup("console-scale",
                "console-hosts", "console-hosts", "console-capacity", "none", "simulated");
        ClusterAutoScalingEndToEndIT.groupWithManagedProvider(setup, 3);
        String whole = ecs.registerTaskDefinition(r -> r.family("console-whole").containerDefinitions(
                ContainerDefinition.builder().name("main").image("busybox").cpu(2048).memory(256).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.runTask(r -> r.cluster(setup.cluster()).taskDefinition(whole));
        await().atMost(ClusterAutoScalingEndToEndIT.SCALE_OUT).until(() -> running(setup.cluster()) == 1);

        browser.get(BASE + "/console/clusters/" + setup.cluster());
        browser.findElement(By.id("cluster-scaling")).click();
        String provider = "section.capacity-provider[data-provider='" + setup.provider() + "']";
        String instances = "#instances-" + setup.provider();
        String scaleOut = provider + " table.decisions tr[data-direction='scale out']";
        assertThat(browser.findElement(By.cssSelector(instances + " figcaption")).getText()).contains("in service 1");
        assertThat(browser.findElements(By.cssSelector(scaleOut))).isEmpty();
        browser.executeScript("window.openedOnce = true");

        // The second task waits for an instance: managed scaling asks for one, and the open page draws both.
        ecs.runTask(r -> r.cluster(setup.cluster()).taskDefinition(whole));
        await().atMost(ClusterAutoScalingEndToEndIT.SCALE_OUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElements(By.cssSelector(scaleOut))).first().satisfies(row -> assertThat(
                    row.getText()).contains("CapacityProviderReservation 200", "scale out to 2"));
            assertThat(browser.findElement(By.cssSelector(instances + " figcaption")).getText())
                    .contains("desired capacity 2", "in service 2");
        });
        assertThat(browser.executeScript("return window.openedOnce")).as("the page was not reloaded").isEqualTo(true);
        // Both run once the second instance is in; the scheduler then measures the reservation back at 100.
        await().atMost(ClusterAutoScalingEndToEndIT.SCALE_OUT).until(() -> running(setup.cluster()) == 2);
        String scaling = "/v1/clusters/" + setup.cluster() + "/capacity-providers/" + setup.provider() + "/scaling";
        await().atMost(ClusterAutoScalingEndToEndIT.SCALE_OUT).untilAsserted(() -> assertThat(get(scaling)
                .at("/measurements/0/capacityProviderReservation").asInt()).isEqualTo(100));
        assertThat(get(scaling).path("measurements")).anySatisfy(m -> {
            assertThat(m.path("capacityProviderReservation").asInt()).isEqualTo(200);
            assertThat(m.path("desiredCapacity").asInt()).isEqualTo(2);
        });

        String reservation = "#reservation-" + setup.provider();
        await().atMost(ClusterAutoScalingEndToEndIT.SCALE_OUT).ignoreExceptions().untilAsserted(() -> assertThat(
                browser.findElement(By.cssSelector(reservation + " figcaption")).getText())
                .contains("targetCapacity 100% 100", "CapacityProviderReservation % 100"));
        assertThat(browser.findElement(By.cssSelector(provider + " .group")).getText()).isEqualTo(setup.group());
        assertThat(browser.findElements(By.cssSelector(reservation + " polyline.series")))
                .extracting(e -> e.getAttribute("data-series"))
                .containsExactly("targetCapacity 100%", "CapacityProviderReservation %");
        assertThat(browser.findElements(By.cssSelector(reservation + " polyline.series")))
                .allSatisfy(e -> assertThat(e.getAttribute("points")).isNotEmpty());
        assertThat(browser.findElements(By.cssSelector(instances + " line.rule"))).isNotEmpty();
        assertThat(browser.executeScript("return window.openedOnce")).as("the page was not reloaded").isEqualTo(true);
        screenshot("cluster-scaling");

        // The group's instances would otherwise run to the end of the suite.
        AwsCliIT.Run deleted = AwsCliIT.aws("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name",
                setup.group(), "--force-delete");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
    }

    @Test
    void aContainersLogIsTailedLive() throws Exception {
        String arn = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("web")).taskArns().get(0);
        browser.get(BASE + "/console/clusters/" + CLUSTER + "/tasks/" + arn.substring(arn.lastIndexOf('/') + 1));
        browser.findElement(By.cssSelector("#containers tr[data-container='main'] a.logs")).click();

        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElements(By.cssSelector("#log .line"))
                .size() >= 2);
        int shown = browser.findElements(By.cssSelector("#log .line")).size();
        String url = browser.getCurrentUrl();
        // New lines arrive in the page itself, without a reload.
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElements(By.cssSelector("#log .line"))
                .size() > shown + 2);
        assertThat(browser.getCurrentUrl()).isEqualTo(url);
        assertThat(browser.findElement(By.id("log")).getText()).contains("simulated line");
        screenshot("logs");
    }

    @Test
    void anotherAccountSeesOnlyItsOwnClusters() throws Exception {
        try (EcsClient other = EcsSdkIT.client(OTHER_ACCOUNT, Region.US_EAST_1)) {
            other.createCluster(r -> r.clusterName("elsewhere"));
        }

        browser.get(BASE + "/console?account=" + OTHER_ACCOUNT);

        assertThat(browser.findElements(By.cssSelector("#clusters tr[data-cluster]")))
                .extracting(e -> e.getAttribute("data-cluster")).containsExactly("elsewhere");
        browser.findElement(By.linkText("elsewhere")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/console/clusters/elsewhere?account=" + OTHER_ACCOUNT);

        // An account with no cluster is told how to make one, at the endpoint this browser reached.
        browser.get(BASE + "/console?account=999988887777");
        assertThat(browser.findElements(By.cssSelector("#clusters tr[data-cluster]"))).isEmpty();
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("aws ecs create-cluster --cluster-name default --endpoint-url " + BASE);

        browser.get(BASE + "/console?account=12ab");
        assertThat(browser.findElement(By.id("error")).getText()).contains("account must be an AWS account id");
    }

    /**
     * Runs a Fargate task of {@code cpu} units and {@code memory} MiB (awsvpc, as Fargate requires) on
     * the console's cluster and waits until it runs; answers its id.
     */
    private static String runFargateTask(int cpu, int memory) {
        String definition = ecs.registerTaskDefinition(r -> r.family("console-fargate")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                .cpu(Integer.toString(cpu)).memory(Integer.toString(memory))
                .containerDefinitions(ContainerDefinition.builder().name("main").image("busybox")
                        .command("sleep", "3600").build()))
                .taskDefinition().taskDefinitionArn();
        String arn = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(definition).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0a1b2c3d")
                        .securityGroups("sg-0e1f2a3b").assignPublicIp(AssignPublicIp.DISABLED))))
                .tasks().get(0).taskArn();
        ecs.waiter().waitUntilTasksRunning(r -> r.cluster(CLUSTER).tasks(arn));
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /**
     * The map draws the Fargate task {@code id} below the instances, outside every instance, as a box
     * on the instances' scale: as wide as its CPU and as tall as its memory would be in an instance.
     */
    private static void assertFargateBox(String id, int cpu, int memory) {
        WebElement box = browser.findElement(By.cssSelector("#instance-map g.fargate rect.task.fargate[data-task='"
                + id + "']"));
        assertThat(browser.findElements(By.cssSelector("#instance-map g.instance rect[data-task='" + id + "']")))
                .isEmpty();
        var instance = ecs.describeContainerInstances(r -> r.cluster(CLUSTER).containerInstances(
                ecs.listContainerInstances(l -> l.cluster(CLUSTER)).containerInstanceArns().get(0)))
                .containerInstances().get(0);
        int instanceCpu = instance.registeredResources().stream().filter(res -> res.name().equals("CPU"))
                .findFirst().orElseThrow().integerValue();
        int instanceMemory = instance.registeredResources().stream().filter(res -> res.name().equals("MEMORY"))
                .findFirst().orElseThrow().integerValue();
        WebElement frame = browser.findElement(By.cssSelector("#instance-map g.instance rect.frame"));
        double frameWidth = Double.parseDouble(frame.getAttribute("width"));
        double frameHeight = Double.parseDouble(frame.getAttribute("height"));
        assertThat(Double.parseDouble(box.getAttribute("width"))).isCloseTo(frameWidth * cpu / instanceCpu,
                within(1.0));
        assertThat(Double.parseDouble(box.getAttribute("height"))).isCloseTo(frameHeight * memory / instanceMemory,
                within(1.0));
        double lowestInstance = browser.findElements(By.cssSelector("#instance-map g.instance rect.frame")).stream()
                .mapToDouble(f -> Double.parseDouble(f.getAttribute("y"))
                        + Double.parseDouble(f.getAttribute("height")))
                .max().orElseThrow();
        assertThat(Double.parseDouble(box.getAttribute("y"))).isGreaterThan(lowestInstance);
        assertThat(browser.findElement(By.cssSelector("#instance-map g.fargate text.label")).getText())
                .startsWith("Fargate · 1 task");
    }

    /** Moves the page's history slider to {@code epochMilli}, as a drag ends, and waits for what it shows. */
    private static void slide(long epochMilli) {
        WebElement slider = browser.findElement(By.id("as-of-slider"));
        browser.executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", slider,
                Long.toString(epochMilli));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(
                By.id("as-of-time")).getText()).isEqualTo(Instant.ofEpochMilli(epochMilli).toString()));
    }

    private static ChromeDriver browser() {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            throw new IllegalStateException("The console's browser tests need Debian's Chromium and its driver:"
                    + " apt-get install chromium chromium-driver (.ci/run installs them).");
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1600", "--lang=en-US");
        ChromeDriver chrome = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(
                driver.toFile()).build(), options);
        chrome.manage().window().setSize(new Dimension(1280, 1600));
        return chrome;
    }

    private static void screenshot(String name) throws IOException {
        Path docs = LocalStackIT.repoRoot().resolve("docs/console");
        Files.createDirectories(docs);
        Files.write(docs.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static String register(String family, int cpu, int memory, Map<String, String> labels) {
        return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(ContainerDefinition.builder()
                .name("main").image("busybox").cpu(cpu).memory(memory).dockerLabels(labels)
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group",
                        "/berth/console", "awslogs-stream-prefix", family, "awslogs-region", "us-east-1",
                        "awslogs-create-group", "true"))).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private static software.amazon.awssdk.services.ecs.model.Service service(String name) {
        return ecs.describeServices(r -> r.cluster(CLUSTER).services(name)).services().get(0);
    }

    /** How many of the cluster's tasks are RUNNING. */
    private static long running(String cluster) {
        List<String> arns = ecs.listTasks(r -> r.cluster(cluster)).taskArns();
        return arns.isEmpty() ? 0 : ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus())).count();
    }

    private static void rest(String path, String body) throws Exception {
        TasksSdkIT.restAs(TasksSdkIT.authorization(ACCOUNT, "us-east-1"), path, body);
    }

    private static JsonNode get(String path) throws Exception {
        return TasksSdkIT.getAs(TasksSdkIT.authorization(ACCOUNT, "us-east-1"), path);
    }
}
