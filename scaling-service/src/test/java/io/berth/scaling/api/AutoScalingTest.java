package io.berth.scaling.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.berth.events.EventEnvelope;
import io.berth.events.SchedulerCommand.ManageService;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceUpdated;
import io.berth.events.TaskStateEvent.InstanceUtilizationReported;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.events.TaskStateEvent.TaskUtilization;
import io.berth.events.Topics;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TestPublisher;
import io.berth.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Application Auto Scaling of ECS services through the real broker and database: the scheduler's
 * service events and the agents' utilization samples come in over Kafka as those services publish
 * them, and every desired count the scaling service sets leaves as an UpdateService command on the
 * scheduler's topic.
 */
@QuarkusTest
class AutoScalingTest {

    static TopicProbe commands;
    EcsCalls caller = EcsCalls.newAccount();
    EcsCalls aas = caller.autoScaling();
    TestPublisher publisher = new TestPublisher();

    @BeforeAll
    static void probe() {
        commands = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(), Topics.SCHEDULER_COMMANDS);
    }

    @AfterAll
    static void closeProbe() {
        commands.close();
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void aServiceThatDoesNotExistCanNotBeRegistered() {
        aas.error("RegisterScalableTarget", target("nowhere", "web") + ",\"MinCapacity\":1,\"MaxCapacity\":2}",
                "ValidationException").body("Message", equalTo("ECS service doesn't exist: service/nowhere/web"));
    }

    @Test
    void aTargetIsRegisteredUpdatedDescribedAndDeregistered() {
        service("shop", "cart", 2);
        String arn = register("shop", "cart", 1, 4).extract().path("ScalableTargetARN");
        assertThat(arn).matches("arn:aws:application-autoscaling:eu-west-1:" + caller.account()
                + ":scalable-target/[0-9a-f]{32}");

        aas.ok("RegisterScalableTarget", target("shop", "cart") + ",\"MaxCapacity\":8,"
                + "\"SuspendedState\":{\"DynamicScalingInSuspended\":true}}")
                .body("ScalableTargetARN", equalTo(arn));
        aas.ok("DescribeScalableTargets", "{\"ServiceNamespace\":\"ecs\"}")
                .body("ScalableTargets", hasSize(1))
                .body("ScalableTargets[0].ResourceId", equalTo("service/shop/cart"))
                .body("ScalableTargets[0].ScalableDimension", equalTo("ecs:service:DesiredCount"))
                .body("ScalableTargets[0].MinCapacity", equalTo(1))
                .body("ScalableTargets[0].MaxCapacity", equalTo(8))
                .body("ScalableTargets[0].RoleARN", containsString("AWSServiceRoleForApplicationAutoScaling_ECSService"))
                .body("ScalableTargets[0].SuspendedState.DynamicScalingInSuspended", equalTo(true))
                .body("ScalableTargets[0].SuspendedState.DynamicScalingOutSuspended", equalTo(false))
                .body("ScalableTargets[0].CreationTime", notNullValue())
                .body("ScalableTargets[0].ScalableTargetARN", equalTo(arn));
        aas.ok("DescribeScalableTargets", "{\"ServiceNamespace\":\"ecs\",\"ResourceIds\":[\"service/shop/other\"]}")
                .body("ScalableTargets", hasSize(0));

        aas.ok("DeregisterScalableTarget", target("shop", "cart") + "}");
        aas.ok("DescribeScalableTargets", "{\"ServiceNamespace\":\"ecs\"}").body("ScalableTargets", hasSize(0));
        aas.error("DeregisterScalableTarget", target("shop", "cart") + "}", "ObjectNotFoundException")
                .body("Message", equalTo("No scalable target registered for service namespace: ecs, resource ID:"
                        + " service/shop/cart, scalable dimension: ecs:service:DesiredCount"));
    }

    @Test
    void registeringClampsTheDesiredCountThroughTheScheduler() {
        String service = service("shop", "api", 1);
        register("shop", "api", 3, 5);

        awaitDesiredCountCommand(service, 3);
        aas.ok("DescribeScalingActivities", "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/shop/api\"}")
                .body("ScalingActivities", hasSize(1))
                .body("ScalingActivities[0].Description", equalTo("Setting desired count to 3."))
                .body("ScalingActivities[0].Cause", equalTo("minimum capacity was set to 3"))
                .body("ScalingActivities[0].StatusCode", equalTo("InProgress"));

        publisher.publish(TestPublisher.envelope("service", service, 2, caller.account(),
                new ServiceUpdated(cluster("shop"), service, 3, null, null, false)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> aas.ok("DescribeScalingActivities",
                        "{\"ServiceNamespace\":\"ecs\"}")
                .body("ScalingActivities[0].StatusCode", equalTo("Successful"))
                .body("ScalingActivities[0].EndTime", notNullValue()));
    }

    @Test
    void policiesAreCheckedKeptAndDeleted() {
        service("shop", "search", 2);
        aas.error("PutScalingPolicy", policy("search", "cpu", 50), "ObjectNotFoundException");
        register("shop", "search", 1, 10);

        aas.ok("PutScalingPolicy", policy("search", "cpu", 50))
                .body("PolicyARN", matchesPattern("arn:aws:autoscaling:eu-west-1:" + caller.account()
                        + ":scalingPolicy:[0-9a-f-]{36}:resource/ecs/service/shop/search:policyName/cpu"))
                .body("Alarms", hasSize(2))
                .body("Alarms[0].AlarmName", matchesPattern("TargetTracking-service/shop/search-AlarmHigh-.*"));
        aas.error("PutScalingPolicy", target("shop", "search") + ",\"PolicyName\":\"steps\","
                + "\"PolicyType\":\"StepScaling\",\"StepScalingPolicyConfiguration\":{\"AdjustmentType\":"
                + "\"ChangeInCapacity\",\"StepAdjustments\":[{\"MetricIntervalLowerBound\":0,"
                + "\"MetricIntervalUpperBound\":10,\"ScalingAdjustment\":1},{\"MetricIntervalLowerBound\":20,"
                + "\"ScalingAdjustment\":2}]}}", "ValidationException");
        aas.error("PutScalingPolicy", target("shop", "search") + ",\"PolicyName\":\"a/b\","
                + "\"PolicyType\":\"TargetTrackingScaling\"}", "ValidationException");

        aas.ok("DescribeScalingPolicies", "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/shop/search\"}")
                .body("ScalingPolicies", hasSize(1))
                .body("ScalingPolicies[0].PolicyName", equalTo("cpu"))
                .body("ScalingPolicies[0].PolicyType", equalTo("TargetTrackingScaling"))
                .body("ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.TargetValue", equalTo(50.0f))
                .body("ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification"
                        + ".PredefinedMetricType", equalTo("ECSServiceAverageCPUUtilization"))
                .body("ScalingPolicies[0].TargetTrackingScalingPolicyConfiguration.ScaleInCooldown", equalTo(300));

        aas.ok("DeleteScalingPolicy", target("shop", "search") + ",\"PolicyName\":\"cpu\"}");
        aas.error("DeleteScalingPolicy", target("shop", "search") + ",\"PolicyName\":\"cpu\"}",
                "ObjectNotFoundException");
        aas.ok("DescribeScalingPolicies", "{\"ServiceNamespace\":\"ecs\"}").body("ScalingPolicies", hasSize(0));
    }

    @Test
    void targetTrackingScalesOutOnTheAgentsUtilization() {
        String service = service("web", "front", 2);
        register("web", "front", 1, 10);
        aas.ok("PutScalingPolicy", policy("front", "cpu", 50).replace("\"ScaleOutCooldown\":300",
                "\"ScaleOutCooldown\":0"));

        // Two tasks at 100% CPU on one instance, beside a task of no service at 0%, sampled every second from a
        // little before now until well after: one report of the instance per round, between the task state
        // reports that the scaling-service skips unparsed.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String instance = caller.arn("container-instance/web/" + UUID.randomUUID());
        for (int second = -4; second <= 30; second++) {
            publisher.publish(TestPublisher.envelope("task-state", caller.arn("task/web/task-1"), second + 5,
                    caller.account(), new TaskStateReported(cluster("web"), caller.arn("task/web/task-1"), instance,
                            second + 5, "RUNNING", List.of(), null, null, null, null, null, null)));
            publisher.publish(TestPublisher.envelope("instance-utilization", "utilization:" + instance, second + 5,
                    caller.account(), new InstanceUtilizationReported(cluster("web"), instance,
                            now.plusSeconds(second - 1).plusMillis(500), now.plusSeconds(second).plusMillis(500),
                            List.of(new TaskUtilization(caller.arn("task/web/task-1"), "service:front", 100, 40),
                                    new TaskUtilization(caller.arn("task/web/task-2"), "service:front", 100, 40),
                                    new TaskUtilization(caller.arn("task/web/batch"), "family:batch", 0, 0)))));
        }

        awaitDesiredCountCommand(service, 4);
        aas.ok("DescribeScalingActivities", "{\"ServiceNamespace\":\"ecs\"}")
                .body("ScalingActivities[0].Description", equalTo("Setting desired count to 4."))
                .body("ScalingActivities[0].Cause", containsString("AlarmHigh"))
                .body("ScalingActivities[0].Cause", containsString("cpu"));
        given().header("X-Berth-Account", caller.account()).header("X-Berth-Region", caller.region())
                .get("/v1/clusters/web/services/front/metrics")
                .then().statusCode(200)
                .body("CPUUtilization.findAll { it.Average != null }.size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void aStepPolicyScalesWhenItsAlarmFires() {
        String service = service("batch", "workers", 3);
        register("batch", "workers", 1, 10);
        String policyArn = aas.ok("PutScalingPolicy", target("batch", "workers") + ",\"PolicyName\":\"queue\","
                + "\"PolicyType\":\"StepScaling\",\"StepScalingPolicyConfiguration\":{\"AdjustmentType\":"
                + "\"ChangeInCapacity\",\"Cooldown\":60,\"StepAdjustments\":[{\"MetricIntervalLowerBound\":0,"
                + "\"MetricIntervalUpperBound\":50,\"ScalingAdjustment\":1},{\"MetricIntervalLowerBound\":50,"
                + "\"ScalingAdjustment\":3}]}}").extract().path("PolicyARN");

        notify(policyArn, 180, 100).statusCode(200).body("toCapacity", equalTo(6));
        awaitDesiredCountCommand(service, 6);
        aas.ok("DescribeScalingPolicies", "{\"ServiceNamespace\":\"ecs\",\"PolicyNames\":[\"queue\"]}")
                .body("ScalingPolicies[0].StepScalingPolicyConfiguration.StepAdjustments", hasSize(2));
        notify("arn:aws:autoscaling:eu-west-1:" + caller.account() + ":scalingPolicy:nope", 1, 0).statusCode(400)
                .body("__type", equalTo("ObjectNotFoundException"));
    }

    @Test
    void aScheduledActionSetsTheRangeAtItsTime() {
        String service = service("night", "reports", 1);
        register("night", "reports", 0, 2);
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.now().plusSeconds(2));
        aas.error("PutScheduledAction", target("night", "reports") + ",\"ScheduledActionName\":\"bad\","
                + "\"Schedule\":\"every day\",\"ScalableTargetAction\":{\"MinCapacity\":1}}", "ValidationException");
        aas.ok("PutScheduledAction", target("night", "reports") + ",\"ScheduledActionName\":\"batch-window\","
                + "\"Schedule\":\"at(" + at + ")\",\"ScalableTargetAction\":{\"MinCapacity\":4,\"MaxCapacity\":6}}");
        aas.ok("DescribeScheduledActions", "{\"ServiceNamespace\":\"ecs\"}")
                .body("ScheduledActions", hasSize(1))
                .body("ScheduledActions[0].Schedule", equalTo("at(" + at + ")"))
                .body("ScheduledActions[0].ScalableTargetAction.MinCapacity", equalTo(4))
                .body("ScheduledActions[0].ScheduledActionARN", containsString(":scheduledActionName/batch-window"));

        awaitDesiredCountCommand(service, 4);
        aas.ok("DescribeScalableTargets", "{\"ServiceNamespace\":\"ecs\"}")
                .body("ScalableTargets[0].MinCapacity", equalTo(4))
                .body("ScalableTargets[0].MaxCapacity", equalTo(6));
        aas.ok("DeleteScheduledAction", target("night", "reports") + ",\"ScheduledActionName\":\"batch-window\"}");
        aas.error("DeleteScheduledAction", target("night", "reports") + ",\"ScheduledActionName\":\"batch-window\"}",
                "ObjectNotFoundException");
    }

    @Test
    void scalableTargetsAreTagged() {
        service("tags", "web", 1);
        String arn = registered(target("tags", "web") + ",\"MinCapacity\":1,\"MaxCapacity\":2,"
                + "\"Tags\":{\"team\":\"a\"}}").extract().path("ScalableTargetARN");
        aas.ok("TagResource", "{\"ResourceARN\":\"" + arn + "\",\"Tags\":{\"env\":\"prod\"}}");
        aas.ok("ListTagsForResource", "{\"ResourceARN\":\"" + arn + "\"}")
                .body("Tags.team", equalTo("a")).body("Tags.env", equalTo("prod"));
        aas.ok("UntagResource", "{\"ResourceARN\":\"" + arn + "\",\"TagKeys\":[\"team\"]}");
        aas.ok("ListTagsForResource", "{\"ResourceARN\":\"" + arn + "\"}").body("Tags.size()", equalTo(1));
        aas.error("ListTagsForResource", "{\"ResourceARN\":\"" + arn.replace(caller.account(), "999999999999")
                + "\"}", "ResourceNotFoundException");
        aas.error("TagResource", "{\"ResourceARN\":\"" + arn + "\",\"Tags\":{\"aws:x\":\"y\"}}", "ValidationException");
    }

    @Test
    void badRequestsAreValidationErrorsNamingTheMember() {
        aas.error("DescribeScalableTargets", "{}", "ValidationException")
                .body("Message", equalTo("ServiceNamespace is required."));
        aas.error("DescribeScalableTargets", "{\"ServiceNamespace\":\"dynamodb\"}", "ValidationException")
                .body("Message", containsString("ECS services only"));
        aas.error("DescribeScalableTargets", "{\"ServiceNamespace\":\"nope\"}", "ValidationException");
        aas.error("RegisterScalableTarget", "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"cluster/x\","
                + "\"ScalableDimension\":\"ecs:service:DesiredCount\"}", "ValidationException")
                .body("Message", containsString("ResourceId"));
        aas.error("RegisterScalableTarget", "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/a/b\","
                + "\"ScalableDimension\":\"ecs:service:Memory\"}", "ValidationException");
        aas.error("DescribeScalableTargets", "{\"ServiceNamespace\":\"ecs\",\"MaxResults\":51}",
                "ValidationException").body("Message", containsString("MaxResults"));
        aas.error("DescribeScalingActivities", "{\"ServiceNamespace\":\"ecs\",\"NextToken\":\"garbage\"}",
                "InvalidNextTokenException");
        aas.error("DescribeScalableTargets", "{\"ServiceNamespace\":7}", "SerializationException");
    }

    // --- helpers --------------------------------------------------------------------------------

    private String cluster(String name) {
        return caller.arn("cluster/" + name);
    }

    /** Plays the scheduler: an ACTIVE service with {@code desired} tasks. */
    private String service(String cluster, String name, int desired) {
        String arn = caller.arn("service/" + cluster + "/" + name);
        publisher.publish(TestPublisher.envelope("service", arn, 1, caller.account(),
                new ServiceCreated(cluster(cluster), arn, name, null, desired, "REPLICA", "EC2", null, List.of(),
                        List.of())));
        return arn;
    }

    private static String target(String cluster, String service) {
        return "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/" + cluster + "/" + service
                + "\",\"ScalableDimension\":\"ecs:service:DesiredCount\"";
    }

    private ValidatableResponse register(String cluster, String service, int min, int max) {
        return registered(target(cluster, service) + ",\"MinCapacity\":" + min + ",\"MaxCapacity\":" + max + "}");
    }

    /** Registers once the service events have reached the scaling service. */
    private ValidatableResponse registered(String body) {
        AtomicReference<ValidatableResponse> registered = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ValidatableResponse response = aas.call("RegisterScalableTarget", body);
            registered.set(response);
            return response.extract().statusCode() == 200;
        });
        return registered.get();
    }

    private static String policy(String service, String name, int target) {
        return "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/" + targetCluster(service) + "/" + service
                + "\",\"ScalableDimension\":\"ecs:service:DesiredCount\",\"PolicyName\":\"" + name + "\","
                + "\"PolicyType\":\"TargetTrackingScaling\",\"TargetTrackingScalingPolicyConfiguration\":{"
                + "\"TargetValue\":" + target + ",\"PredefinedMetricSpecification\":{\"PredefinedMetricType\":"
                + "\"ECSServiceAverageCPUUtilization\"},\"ScaleOutCooldown\":300}}";
    }

    private static String targetCluster(String service) {
        return switch (service) {
            case "search" -> "shop";
            case "front" -> "web";
            default -> throw new IllegalArgumentException(service);
        };
    }

    private ValidatableResponse notify(String policyArn, double metricValue, double threshold) {
        return given().contentType(ContentType.JSON)
                .header("X-Berth-Account", caller.account()).header("X-Berth-Region", caller.region())
                .body("{\"policyArn\":\"" + policyArn + "\",\"metricValue\":" + metricValue + ",\"threshold\":"
                        + threshold + "}")
                .post("/v1/scaling/alarm-notifications").then();
    }

    private static void awaitDesiredCountCommand(String serviceArn, int desiredCount) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(commands.poll(AutoScalingTest::isUpdate)
                .stream().map(e -> (ManageService) e.payload())
                .filter(m -> m.request().path("service").asText().equals(serviceArn))
                .map(m -> m.request().path("desiredCount").asInt()))
                .contains(desiredCount));
    }

    private static boolean isUpdate(EventEnvelope envelope) {
        return envelope.payload() instanceof ManageService manage && "UpdateService".equals(manage.operation());
    }
}
