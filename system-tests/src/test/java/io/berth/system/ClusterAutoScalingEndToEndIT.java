package io.berth.system;

import static io.berth.system.AutoScalingGroupsCliIT.group;
import static io.berth.system.AwsCliIT.aws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 20's two halves together through the AWS CLI v2 (ecs, ec2, autoscaling) against the shared
 * stack with simulated instances: an Auto Scaling group from a launch template whose user data names
 * the cluster (ADR 0038), a capacity provider with managed scaling and managed termination protection
 * as the cluster's default strategy (ADR 0039), a service asking for more tasks than the group's one
 * instance holds. The tasks that do not fit wait in PROVISIONING, the provider's CapacityProviderReservation
 * makes the scaling-service scale the group out, the new instances register with the provider's name and
 * every task runs; the service then scales in, the empty instances drain and leave, the group ends at its
 * minimum and the one task left is one of the first, never stopped or replaced.
 *
 * <p>The shared stack's settings are left as they are: the scaling-service's metric period is two seconds
 * ({@link RunningStack}), so the low alarm's 15 datapoints span 28 s, but an unchanged measurement is only
 * written once a {@code BERTH_CAPACITY_MEASUREMENT_PERIOD} (ECS's minute), so the first scale-in step
 * comes about a minute after the service scaled in; the next follows the first instance's departure.
 * A shorter period would add a measurement every few seconds to every managed provider on the stack,
 * and {@link ClusterAutoScalingCliIT} reads the newest one.
 */
@ExtendWith(SharedStack.class)
class ClusterAutoScalingEndToEndIT {

    static final String CLUSTER = "e2e-scale";
    static final String TEMPLATE = "e2e-hosts";
    static final String GROUP = "e2e-hosts";
    static final String PROVIDER = "e2e-capacity";
    static final String SERVICE = "web";
    static final int TASKS = 6;
    /** A t3.medium registers 2,048 CPU units: two of these tasks fit one instance. */
    static final int TASKS_PER_INSTANCE = 2;
    static final Duration SCALE_OUT = Duration.ofSeconds(90);
    static final Duration SCALE_IN = Duration.ofMinutes(4);

    @Test
    void aServiceBeyondCapacityScalesTheGroupOutAndItsScaleInDrainsTheGroupBackToItsMinimum() throws Exception {
        assertThat(aws("ecs", "create-cluster", "--cluster-name", CLUSTER).exit()).isZero();
        String userData = Base64.getEncoder().encodeToString(("#!/bin/bash\necho ECS_CLUSTER=" + CLUSTER
                + " >> /etc/ecs/ecs.config\n").getBytes(StandardCharsets.UTF_8));
        AwsCliIT.Run template = aws("ec2", "create-launch-template", "--launch-template-name", TEMPLATE,
                "--launch-template-data", "{\"InstanceType\":\"t3.medium\",\"ImageId\":\"ami-0abc1234\","
                        + "\"UserData\":\"" + userData + "\"}");
        assertThat(template.exit()).as(template.err()).isZero();
        // Managed termination protection needs the group's instances protected from scale-in (ECS's rule).
        AwsCliIT.Run created = aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", GROUP,
                "--launch-template", "LaunchTemplateName=" + TEMPLATE + ",Version=$Latest", "--min-size", "0",
                "--max-size", "4", "--desired-capacity", "0", "--availability-zones", "us-east-1a", "us-east-1b",
                "--new-instances-protected-from-scale-in");
        assertThat(created.exit()).as(created.err()).isZero();
        String groupArn = group(GROUP).at("/0/AutoScalingGroupARN").asText();

        AwsCliIT.Run provider = aws("ecs", "create-capacity-provider", "--name", PROVIDER,
                "--auto-scaling-group-provider", "autoScalingGroupArn=" + groupArn
                        + ",managedScaling={status=ENABLED,targetCapacity=100,minimumScalingStepSize=1,"
                        + "maximumScalingStepSize=4,instanceWarmupPeriod=5},managedTerminationProtection=ENABLED");
        assertThat(provider.exit()).as(provider.err()).isZero();
        AwsCliIT.Run associated = aws("ecs", "put-cluster-capacity-providers", "--cluster", CLUSTER,
                "--capacity-providers", PROVIDER, "--default-capacity-provider-strategy",
                "capacityProvider=" + PROVIDER + ",weight=1,base=0");
        assertThat(associated.exit()).as(associated.err()).isZero();
        // The minimum is raised once the provider exists, so that its instance registers with the provider's name.
        AwsCliIT.Run minimum = aws("autoscaling", "update-auto-scaling-group", "--auto-scaling-group-name", GROUP,
                "--min-size", "1", "--desired-capacity", "1");
        assertThat(minimum.exit()).as(minimum.err()).isZero();
        await().atMost(SCALE_OUT).until(() -> providerInstances().size() == 1);

        AwsCliIT.Run registered = aws("ecs", "register-task-definition", "--family", "e2e-web", "--cpu", "1024",
                "--memory", "512", "--container-definitions", "[{\"name\":\"app\",\"image\":\"nginx\","
                        + "\"cpu\":1024,\"memory\":512}]");
        assertThat(registered.exit()).as(registered.err()).isZero();
        AwsCliIT.Run service = aws("ecs", "create-service", "--cluster", CLUSTER, "--service-name", SERVICE,
                "--task-definition", "e2e-web", "--desired-count", String.valueOf(TASKS));
        assertThat(service.exit()).as(service.err()).isZero();
        assertThat(service.json().at("/service/capacityProviderStrategy/0/capacityProvider").asText())
                .isEqualTo(PROVIDER);

        int instances = TASKS / TASKS_PER_INSTANCE;
        await().atMost(SCALE_OUT).until(() -> running().size() == TASKS);
        List<JsonNode> first = running();
        assertThat(first).allSatisfy(t -> assertThat(t.at("/capacityProviderName").asText()).isEqualTo(PROVIDER));
        assertThat(providerInstances()).hasSize(instances);
        assertThat(group(GROUP).at("/0/DesiredCapacity").asInt()).isEqualTo(instances);
        JsonNode scaleOut = measurements().stream().filter(m -> m.at("/provisioningTasks").asInt() > 0
                && m.at("/desiredCapacity").isInt()).reduce((newer, older) -> older).orElseThrow();
        assertThat(scaleOut.at("/provisioningTasks").asInt()).isEqualTo(TASKS - TASKS_PER_INSTANCE);
        assertThat(scaleOut.at("/desiredCapacity").asInt()).isEqualTo(instances);
        assertThat(scaleOut.at("/reason").asText()).isEqualTo("CapacityProviderReservation 300 (M=3, N=1) above"
                + " target 100: scale out to 3");

        AwsCliIT.Run scaledIn = aws("ecs", "update-service", "--cluster", CLUSTER, "--service", SERVICE,
                "--desired-count", "1");
        assertThat(scaledIn.exit()).as(scaledIn.err()).isZero();
        await().atMost(SCALE_IN).until(() -> group(GROUP).at("/0/Instances").size() == 1
                && providerInstances().size() == 1
                && AutoScalingGroupsCliIT.containerInstances(CLUSTER, "DRAINING") == 0);
        assertThat(group(GROUP).at("/0/DesiredCapacity").asInt()).isEqualTo(1);
        assertThat(measurements()).anySatisfy(m -> assertThat(m.at("/reason").asText())
                .endsWith("below target 100 for 15 datapoints: scale in to 2"));
        AwsCliIT.Run activities = aws("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name",
                GROUP);
        assertThat(activities.exit()).as(activities.err()).isZero();
        assertThat(activities.json().at("/Activities").findValuesAsText("Description"))
                .filteredOn(d -> d.startsWith("Terminating EC2 instance: ")).hasSize(instances - 1);

        List<JsonNode> left = running();
        assertThat(left).hasSize(1);
        List<String> firstArns = first.stream().map(t -> t.at("/taskArn").asText()).toList();
        assertThat(firstArns).contains(left.get(0).at("/taskArn").asText());
        assertThat(left.get(0).at("/startedAt")).isEqualTo(first.stream().filter(t -> t.at("/taskArn")
                .equals(left.get(0).at("/taskArn"))).findFirst().orElseThrow().at("/startedAt"));
        List<JsonNode> stopped = tasks("STOPPED");
        assertThat(stopped).hasSize(TASKS - 1);
        assertThat(stopped).allSatisfy(t -> {
            assertThat(firstArns).contains(t.at("/taskArn").asText());
            assertThat(t.at("/stopCode").asText()).isEqualTo("ServiceSchedulerInitiated");
            assertThat(t.at("/stoppedReason").asText()).startsWith("Scaling activity initiated by (deployment ");
        });
    }

    /** Whatever the test got to, the stack is left without this test's service, group, provider and cluster. */
    @AfterEach
    void cleanUp() throws Exception {
        SoftAssertions cleaned = new SoftAssertions();
        List<AwsCliIT.Run> runs = new ArrayList<>();
        if (aws("ecs", "describe-services", "--cluster", CLUSTER, "--services", SERVICE).json()
                .at("/services/0/status").asText().equals("ACTIVE")) {
            runs.add(aws("ecs", "delete-service", "--cluster", CLUSTER, "--service", SERVICE, "--force"));
            runs.add(aws("ecs", "wait", "services-inactive", "--cluster", CLUSTER, "--services", SERVICE));
        }
        if (!group(GROUP).isEmpty()) {
            runs.add(aws("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", GROUP,
                    "--force-delete"));
        }
        runs.forEach(run -> cleaned.assertThat(run.exit()).as(run.err()).isZero());
        await().atMost(Duration.ofSeconds(60)).until(() -> group(GROUP).isEmpty()
                && AutoScalingGroupsCliIT.containerInstances(CLUSTER, "ACTIVE") == 0
                && AutoScalingGroupsCliIT.containerInstances(CLUSTER, "DRAINING") == 0);
        // A provider cannot be deleted while an ACTIVE cluster has it: the cluster goes first.
        for (String[] delete : List.of(new String[] {"ecs", "delete-cluster", "--cluster", CLUSTER},
                new String[] {"ecs", "delete-capacity-provider", "--capacity-provider", PROVIDER},
                new String[] {"ec2", "delete-launch-template", "--launch-template-name", TEMPLATE})) {
            AwsCliIT.Run run = aws(delete);
            cleaned.assertThat(run.exit()).as(run.err()).isZero();
        }
        cleaned.assertAll();
    }

    /** The cluster's ACTIVE container instances registered with the provider's name. */
    private static List<JsonNode> providerInstances() throws Exception {
        AwsCliIT.Run listed = aws("ecs", "list-container-instances", "--cluster", CLUSTER, "--status", "ACTIVE");
        assertThat(listed.exit()).as(listed.err()).isZero();
        JsonNode arns = listed.json().at("/containerInstanceArns");
        if (arns.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("ecs", "describe-container-instances", "--cluster", CLUSTER,
                "--container-instances"));
        arns.forEach(a -> args.add(a.asText()));
        AwsCliIT.Run described = aws(args.toArray(String[]::new));
        assertThat(described.exit()).as(described.err()).isZero();
        return StreamSupport.stream(described.json().at("/containerInstances").spliterator(), false)
                .filter(i -> PROVIDER.equals(i.at("/capacityProviderName").asText())).toList();
    }

    private static List<JsonNode> running() throws Exception {
        return tasks("RUNNING").stream().filter(t -> "RUNNING".equals(t.at("/lastStatus").asText())).toList();
    }

    /** The service's tasks of a desired status, described. */
    private static List<JsonNode> tasks(String desiredStatus) throws Exception {
        AwsCliIT.Run listed = aws("ecs", "list-tasks", "--cluster", CLUSTER, "--service-name", SERVICE,
                "--desired-status", desiredStatus);
        assertThat(listed.exit()).as(listed.err()).isZero();
        JsonNode arns = listed.json().at("/taskArns");
        if (arns.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("ecs", "describe-tasks", "--cluster", CLUSTER, "--tasks"));
        arns.forEach(a -> args.add(a.asText()));
        AwsCliIT.Run described = aws(args.toArray(String[]::new));
        assertThat(described.exit()).as(described.err()).isZero();
        assertThat(described.json().at("/failures").size()).isZero();
        return StreamSupport.stream(described.json().at("/tasks").spliterator(), false).toList();
    }

    /** The provider's measurements in the cluster with each managed scaling decision, newest first. */
    private static List<JsonNode> measurements() throws Exception {
        JsonNode scaling = ClusterAutoScalingCliIT.get("/v1/clusters/" + CLUSTER + "/capacity-providers/" + PROVIDER
                + "/scaling?limit=1000");
        return StreamSupport.stream(scaling.at("/measurements").spliterator(), false).toList();
    }
}
