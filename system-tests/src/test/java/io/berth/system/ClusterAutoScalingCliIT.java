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
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ECS side of cluster auto scaling (issue 20, ADR 0039) through the AWS CLI v2 against the stack:
 * a capacity provider with managed scaling as the cluster's default strategy, a RunTask that no
 * instance can hold answered in PROVISIONING, then the scheduler's CapacityProviderReservation and
 * the scaling-service's decision for the group in /v1: once the high alarm has its datapoint, two instances for an
 * empty group (ADR 0042). The group launching instances for it is the
 * agent-service's (issue 20's Auto Scaling groups); this test ends where that begins.
 */
@ExtendWith(SharedStack.class)
class ClusterAutoScalingCliIT {

    static final String GROUP = "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
            + "5f1c2b3a-0d9e-4f8a-b7c6-d5e4f3a2b1c0:autoScalingGroupName/elastic";

    @Test
    void aTaskWaitsForCapacityAndManagedScalingAsksTheGroupForAnInstance() throws Exception {
        AwsCliIT.Run provider = aws("ecs", "create-capacity-provider", "--name", "elastic",
                "--auto-scaling-group-provider", "autoScalingGroupArn=" + GROUP
                        + ",managedScaling={status=ENABLED,targetCapacity=100,minimumScalingStepSize=1,"
                        + "maximumScalingStepSize=10,instanceWarmupPeriod=60},managedTerminationProtection=DISABLED");
        assertThat(provider.exit()).as(provider.err()).isZero();
        AwsCliIT.Run taken = aws("ecs", "create-capacity-provider", "--name", "elastic-twin",
                "--auto-scaling-group-provider", "autoScalingGroupArn=" + GROUP);
        assertThat(taken.exit()).isNotZero();
        assertThat(taken.err()).contains("ClientException").contains("The specified Auto Scaling group ARN is already"
                + " being used by another capacity provider.");

        AwsCliIT.Run cluster = aws("ecs", "create-cluster", "--cluster-name", "elastic",
                "--capacity-providers", "elastic", "--default-capacity-provider-strategy",
                "capacityProvider=elastic,weight=1");
        assertThat(cluster.exit()).as(cluster.err()).isZero();
        assertThat(aws("ecs", "register-task-definition", "--family", "elastic-job", "--container-definitions",
                "[{\"name\":\"app\",\"image\":\"busybox\",\"memory\":512,\"command\":[\"sleep\",\"60\"]}]").exit())
                .isZero();

        AwsCliIT.Run run = aws("ecs", "run-task", "--cluster", "elastic", "--task-definition", "elastic-job",
                "--count", "2");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().at("/failures").size()).isZero();
        JsonNode tasks = run.json().at("/tasks");
        assertThat(tasks.size()).isEqualTo(2);
        String task = tasks.get(0).at("/taskArn").asText();
        JsonNode described = aws("ecs", "describe-tasks", "--cluster", "elastic", "--tasks", task).json()
                .at("/tasks/0");
        assertThat(described.at("/lastStatus").asText()).isEqualTo("PROVISIONING");
        assertThat(described.at("/desiredStatus").asText()).isEqualTo("RUNNING");
        assertThat(described.at("/capacityProviderName").asText()).isEqualTo("elastic");
        assertThat(described.has("containerInstanceArn")).isFalse();

        // The first measurement above the target opens the high alarm's datapoint; a later one completes it, and
        // from an empty group the step of one instance becomes two (ECS's 200 %).
        JsonNode scaling = await().atMost(Duration.ofSeconds(60)).until(
                () -> get("/v1/clusters/elastic/capacity-providers/elastic/scaling?limit=500"),
                s -> StreamSupport.stream(s.at("/measurements").spliterator(), false)
                        .anyMatch(m -> m.at("/desiredCapacity").isInt()));
        List<JsonNode> measurements = StreamSupport.stream(scaling.at("/measurements").spliterator(), false)
                .toList();
        List<JsonNode> decisions = measurements.stream().filter(m -> m.at("/desiredCapacity").isInt()).toList();
        assertThat(decisions).hasSize(1);
        JsonNode decision = decisions.get(0);
        assertThat(decision.at("/capacityProviderReservation").asInt()).isEqualTo(200);
        assertThat(decision.at("/instancesRunning").asInt()).isZero();
        assertThat(decision.at("/provisioningTasks").asInt()).isEqualTo(2);
        assertThat(decision.at("/desiredCapacity").asInt()).isEqualTo(2);
        assertThat(decision.at("/reason").asText()).isEqualTo("CapacityProviderReservation 200 (M=1, N=0) above"
                + " target 100: scale out to 2; AlarmHigh ALARM (1 of 1 datapoints above 100)");
        List<JsonNode> above = measurements.stream().filter(m -> m.at("/capacityProviderReservation").asInt() == 200)
                .toList();
        JsonNode first = above.get(above.size() - 1);
        assertThat(first.has("desiredCapacity")).isFalse();
        assertThat(first.at("/reason").asText()).startsWith("CapacityProviderReservation 200 (M=1, N=0) above target"
                + " 100: no scale-out before the high alarm; AlarmHigh OK (0 of 1 datapoints above 100 since ");
        assertThat(decision.at("/timestamp").asDouble() - first.at("/timestamp").asDouble()).isGreaterThanOrEqualTo(2);
        assertThat(scaling.at("/autoScalingGroupArn").asText()).isEqualTo(GROUP);

        AwsCliIT.Run stop = aws("ecs", "stop-task", "--cluster", "elastic", "--task", task);
        assertThat(stop.exit()).as(stop.err()).isZero();
        assertThat(aws("ecs", "describe-tasks", "--cluster", "elastic", "--tasks", task).json()
                .at("/tasks/0/lastStatus").asText()).isEqualTo("STOPPED");
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:8080" + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AwsCliIT.JSON.readTree(response.body());
    }
}
