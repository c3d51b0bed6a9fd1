package io.berth.system;

import static io.berth.system.AwsCliIT.aws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18's "done when", through the AWS CLI v2 against the stack, whose Fargate tasks run as real
 * processes ({@code BERTH_FARGATE_RUNTIME=process}): a cluster with FARGATE (base 1) and
 * FARGATE_SPOT (weight 1:3), a service of 8 tasks split as ECS splits them, each RUNNING with its
 * ENI, stable, counted as Fargate in the cluster's statistics, each Spot task's placement explained by
 * the strategy's base and weight; a Spot interruption replaced; a service scaled out by an
 * application-autoscaling target tracking policy from its busy tasks' own CPU utilization; and what
 * Fargate refuses, at CreateService and UpdateService, refused with ECS's messages.
 */
@ExtendWith(SharedStack.class)
class FargateCliIT {

    static final String NETWORK = "awsvpcConfiguration={subnets=[subnet-0a1b2c3d,subnet-4e5f6a7b],"
            + "securityGroups=[sg-0e1f2a3b],assignPublicIp=DISABLED}";

    @Test
    void aFargateServiceSplitsOverFargateAndSpotRunsWithEnisAndReplacesAnInterruptedTask() throws Exception {
        AwsCliIT.Run cluster = aws("ecs", "create-cluster", "--cluster-name", "serverless",
                "--capacity-providers", "FARGATE", "FARGATE_SPOT", "--default-capacity-provider-strategy",
                "capacityProvider=FARGATE,base=1,weight=1", "capacityProvider=FARGATE_SPOT,weight=3");
        assertThat(cluster.exit()).as(cluster.err()).isZero();
        JsonNode described = aws("ecs", "describe-clusters", "--clusters", "serverless").json().at("/clusters/0");
        assertThat(described.at("/capacityProviders").toString()).isEqualTo("[\"FARGATE\",\"FARGATE_SPOT\"]");
        assertThat(described.at("/defaultCapacityProviderStrategy/0/base").asInt()).isEqualTo(1);
        JsonNode providers = aws("ecs", "describe-capacity-providers", "--capacity-providers", "FARGATE",
                "FARGATE_SPOT").json();
        assertThat(providers.at("/capacityProviders/1/name").asText()).isEqualTo("FARGATE_SPOT");
        assertThat(providers.at("/capacityProviders/1/status").asText()).isEqualTo("ACTIVE");

        AwsCliIT.Run badSize = aws("ecs", "register-task-definition", "--family", "too-small",
                "--requires-compatibilities", "FARGATE", "--network-mode", "awsvpc", "--cpu", "256", "--memory", "4096",
                "--container-definitions", "[{\"name\":\"app\",\"image\":\"busybox\"}]");
        assertThat(badSize.exit()).isNotZero();
        assertThat(badSize.err()).contains("ClientException").contains("No Fargate configuration exists for given"
                + " values: 256 CPU, 4096 memory.");

        AwsCliIT.Run registered = aws("ecs", "register-task-definition", "--family", "serverless-web",
                "--requires-compatibilities", "FARGATE", "--network-mode", "awsvpc", "--cpu", "256", "--memory", "512",
                "--container-definitions", "[{\"name\":\"app\",\"image\":\"busybox\",\"command\":[\"sleep\",\"3600\"],"
                        + "\"portMappings\":[{\"containerPort\":8080}]}]");
        assertThat(registered.exit()).as(registered.err()).isZero();
        assertThat(registered.json().at("/taskDefinition/compatibilities").toString()).contains("FARGATE");

        AwsCliIT.Run noSubnets = aws("ecs", "create-service", "--cluster", "serverless", "--service-name", "web",
                "--task-definition", "serverless-web", "--desired-count", "8");
        assertThat(noSubnets.exit()).isNotZero();
        assertThat(noSubnets.err()).contains("InvalidParameterException").contains("Network Configuration must be"
                + " provided when networkMode 'awsvpc' is specified.");
        AwsCliIT.Run placed = aws("ecs", "create-service", "--cluster", "serverless", "--service-name", "web",
                "--task-definition", "serverless-web", "--desired-count", "8", "--network-configuration", NETWORK,
                "--placement-strategy", "type=spread,field=attribute:ecs.availability-zone");
        assertThat(placed.exit()).isNotZero();
        assertThat(placed.err()).contains("InvalidParameterException").contains("Task placement strategies are not"
                + " supported for the FARGATE launch type.");

        AwsCliIT.Run created = aws("ecs", "create-service", "--cluster", "serverless", "--service-name", "web",
                "--task-definition", "serverless-web", "--desired-count", "8", "--network-configuration", NETWORK);
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.json().at("/service/capacityProviderStrategy/1/capacityProvider").asText())
                .isEqualTo("FARGATE_SPOT");
        assertThat(created.json().at("/service/platformVersion").asText()).isEqualTo("LATEST");
        assertThat(created.json().at("/service/platformFamily").asText()).isEqualTo("Linux");
        AwsCliIT.Run stable = aws("ecs", "wait", "services-stable", "--cluster", "serverless", "--services", "web");
        assertThat(stable.exit()).as(stable.err()).isZero();

