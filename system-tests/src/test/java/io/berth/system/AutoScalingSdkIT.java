package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivityStatusCode;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Service auto scaling through the whole stack with the SDK's {@code ApplicationAutoScalingClient}:
 * a target tracking policy on CPU scales a service out from the utilization its simulated tasks
 * report, up to the target's maximum; a scheduled action narrows the range at its time and the
 * service follows; the describe operations page with the SDK paginators; errors arrive as the
 * SDK's modeled exceptions.
 */
@ExtendWith(SharedStack.class)
class AutoScalingSdkIT {

    static final String ACCOUNT = "123456789015";
    static final String RESOURCE = "service/scale/web";
    static EcsClient ecs;
    static ApplicationAutoScalingClient aas;

    @BeforeAll
    static void connect() {
        ecs = EcsSdkIT.client(ACCOUNT, Region.EU_WEST_1);
        aas = ApplicationAutoScalingClient.builder()
                .endpointOverride(URI.create("http://localhost:8080"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void disconnect() {
        ecs.close();
        aas.close();
    }

    @Test
    void aServiceScalesOnItsTasksCpuAndFollowsAScheduledAction() throws Exception {
        ecs.createCluster(r -> r.clusterName("scale"));
        TasksSdkIT.rest(ACCOUNT, "/v1/clusters/scale/fleet", "{\"instanceType\":\"m5.large\",\"count\":4}");
        TasksSdkIT.awaitCapacity(ACCOUNT, "scale", 4);
        String busy = ecs.registerTaskDefinition(r -> r.family("scale-web").containerDefinitions(c -> c.name("main")
                .image("busybox").memory(256).cpu(256).dockerLabels(Map.of("berth.simulate.cpu", "90"))))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("scale").serviceName("web").taskDefinition(busy).desiredCount(1));
        ecs.waiter().waitUntilServicesStable(r -> r.cluster("scale").services("web"));

        String targetArn = aas.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(1).maxCapacity(4).tags(Map.of("team", "web"))).scalableTargetARN();
        assertThat(targetArn).startsWith("arn:aws:application-autoscaling:eu-west-1:" + ACCOUNT + ":scalable-target/");
        PutScalingPolicyResponse policy = aas.putScalingPolicy(r -> r.policyName("cpu50")
                .serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0).scaleOutCooldown(0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(
                                MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
        assertThat(policy.alarms()).hasSize(2);
        assertThat(policy.policyARN()).endsWith(":resource/ecs/" + RESOURCE + ":policyName/cpu50");

        // 90% against a 50% target: 1 → 2 → 4, where the target's maximum holds it.
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(desiredCount()).isEqualTo(4));
        ecs.waiter().waitUntilServicesStable(r -> r.cluster("scale").services("web"));
        List<ScalingActivity> activities = aas.describeScalingActivitiesPaginator(r -> r
                .serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE).maxResults(1))
                .scalingActivities().stream().toList();
        assertThat(activities).extracting(ScalingActivity::description)
                .contains("Setting desired count to 2.", "Setting desired count to 4.");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(aas.describeScalingActivities(r -> r
                        .serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)).scalingActivities())
                .filteredOn(a -> a.description().equals("Setting desired count to 4."))
                .singleElement().extracting(ScalingActivity::statusCode)
                .isEqualTo(ScalingActivityStatusCode.SUCCESSFUL));
        assertThat(activities).allSatisfy(a -> assertThat(a.cause()).contains("AlarmHigh").endsWith("policy cpu50"));

        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now().plusSeconds(3));
        aas.putScheduledAction(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).scheduledActionName("quiet")
                .schedule("at(" + at + ")").scalableTargetAction(a -> a.minCapacity(1).maxCapacity(2)));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(desiredCount()).isEqualTo(2));
        ScalableTarget target = aas.describeScalableTargetsPaginator(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(RESOURCE)).scalableTargets().stream().findFirst().orElseThrow();
        assertThat(target.minCapacity()).isEqualTo(1);
        assertThat(target.maxCapacity()).isEqualTo(2);
        assertThat(aas.describeScheduledActions(r -> r.serviceNamespace(ServiceNamespace.ECS))
                .scheduledActions()).singleElement().satisfies(a -> assertThat(a.schedule()).isEqualTo("at(" + at + ")"));
        assertThat(aas.listTagsForResource(r -> r.resourceARN(targetArn)).tags()).containsEntry("team", "web");

        aas.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
        assertThat(aas.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalableTargets())
                .isEmpty();
        assertThat(aas.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalingPolicies())
                .isEmpty();
    }

    @Test
    void errorsAreTheSdksModeledExceptions() {
        assertThatThrownBy(() -> aas.deleteScalingPolicy(r -> r.policyName("none")
                .serviceNamespace(ServiceNamespace.ECS).resourceId("service/nowhere/none")
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> aas.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId("service/nowhere/none").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(1).maxCapacity(2)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("ECS service doesn't exist: service/nowhere/none");
        assertThatThrownBy(() -> aas.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.DYNAMODB)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ECS services only");
    }

    private static int desiredCount() {
        return ecs.describeServices(r -> r.cluster("scale").services("web")).services().get(0).desiredCount();
    }
}