        JsonNode tasks = describeServiceTasks();
        assertThat(tasks.size()).isEqualTo(8);
        Map<String, Integer> byProvider = new HashMap<>();
        Set<String> addresses = new HashSet<>();
        for (JsonNode task : tasks) {
            byProvider.merge(task.at("/capacityProviderName").asText(), 1, Integer::sum);
            assertThat(task.at("/lastStatus").asText()).isEqualTo("RUNNING");
            assertThat(task.at("/launchType").asText()).isEqualTo("FARGATE");
            assertThat(task.at("/platformVersion").asText()).isEqualTo("1.4.0");
            assertThat(task.has("containerInstanceArn")).isFalse();
            assertThat(task.at("/attachments/0/type").asText()).isEqualTo("ElasticNetworkInterface");
            assertThat(task.at("/attachments/0/status").asText()).isEqualTo("ATTACHED");
            String address = detail(task, "privateIPv4Address");
            assertThat(address).matches("10\\.\\d+\\.\\d+\\.\\d+");
            assertThat(task.at("/containers/0/networkInterfaces/0/privateIpv4Address").asText()).isEqualTo(address);
            assertThat(detail(task, "networkInterfaceId")).startsWith("eni-");
            addresses.add(address);
        }
        assertThat(byProvider).isEqualTo(Map.of("FARGATE", 3, "FARGATE_SPOT", 5));
        assertThat(addresses).hasSize(8);
        assertThat(aws("ecs", "list-container-instances", "--cluster", "serverless").json()
                .at("/containerInstanceArns").size()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statistics()).containsAllEntriesOf(Map.of(
                "runningFargateTasksCount", "8", "runningEC2TasksCount", "0", "pendingFargateTasksCount", "0",
                "activeFargateServiceCount", "1", "activeEC2ServiceCount", "0")));

        // Bridge networking: valid on instances only, whatever requiresCompatibilities says.
        AwsCliIT.Run onInstancesOnly = aws("ecs", "register-task-definition", "--family", "instances-only",
                "--network-mode", "bridge", "--container-definitions",
                "[{\"name\":\"app\",\"image\":\"busybox\",\"memory\":128}]");
        assertThat(onInstancesOnly.exit()).as(onInstancesOnly.err()).isZero();
        assertThat(onInstancesOnly.json().at("/taskDefinition/compatibilities").toString()).doesNotContain("FARGATE");
        AwsCliIT.Run notForFargate = aws("ecs", "update-service", "--cluster", "serverless", "--service", "web",
                "--task-definition", "instances-only");
        assertThat(notForFargate.exit()).isNotZero();
        assertThat(notForFargate.err()).contains("InvalidParameterException").contains("Task definition does not"
                + " support launch_type FARGATE.");
        AwsCliIT.Run noSuchPlatform = aws("ecs", "update-service", "--cluster", "serverless", "--service", "web",
                "--platform-version", "9.9.9");
        assertThat(noSuchPlatform.exit()).isNotZero();
        assertThat(noSuchPlatform.err()).contains("PlatformUnknownException");

        String spot = null;
        for (JsonNode task : tasks) {
            if ("FARGATE_SPOT".equals(task.at("/capacityProviderName").asText())) {
                spot = task.at("/taskArn").asText();
            }
        }
        HttpResponse<String> explained = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:8080/v1/clusters/serverless/tasks/" + spot.substring(spot.lastIndexOf('/') + 1)
                        + "/placement")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(explained.statusCode()).as(explained.body()).isEqualTo(200);
        JsonNode explanation = AwsCliIT.JSON.readTree(explained.body());
        assertThat(explanation.at("/capacityProviderName").asText()).isEqualTo("FARGATE_SPOT");
        assertThat(explanation.at("/reason").asText()).isEqualTo("The capacity provider strategy FARGATE (base 1,"
                + " weight 1, 3 tasks now), FARGATE_SPOT (base 0, weight 3, 5 tasks now): FARGATE_SPOT was furthest"
                + " below its share by base and weight when the task was placed.");

        HttpResponse<String> interrupted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:8080/v1/clusters/serverless/tasks/" + spot.substring(spot.lastIndexOf('/') + 1)
                                + "/spot-interruption")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(interrupted.statusCode()).as(interrupted.body()).isEqualTo(200);
        JsonNode warned = AwsCliIT.JSON.readTree(interrupted.body()).at("/task");
        assertThat(warned.at("/stopCode").asText()).isEqualTo("TerminationNotice");
        assertThat(warned.at("/desiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(aws("ecs", "wait", "tasks-stopped", "--cluster", "serverless", "--tasks", spot).exit()).isZero();
        JsonNode stopped = aws("ecs", "describe-tasks", "--cluster", "serverless", "--tasks", spot).json()
                .at("/tasks/0");
        assertThat(stopped.at("/stopCode").asText()).isEqualTo("SpotInterruption");
        assertThat(stopped.at("/stoppedReason").asText()).isEqualTo("Your Spot Task was interrupted.");
        assertThat(stopped.at("/attachments/0/status").asText()).isEqualTo("DELETED");

        String interruptedArn = spot;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode now = describeServiceTasks();
            assertThat(now.size()).isEqualTo(8);
            List<String> arns = new ArrayList<>();
            now.forEach(t -> arns.add(t.at("/taskArn").asText()));
            assertThat(arns).doesNotContain(interruptedArn);
        });
        assertThat(aws("ecs", "wait", "services-stable", "--cluster", "serverless", "--services", "web").exit())
                .isZero();
    }

    /**
     * A task busy on its whole CPU uses four times a quarter vCPU: the target tracking policy at 50 %
     * sees it in the metric the process runtime samples from the task's own processes, and scales the
     * service out to its maximum.
     */
    @Test
    void aTargetTrackingPolicyScalesAFargateServiceFromItsTasksOwnCpuUtilization() throws Exception {
        assertThat(aws("ecs", "create-cluster", "--cluster-name", "serverless-scaling").exit()).isZero();
        AwsCliIT.Run registered = aws("ecs", "register-task-definition", "--family", "serverless-busy",
                "--requires-compatibilities", "FARGATE", "--network-mode", "awsvpc", "--cpu", "256", "--memory", "512",
                "--container-definitions", "[{\"name\":\"app\",\"image\":\"busybox\",\"command\":[\"sh\",\"-c\","
                        + "\"while :; do :; done\"]}]");
        assertThat(registered.exit()).as(registered.err()).isZero();
        AwsCliIT.Run created = aws("ecs", "create-service", "--cluster", "serverless-scaling", "--service-name",
                "busy", "--task-definition", "serverless-busy", "--desired-count", "1", "--launch-type", "FARGATE",
                "--network-configuration", NETWORK);
        assertThat(created.exit()).as(created.err()).isZero();
        try {
            AwsCliIT.Run target = aws("application-autoscaling", "register-scalable-target", "--service-namespace",
                    "ecs", "--scalable-dimension", "ecs:service:DesiredCount", "--resource-id",
                    "service/serverless-scaling/busy", "--min-capacity", "1", "--max-capacity", "2");
            assertThat(target.exit()).as(target.err()).isZero();
            AwsCliIT.Run policy = aws("application-autoscaling", "put-scaling-policy", "--policy-name", "cpu50",
                    "--policy-type", "TargetTrackingScaling", "--service-namespace", "ecs", "--scalable-dimension",
                    "ecs:service:DesiredCount", "--resource-id", "service/serverless-scaling/busy",
                    "--target-tracking-scaling-policy-configuration", "{\"TargetValue\":50,"
                            + "\"PredefinedMetricSpecification\":{\"PredefinedMetricType\":"
                            + "\"ECSServiceAverageCPUUtilization\"},\"ScaleOutCooldown\":0}");
            assertThat(policy.exit()).as(policy.err()).isZero();

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                    aws("ecs", "describe-services", "--cluster", "serverless-scaling", "--services", "busy").json()
                            .at("/services/0/desiredCount").asInt()).isEqualTo(2));
            JsonNode activities = aws("application-autoscaling", "describe-scaling-activities", "--service-namespace",
                    "ecs", "--resource-id", "service/serverless-scaling/busy").json().at("/ScalingActivities");
            assertThat(activities.toString()).contains("cpu50");
        } finally {
            aws("ecs", "delete-service", "--cluster", "serverless-scaling", "--service", "busy", "--force");
        }
    }

    private static Map<String, String> statistics() throws Exception {
        Map<String, String> byName = new HashMap<>();
        aws("ecs", "describe-clusters", "--clusters", "serverless", "--include", "STATISTICS").json()
                .at("/clusters/0/statistics").forEach(s -> byName.put(s.at("/name").asText(), s.at("/value").asText()));
        return byName;
    }

    private static String detail(JsonNode task, String name) {
        for (JsonNode detail : task.at("/attachments/0/details")) {
            if (name.equals(detail.at("/name").asText())) {
                return detail.at("/value").asText();
            }
        }
        return null;
    }

    private static JsonNode describeServiceTasks() throws Exception {
        JsonNode arns = aws("ecs", "list-tasks", "--cluster", "serverless", "--service-name", "web",
                "--desired-status", "RUNNING").json().at("/taskArns");
        List<String> args = new ArrayList<>(List.of("ecs", "describe-tasks", "--cluster", "serverless", "--tasks"));
        arns.forEach(a -> args.add(a.asText()));
        if (arns.isEmpty()) {
            return arns;
        }
        return aws(args.toArray(String[]::new)).json().at("/tasks");
    }
}
